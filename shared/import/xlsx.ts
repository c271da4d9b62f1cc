import { strFromU8 } from 'fflate';
import { inflateFilesNative } from '../bundle/zip';
import { TagScanner, unescapeXml } from './xmlScan';

/**
 * The first sheet of an .xlsx file as rows of cells, read under limits that
 * hold for untrusted files: the zip is opened by the bundle reader's
 * size-checked inflate (every part's declared size capped before inflating,
 * never inflated past it), and the sheet is scanned row by row, stopping as
 * soon as it holds more rows than allowed rather than after reading it all.
 * Pure (it awaits only the platform's inflater): the page runs it in a
 * same-origin worker, tests in Node.
 */

export interface XlsxLimits {
  /** The file itself. */
  bytes: number;
  /** Rows with a value, counted by their row number in the sheet. */
  rows: number;
  /** Cells right of this column are not read. */
  columns: number;
  /** Inflated size of the sheet and of its shared strings, each. */
  partBytes: number;
}

export type XlsxCell = string | number | boolean | null;

export type XlsxFailure =
  /** An Excel 97–2003 .xls or a WPS .et file (OLE compound document). */
  | 'legacy'
  /** Not a zip, or a zip that is not a workbook. */
  | 'notXlsx'
  | 'corrupt'
  | 'tooLarge'
  | 'tooManyRows';

export type XlsxRead = { ok: true; rows: XlsxCell[][] } | { ok: false; failure: XlsxFailure; detail: string };

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const SMALL_PART = 4 * 1024 * 1024;
const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';

export function isLegacySpreadsheet(bytes: Uint8Array): boolean {
  return OLE.every((b, i) => bytes[i] === b);
}

export async function readXlsx(bytes: Uint8Array, limits: XlsxLimits): Promise<XlsxRead> {
  if (isLegacySpreadsheet(bytes)) return { ok: false, failure: 'legacy', detail: 'OLE compound document' };
  const book = await inflateFilesNative(bytes, (name) => (name === WORKBOOK || name === WORKBOOK_RELS ? SMALL_PART : undefined), limits.bytes);
  if (!book.ok) return { ok: false, failure: book.failure === 'notZip' ? 'notXlsx' : book.failure === 'tooLarge' ? 'tooLarge' : 'corrupt', detail: book.detail };
  const workbook = book.files[WORKBOOK];
  const rels = book.files[WORKBOOK_RELS];
  if (!workbook || !rels) return { ok: false, failure: 'notXlsx', detail: `files: ${book.names.slice(0, 20).join(', ')}` };
  const paths = partPaths(strFromU8(workbook), strFromU8(rels));
  if (!paths) return { ok: false, failure: 'notXlsx', detail: 'no sheet in the workbook' };
  const parts = await inflateFilesNative(bytes, (name) => (name === paths.sheet || name === paths.sharedStrings ? limits.partBytes : undefined), limits.bytes);
  if (!parts.ok) return { ok: false, failure: parts.failure === 'tooLarge' ? 'tooLarge' : 'corrupt', detail: parts.detail };
  const sheet = parts.files[paths.sheet];
  if (!sheet) return { ok: false, failure: 'corrupt', detail: `${paths.sheet} missing` };
  const sst = paths.sharedStrings ? parts.files[paths.sharedStrings] : undefined;
  const shared = sst ? sharedStrings(strFromU8(sst)) : [];
  if (shared === null) return { ok: false, failure: 'corrupt', detail: 'shared strings cut short' };
  return sheetRows(strFromU8(sheet), shared, limits);
}

const ATTRS = new Map<string, RegExp>();

function attr(attrs: string, name: string): string | undefined {
  let re = ATTRS.get(name);
  if (!re) ATTRS.set(name, (re = new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
  const m = re.exec(attrs);
  return m ? unescapeXml(m[1] ?? m[2] ?? '') : undefined;
}

/** Excel writes `_x000D_` for characters XML cannot hold. */
function unescapeOoxml(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : text;
}

/** The first sheet's part and the shared strings' part, from the workbook and its relationships. */
export function partPaths(workbook: string, rels: string): { sheet: string; sharedStrings: string | null } | null {
  const targets = new Map<string, { type: string; target: string }>();
  let sharedStrings: string | null = null;
  for (const m of rels.matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)) {
    const id = attr(m[1]!, 'Id');
    const target = attr(m[1]!, 'Target');
    const type = attr(m[1]!, 'Type') ?? '';
    if (!id || !target) continue;
    targets.set(id, { type, target });
    if (type.endsWith('/sharedStrings')) sharedStrings = resolvePart(target);
  }
  const first = /<(?:[\w.-]+:)?sheet\b([^>]*)>/.exec(workbook);
  const rid = first ? attr(first[1]!, 'id') : undefined;
  const rel = rid ? targets.get(rid) : undefined;
  if (!rel) return null;
  return { sheet: resolvePart(rel.target), sharedStrings };
}

function resolvePart(target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

/** The shared string table: each `<si>`'s text runs joined, phonetic guides (`<rPh>`) left out; null if the part is cut short. */
export function sharedStrings(xml: string): string[] | null {
  const out: string[] = [];
  let current: string[] | null = null;
  let phonetic = 0;
  let textStart = -1;
  let closed = false;
  const tag = new TagScanner(xml);
  while (tag.next()) {
    if (tag.is('si')) {
      if (tag.close) {
        out.push(current ? current.join('') : '');
        current = null;
      } else if (tag.self) out.push('');
      else current = [];
    } else if (tag.is('t')) {
      if (tag.close) {
        if (textStart >= 0 && current && phonetic === 0) current.push(unescapeOoxml(unescapeXml(xml.slice(textStart, tag.start))));
        textStart = -1;
      } else if (!tag.self) textStart = tag.end;
    } else if (tag.is('rPh')) {
      if (!tag.self) phonetic += tag.close ? -1 : 1;
    } else if (tag.close && tag.is('sst')) closed = true;
  }
  return closed ? out : null;
}

/** Column index (0-based) of a cell reference such as `AB12`; -1 if there is none. */
function columnOf(ref: string | undefined): number {
  if (!ref) return -1;
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return i === 0 ? -1 : col - 1;
}

function cellValue(type: string, raw: string, inline: string, shared: readonly string[]): XlsxCell {
  switch (type) {
    case 's': {
      const i = Number(raw);
      return Number.isInteger(i) && i >= 0 && i < shared.length ? shared[i]! : null;
    }
    case 'inlineStr':
      return inline;
    case 'str':
    case 'd':
      return unescapeOoxml(unescapeXml(raw));
    case 'b':
      return raw.trim() === '1';
    case 'e':
      return null;
    default: {
      const text = raw.trim();
      if (text === '') return null;
      const n = Number(text);
      return Number.isFinite(n) ? n : text;
    }
  }
}

/**
 * The sheet's rows, indexed by their row number (row 1 at index 0): rows with
 * no value are kept as gaps only below the last row with one. Reading stops
 * at the first row with a value past the limit.
 */
export function sheetRows(xml: string, shared: readonly string[], limits: Pick<XlsxLimits, 'rows' | 'columns'>): XlsxRead {
  const rows: XlsxCell[][] = [];
  let inData = false;
  let done = false;
  let rowIndex = -1;
  let nextRow = 0;
  let row: XlsxCell[] | null = null;
  let hasValue = false;
  let nextCol = 0;
  let cellCol = -1;
  let cellType = '';
  let raw = '';
  let inline: string[] = [];
  let inCell = false;
  let inInline = false;
  let phonetic = 0;
  let textStart = -1;
  let textOf: 'v' | 't' | null = null;
  const tag = new TagScanner(xml);
  while (tag.next()) {
    const close = tag.close;
    if (!inData) {
      if (tag.is('sheetData')) {
        if (close || tag.self) {
          done = true;
          break;
        }
        inData = true;
      }
      continue;
    }
    // The common tags first: a sheet is mostly <c>, <v> and their closings.
    if (tag.is('c')) {
      if (!row) continue;
      if (close) {
        if (inCell) finishCell();
        continue;
      }
      const col = columnOf(tag.attr('r'));
      cellCol = col >= 0 ? col : nextCol;
      nextCol = cellCol + 1;
      cellType = tag.attr('t') ?? 'n';
      raw = '';
      inline = [];
      inCell = !tag.self;
      continue;
    }
    if (tag.is('v') || (inInline && tag.is('t'))) {
      if (!row || !inCell) continue;
      const name = tag.is('v') ? 'v' : 't';
      if (close) {
        if (textOf === name && textStart >= 0) {
          const text = xml.slice(textStart, tag.start);
          if (name === 'v') raw = text;
          else if (phonetic === 0) inline.push(unescapeOoxml(unescapeXml(text)));
        }
        textOf = null;
        textStart = -1;
      } else if (!tag.self) {
        textOf = name;
        textStart = tag.end;
      }
      continue;
    }
    if (tag.is('row')) {
      if (close) {
        if (row && hasValue) {
          if (rowIndex >= limits.rows) return { ok: false, failure: 'tooManyRows', detail: `row ${rowIndex + 1}` };
          while (rows.length < rowIndex) rows.push([]);
          rows[rowIndex] = row;
        }
        row = null;
        continue;
      }
      const r = Number(tag.attr('r'));
      rowIndex = Number.isInteger(r) && r >= 1 ? r - 1 : nextRow;
      nextRow = rowIndex + 1;
      nextCol = 0;
      hasValue = false;
      row = tag.self ? null : [];
      continue;
    }
    if (tag.is('sheetData')) {
      if (close || tag.self) {
        done = true;
        break;
      }
      continue;
    }
    if (!row || !inCell) continue;
    if (tag.is('is')) inInline = !close && !tag.self;
    else if (tag.is('rPh')) {
      if (!tag.self) phonetic += close ? -1 : 1;
    }
  }
  // A sheet that stops before its data closes was cut short (or its size understated): refuse rather than import part of it.
  if (!done) return { ok: false, failure: 'corrupt', detail: 'sheet data cut short' };
  while (rows.length > 0 && rows[rows.length - 1]!.length === 0) rows.pop();
  return { ok: true, rows };

  function finishCell() {
    inCell = false;
    inInline = false;
    if (cellCol >= limits.columns || !row) return;
    const value = cellValue(cellType, raw, inline.join(''), shared);
    if (value === null || value === '') return;
    while (row.length < cellCol) row.push(null);
    row[cellCol] = value;
    hasValue = true;
  }
}
