import { App } from 'antd';
import { useT } from '../i18n';
import { documentFileName, savePrintedPdf } from './savePdf';

/** Save the document shown for print as a PDF, and say where it went (or, in browser mode, what to choose in the print dialog). */
export function useSavePdf(): (name: string) => Promise<void> {
  const t = useT();
  const { message } = App.useApp();
  return async (name) => {
    const saved = await savePrintedPdf(documentFileName(name), () => void message.info(t('paper.pdfInBrowser')));
    if (saved) void message.success(t('paper.pdfSaved', { path: saved.path }));
  };
}
