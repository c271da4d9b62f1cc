import type { z } from 'zod';
import { dutyLogInput } from './duty';
import { faultInput } from './fault';
import { scanInput } from './scan';
import { incidentInput } from './incident';
import { inspectionInput } from './inspection';
import { trainingInput } from './training';
import { copyFilingInput } from './copyFiling';
import { maintainerInput } from './maintainer';

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
}

export const LEDGER_SPECS: Record<LedgerTable, LedgerSpec> = {
  dutyLogs: { schema: dutyLogInput, refs: [], unique: ['date', 'shift'] },
  faults: {
    schema: faultInput,
    refs: [
      { field: 'deviceIds', table: 'devices', many: true },
      { field: 'maintainerId', table: 'maintainers', many: false },
    ],
  },
  scans: { schema: scanInput, refs: [{ field: 'deviceId', table: 'devices', many: false }] },
  incidents: { schema: incidentInput, refs: [{ field: 'deviceIds', table: 'devices', many: true }] },
  inspections: { schema: inspectionInput, refs: [] },
  trainings: { schema: trainingInput, refs: [] },
  copyFilings: { schema: copyFilingInput, refs: [] },
  maintainers: { schema: maintainerInput, refs: [], unique: ['name'] },
};
