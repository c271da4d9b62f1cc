import type { z } from 'zod';
import { dutyLogInput } from './duty';
import { faultInput } from './fault';
import { scanInput } from './scan';
import { incidentInput } from './incident';
import { inspectionInput } from './inspection';
import { trainingInput } from './training';
import { copyFilingInput } from './copyFiling';
import { maintainerInput } from './maintainer';
import type { PastField } from './pastOnly';

/**
 * The declared ledgers: the table each lives in, the schema every write is
 * parsed with, the records it refers to, and what must be unique among its
 * active records. The repository enforces all of it for every ledger alike.
 */

export const LEDGER_TABLES = ['dutyLogs', 'faults', 'scans', 'incidents', 'inspections', 'trainings', 'copyFilings', 'maintainers'] as const;
export type LedgerTable = (typeof LEDGER_TABLES)[number];

export interface LedgerRef {
  field: string;
  table: 'devices' | 'maintainers';
  many: boolean;
}

export interface LedgerSpec {
  schema: z.ZodType<Record<string, unknown>, unknown>;
  refs: readonly LedgerRef[];
  /** Fields whose combination may appear once among active records (one duty log per day and shift). */
  unique?: readonly string[];
  /** Fields recording what already happened: refused when ahead of now. */
  pastOnly?: readonly PastField[];
}

export const LEDGER_SPECS: Record<LedgerTable, LedgerSpec> = {
  dutyLogs: { schema: dutyLogInput, refs: [], unique: ['date', 'shift'], pastOnly: [{ field: 'date', kind: 'date' }] },
  faults: {
    schema: faultInput,
    refs: [
      { field: 'deviceIds', table: 'devices', many: true },
      { field: 'maintainerId', table: 'maintainers', many: false },
    ],
    pastOnly: [
      { field: 'reportedAt', kind: 'moment' },
      { field: 'urges', kind: 'moments' },
      { field: 'arrivedAt', kind: 'moment' },
      { field: 'resolvedAt', kind: 'moment' },
      { field: 'sheetSentOn', kind: 'date' },
    ],
  },
  scans: {
    schema: scanInput,
    refs: [{ field: 'deviceId', table: 'devices', many: false }],
    pastOnly: [
      { field: 'scannedOn', kind: 'date' },
      { field: 'signatureDate', kind: 'date' },
    ],
  },
  incidents: {
    schema: incidentInput,
    refs: [{ field: 'deviceIds', table: 'devices', many: true }],
    pastOnly: [
      { field: 'occurredAt', kind: 'moment' },
      { field: 'reportedAt', kind: 'moment' },
    ],
  },
  inspections: { schema: inspectionInput, refs: [], pastOnly: [{ field: 'inspectedOn', kind: 'date' }] },
  trainings: { schema: trainingInput, refs: [] },
  copyFilings: { schema: copyFilingInput, refs: [], pastOnly: [{ field: 'copiedOn', kind: 'date' }] },
  maintainers: { schema: maintainerInput, refs: [], unique: ['name'] },
};
