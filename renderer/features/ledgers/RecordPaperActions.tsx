import type { RecordMeta } from '../../../shared/domain/record';
import { Button, Space } from 'antd';
import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { PrintDocument } from '../../ui/PrintDocument';
import { useSavePdf } from '../../ui/useSavePdf';
import { useDocumentContext } from './LedgerPaperButton';
import type { LedgerContext, RecordPaper } from './types';

/** A record's own form (the 维修单), laid out for print while its detail is open, with print and save-as-PDF. */
export function RecordPaperActions<R extends RecordMeta>({ paper, record, ctx }: { paper: RecordPaper<R>; record: R; ctx: LedgerContext }) {
  const t = ctx.t;
  const docCtx = useDocumentContext(ctx);
  const savePdf = useSavePdf();
  return (
    <Space>
      <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
        {t('paper.printNamed', { title: t(paper.title) })}
      </Button>
      <Button icon={<FilePdfOutlined />} onClick={() => void savePdf(paper.fileName(record, docCtx))}>
        {t('paper.savePdf')}
      </Button>
      <PrintDocument page="form" testId="paper">
        <paper.Form record={record} ctx={docCtx} />
      </PrintDocument>
    </Space>
  );
}
