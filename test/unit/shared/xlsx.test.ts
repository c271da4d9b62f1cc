import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import writeXlsxFile from 'write-excel-file/node';
import { readSheet } from 'read-excel-file/node';
import { readXlsx, type XlsxLimits } from '../../../shared/import/xlsx';

const LIMITS: XlsxLimits = { bytes: 10 * 1024 * 1024, rows: 100, columns: 8, partBytes: 4 * 1024 * 1024 };

const WORKBOOK = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="登记" sheetId="1" r:id="rId7"/><sheet name="其他" sheetId="2" r:id="rId8"/></sheets></workbook>`;
const RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/other.xml"/><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/first.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/></Relationships>`;

function sheetXml(rows: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:C3"/><sheetData>${rows}</sheetData></worksheet>`;
}

function book(sheet: string, strings = '<sst><si><t>IP 地址</t></si><si><r><t>MAC</t></r><r><t xml:space="preserve"> 地址</t></r><rPh><t>マック</t></rPh></si></sst>', extra: Record<string, Uint8Array> = {}): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8('<Types/>'),
    'xl/workbook.xml': strToU8(WORKBOOK),
    'xl/_rels/workbook.xml.rels': strToU8(RELS),
    'xl/worksheets/first.xml': strToU8(sheet),
    'xl/worksheets/other.xml': strToU8(sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>wrong sheet</t></is></c></row>')),
    'xl/strings.xml': strToU8(strings),
    ...extra,
  });
}

/** Rewrites the uncompressed size that the zip's central directory declares for one file. */
function declareSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i < out.length - 46; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(i + 28, true);
    if (new TextDecoder().decode(out.subarray(i + 46, i + 46 + nameLength)) === name) {
      view.setUint32(i + 24, size, true);
      return out;
    }
  }
  throw new Error(`${name} not in the zip`);
}

describe('reading .xlsx within limits', () => {
  it('reads what read-excel-file reads from a file write-excel-file wrote', async () => {
    const data = [
      [{ value: '入网计算机登记', type: String }],
      [],
      ['IP 地址', 'MAC 地址', '负责人', '备注'].map((value) => ({ value, type: String })),
      [{ value: '10.0.0.1', type: String }, { value: 'aa-bb-cc-dd-ee-01', type: String }, { value: '李明 & <王芳>', type: String }, null],
      [{ value: 42, type: Number }, { value: true, type: Boolean }, null, { value: '=cmd|calc', type: String }],
    ];
    const bytes = new Uint8Array(await writeXlsxFile(data as never).toBuffer());
    const mine = await readXlsx(bytes, LIMITS);
    const raw = (await readSheet(Buffer.from(bytes))) as unknown[][];
    expect(mine.ok).toBe(true);
    if (!mine.ok) return;
    expect(mine.rows).toHaveLength(raw.length);
    raw.forEach((row, r) => row.forEach((cell, c) => expect(mine.rows[r]![c] ?? null).toEqual(cell ?? null)));
    expect(mine.rows[3]).toEqual(['10.0.0.1', 'aa-bb-cc-dd-ee-01', '李明 & <王芳>']);
    expect(mine.rows[4]).toEqual([42, true, null, '=cmd|calc']);
  });

  it('takes the first sheet by the workbook, shared and inline strings, runs without phonetic guides, prefixes and escapes', async () => {
    const xml = sheetXml(
      '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2" t="s" s="3"><v>1</v></c></row>' +
        '<row r="4" spans="1:3"><c r="B4" t="inlineStr"><is><t>第一行_x000D_第二行</t></is></c><c r="C4" t="str"><f>A1</f><v>&#x4E00;&amp;&#20108;</v></c><c r="D4" t="e"><v>#N/A</v></c><c r="E4"/></row>' +
        '<row r="5"><c r="A5" s="1"/></row>',
    ).replace(/<(\/?)(sheetData|row|c|v|is|t|f)\b/g, '<$1x:$2');
    const read = await readXlsx(book(xml), LIMITS);
    expect(read).toEqual({ ok: true, rows: [[], ['IP 地址', null, 'MAC 地址'], [], [null, '第一行\r第二行', '一&二']] });
  });

  it('reads an attribute by its name, not by text inside another attribute\'s value', async () => {
    // A regex looking for ` r=` anywhere in the tag took B1 from the comment-like value and put the cell in column B.
    const xml = sheetXml(`<row r="1"><c note="see r='B1'" r="C1" t='s'><v>0</v></c><c r = "D1" x:t="s"><v>1</v></c></row>`);
    expect(await readXlsx(book(xml), LIMITS)).toEqual({ ok: true, rows: [[null, null, 'IP 地址', 'MAC 地址']] });
  });

  it('cells right of the column limit are not read', async () => {
    const read = await readXlsx(book(sheetXml('<row r="1"><c r="A1"><v>1</v></c><c r="H1"><v>8</v></c><c r="I1"><v>9</v></c><c r="AA1"><v>27</v></c></row>')), LIMITS);
    expect(read).toEqual({ ok: true, rows: [[1, null, null, null, null, null, null, 8]] });
  });

  it('stops at the first row past the row limit, without reading on to the end', async () => {
    const rows = Array.from({ length: 101 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join('');
    // The sheet is cut right after row 101: a reader that went on would find it cut short.
    const cut = sheetXml(rows).replace('</sheetData></worksheet>', '<row r="102"><c r="A102"><v>');
    expect(await readXlsx(book(cut), LIMITS)).toMatchObject({ ok: false, failure: 'tooManyRows' });
    const full = sheetXml(rows.replace(/<row r="101">.*<\/row>$/, ''));
    expect(await readXlsx(book(full), LIMITS)).toMatchObject({ ok: true });
    // Row numbers count, not rows: a value in row 150 is past the limit however few rows come before it.
    expect(await readXlsx(book(sheetXml('<row r="150"><c r="A150"><v>1</v></c></row>')), LIMITS)).toMatchObject({ ok: false, failure: 'tooManyRows' });
    // Styled but empty rows far down (as WPS leaves them) are not rows with a value.
    expect(await readXlsx(book(sheetXml('<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576" s="2"><c r="A1048576" s="2"/></row>')), LIMITS)).toEqual({ ok: true, rows: [[1]] });
  });

  it('a sheet whose declared size is over the limit is refused before it is inflated', async () => {
    // 8 MB of one repeated row deflates to a few kilobytes: a small file that would unpack to far more than it looks.
    const bomb = sheetXml('<row><c t="inlineStr"><is><t>x</t></is></c></row>'.repeat(160_000));
    expect(await readXlsx(book(bomb), LIMITS)).toMatchObject({ ok: false, failure: 'tooLarge' });
    expect(await readXlsx(declareSize(book(sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>')), 'xl/worksheets/first.xml', 5 * 1024 * 1024), LIMITS)).toMatchObject({ ok: false, failure: 'tooLarge' });
  });

  it('a sheet whose declared size understates it is cut at that size and refused, not read in part', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join('');
    const zip = book(sheetXml(rows));
    expect(await readXlsx(zip, LIMITS)).toMatchObject({ ok: true });
    expect(await readXlsx(declareSize(zip, 'xl/worksheets/first.xml', 600), LIMITS)).toMatchObject({ ok: false });
  });

  it('shared strings cut short are refused', async () => {
    expect(await readXlsx(book(sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), '<sst><si><t>a</t></si>'), LIMITS)).toMatchObject({ ok: false, failure: 'corrupt' });
  });

  it('names what it is not: an old .xls or .et, something not a zip, a zip that is not a workbook, a file over the limit', async () => {
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await readXlsx(ole, LIMITS)).toMatchObject({ ok: false, failure: 'legacy' });
    expect(await readXlsx(strToU8('IP,MAC\n10.0.0.1,aa'), LIMITS)).toMatchObject({ ok: false, failure: 'notXlsx' });
    expect(await readXlsx(zipSync({ 'manifest.json': strToU8('{}') }), LIMITS)).toMatchObject({ ok: false, failure: 'notXlsx' });
    expect(await readXlsx(book(sheetXml('')), { ...LIMITS, bytes: 100 })).toMatchObject({ ok: false, failure: 'tooLarge' });
    const broken = book(sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>'));
    expect(await readXlsx(broken.subarray(0, broken.length - 30), LIMITS)).toMatchObject({ ok: false, failure: 'corrupt' });
  });
});
