import { invoke } from '../state/ipc';

/** A document's file name, without the characters a file name may not hold, short enough for the save channel. */
export function documentFileName(name: string): string {
  return `${name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 110)}.pdf`;
}

/**
 * Saves the document the page shows for print as a PDF. Electron prints it to
 * a file the user places; browser mode cannot, so the browser's print dialog
 * (which saves PDF too) opens instead, after `beforeBrowserPrint` says so.
 */
export async function savePrintedPdf(fileName: string, beforeBrowserPrint: () => void): Promise<{ path: string } | null> {
  const saved = await invoke('document:savePdf', { fileName });
  if (saved.ok) return { path: saved.path };
  if (saved.code === 'unavailable') {
    beforeBrowserPrint();
    window.print();
  }
  return null;
}
