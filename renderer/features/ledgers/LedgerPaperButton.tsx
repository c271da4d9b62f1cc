import type { RecordMeta } from '../../../shared/domain/record';
import { useMemo, useState } from 'react';
import { Button } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { chinese } from '../../i18n';
import { PaperDialog } from '../../ui/PaperDialog';
import { inPeriod, periodAround, type PaperPeriod } from '../../ui/paperPeriod';
import type { LedgerContext, LedgerPaper } from './types';

/** Documents are Chinese whatever the screen's language; the rest of the context is the screen's. */
export function useDocumentContext(ctx: LedgerContext): LedgerContext {
  return useMemo(() => ({ ...ctx, t: chinese }), [ctx]);
}

/** "打印…": a ledger's A4 form for a period chosen in the dialog, printed or saved as PDF. */
export function LedgerPaperButton<R extends RecordMeta>({ paper, records, ctx, initial, size }: { paper: LedgerPaper<R>; records: readonly R[]; ctx: LedgerContext; initial?: PaperPeriod; size?: 'small' }) {
  const t = ctx.t;
  const [open, setOpen] = useState(false);
  const docCtx = useDocumentContext(ctx);
  const all = useMemo(() => records.filter((r) => r.retiredAt === null), [records]);
  const pick = (period: PaperPeriod) =>
    all
      .filter((r) => inPeriod(paper.day(r), period))
      .map((r) => ({ r, day: paper.day(r) }))
      .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.r.createdAt - b.r.createdAt))
      .map((x) => x.r);
  return (
    <>
      <Button size={size} icon={<PrinterOutlined />} onClick={() => setOpen(true)}>
        {t('paper.printNamed', { title: t(paper.title) })}
      </Button>
      {open && (
        <PaperDialog title={t(paper.title)} initial={initial ?? periodAround(paper.period, ctx.now)} fileName={(p) => `${ctx.unit.name}${chinese(paper.title)}${p.label}`} count={(p) => pick(p).length} onClose={() => setOpen(false)}>
          {(p) => <paper.Form records={pick(p)} all={all} ctx={docCtx} period={p} />}
        </PaperDialog>
      )}
    </>
  );
}
