import type { RecordMeta } from '../../../shared/domain/record';
import { useMemo } from 'react';
import { useActor } from '../../state/session';
import { useLedgers } from './ledgerStore';
import { RecordFormDrawer } from './RecordFormDrawer';
import type { LedgerContext, LedgerDef, StepDef } from './types';

/** One step of a record's progress in a small form of its own; the times it records cannot lie ahead of now. */
export function StepFormDrawer<R extends RecordMeta>({ def, ctx, step, record, onClose }: { def: LedgerDef<R>; ctx: LedgerContext; step: StepDef<R> | undefined; record: R | undefined; onClose: () => void }) {
  const actor = useActor();
  const upsert = useLedgers((s) => s.upsert);
  const pastOnly = useMemo(() => new Set((step?.fields ?? []).filter((f) => f.kind === 'date' || f.kind === 'datetime').map((f) => f.name)), [step]);
  return (
    <RecordFormDrawer
      open={step !== undefined && record !== undefined}
      onClose={onClose}
      title={step ? ctx.t(step.title) : ''}
      size={440}
      fields={step?.fields ?? []}
      ctx={ctx}
      input={() => (step && record ? step.values(record, { ...ctx, now: Date.now() }) : {})}
      record={record}
      save={async (values) => {
        if (!step || !record) return;
        upsert(def.table, [await step.write(actor, record, values)]);
      }}
      saved={step?.done ?? 'common.saved'}
      pastOnly={pastOnly}
    />
  );
}
