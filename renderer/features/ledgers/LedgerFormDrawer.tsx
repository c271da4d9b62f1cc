import type { RecordMeta } from '../../../shared/domain/record';
import { useMemo } from 'react';
import { LEDGER_SPECS } from '../../../shared/ledgers/registry';
import { createLedgerRecords, fieldsOf, updateLedgerRecord } from '../../db/ledgers';
import { ValidationError } from '../../db/errors';
import { db } from '../../state/db';
import { useActor } from '../../state/session';
import { inputOf } from './formValues';
import { useLedgers } from './ledgerStore';
import { RecordFormDrawer } from './RecordFormDrawer';
import type { FieldDef, LedgerContext, LedgerDef } from './types';

/**
 * Add or edit one record of any ledger. The repository parses the input with
 * the ledger's schema; its refusals come back beside the fields, nothing saved.
 */
export function LedgerFormDrawer<R extends RecordMeta>({ def, ctx, open, record, onClose }: { def: LedgerDef<R>; ctx: LedgerContext; open: boolean; record: R | undefined; onClose: () => void }) {
  const actor = useActor();
  const upsert = useLedgers((s) => s.upsert);
  // On create, a fanned-out ledger asks for many devices and writes one record each.
  const fanOut = record === undefined ? def.fanOut : undefined;
  const fields = useMemo<FieldDef[]>(
    () => def.fields.map((f) => (fanOut && f.name === fanOut.to ? { ...f, name: fanOut.from, kind: 'devices' as const, label: f.label } : f)),
    [def.fields, fanOut],
  );
  const pastOnly = useMemo(() => new Set((LEDGER_SPECS[def.table].pastOnly ?? []).map((p) => (fanOut && p.field === fanOut.to ? fanOut.from : p.field))), [def.table, fanOut]);

  const input = () => {
    const empty = def.empty(ctx);
    const base = record ? inputOf(fieldsOf(record), empty) : empty;
    return fanOut ? { ...base, [fanOut.from]: [] } : base;
  };

  const save = async (next: Record<string, unknown>) => {
    if (record) {
      upsert(def.table, [await updateLedgerRecord<R>(db, actor, def.table, record.id, record.rev, next)]);
      return;
    }
    if (fanOut) {
      const ids = (next[fanOut.from] as string[] | undefined) ?? [];
      const rest = { ...next };
      delete rest[fanOut.from];
      const inputs = ids.length === 0 ? [{ ...rest, [fanOut.to]: '' }] : ids.map((id) => ({ ...rest, [fanOut.to]: id }));
      try {
        upsert(def.table, await createLedgerRecords<R>(db, actor, def.table, inputs));
      } catch (error) {
        // Refusals name the record's field; the form shows them on its list.
        if (error instanceof ValidationError) throw new ValidationError(error.issues.map((i) => (i.field === fanOut.to ? { ...i, field: fanOut.from } : i)));
        throw error;
      }
      return;
    }
    upsert(def.table, await createLedgerRecords<R>(db, actor, def.table, [next]));
  };

  return (
    <RecordFormDrawer
      open={open}
      onClose={onClose}
      title={ctx.t(record ? 'ledger.editNoun' : 'ledger.addNoun', { noun: ctx.t(def.noun) })}
      size={640}
      fields={fields}
      ctx={ctx}
      input={input}
      record={record}
      save={save}
      saved="common.saved"
      pastOnly={pastOnly}
      confirm={def.confirmSave ? (next) => def.confirmSave!(next, { ...ctx, now: Date.now() }) : undefined}
    />
  );
}
