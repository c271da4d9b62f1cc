import writeXlsxFile from 'write-excel-file/browser';
import type { SheetData } from 'write-excel-file/browser';
import { formatDateTime } from './format';
import { download } from './files';

/**
 * Writes a ledger view to .xlsx and offers it for saving: the unit's name and
 * the export time above the Chinese headers. Every text is written as a
 * string cell, so a value such as "=cmd" can never run as a formula in the
 * reader's Excel or WPS (DESIGN.md, Libraries).
 */
export async function exportSheet(fileName: string, title: string, unitName: string, header: string[], rows: (string | number | null)[][]): Promise<void> {
  download(fileName, await sheetBlob(title, unitName, header, rows));
}

/** The .xlsx file of a view, without offering it: what exportSheet saves. */
export function sheetBlob(title: string, unitName: string, header: string[], rows: (string | number | null)[][]): Promise<Blob> {
  const text = (value: string) => ({ value, type: String });
  const data: SheetData = [
    [text(title)],
    [text(`${unitName} · 导出时间 ${formatDateTime(Date.now())}`)],
    [],
    header.map((h) => ({ ...text(h), fontWeight: 'bold' as const })),
    ...rows.map((row) => row.map((cell) => (typeof cell === 'number' ? { value: cell, type: Number } : cell === null ? null : text(cell)))),
  ];
  return writeXlsxFile(data, { columns: header.map(() => ({ width: 16 })) }).toBlob();
}
