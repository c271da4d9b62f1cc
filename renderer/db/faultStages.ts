import type { Fault } from '../../shared/ledgers/fault';
import { applyFaultStep, type FaultStep } from '../../shared/ledgers/faultStages';
import { StaleRecordError, ValidationError } from './errors';
import { updateLedgerRecord } from './ledgers';
import type { Actor } from './repository';
import type { ZwDb } from './schema';

/**
 * One step of a fault ticket (an urge, the arrival, the closing, the
 * maintenance sheet) checked against the ticket as stored, then written like
 * any ledger edit: the record and its change-log entry in one transaction,
 * which checks again that nobody changed the ticket in between.
 */
export async function recordFaultStep(db: ZwDb, actor: Actor, id: string, expectedRev: number, step: FaultStep, values: unknown): Promise<Fault> {
  const stored = (await db.table('faults').get(id)) as Fault | undefined;
  if (!stored || stored.rev !== expectedRev) throw new StaleRecordError(id);
  if (stored.retiredAt !== null) throw new ValidationError([{ field: '', code: 'stale' }]);
  const result = applyFaultStep(stored, step, values, Date.now());
  if (result.issues) throw new ValidationError(result.issues);
  return updateLedgerRecord<Fault>(db, actor, 'faults', id, expectedRev, result.input);
}
