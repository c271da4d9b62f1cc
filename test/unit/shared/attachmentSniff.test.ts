import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { MAX_ATTACHMENT_BYTES, sniffAttachment } from '../../../shared/attachments/sniff';

// Real files as Chromium writes them (a canvas saved as JPEG and PNG, a page printed to PDF).
const fixture = (name: string) => new Uint8Array(readFileSync(`test/fixtures/attachments/${name}`));
const jpg = fixture('photo.jpg');
const png = fixture('photo.png');
const pdf = fixture('sheet.pdf');
const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const join = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
/** A zip archive's local file header, as a .docx or .zip begins. */
const zip = join(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]), ascii('word/document.xml'), new Uint8Array(200));

describe('an attachment is what its bytes say, not its name', () => {
  it.each([
    ['a JPEG photo', jpg, 'jpeg'],
    ['a PNG image', png, 'png'],
    ['a printed PDF', pdf, 'pdf'],
    ['a JPEG with fill bytes before a marker', join(jpg.subarray(0, 2), Uint8Array.from([0xff]), jpg.subarray(2)), 'jpeg'],
    ['a PDF with a trailing newline after %%EOF', join(pdf, ascii('\r\n')), 'pdf'],
  ] as const)('%s is accepted', (_name, bytes, type) => {
    expect(sniffAttachment(bytes)).toEqual({ ok: true, type });
  });

  it.each([
    ['an empty file', new Uint8Array(0), 'empty'],
    ['a zip named .png', zip, 'unknownType'],
    ['a Word document', join(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), new Uint8Array(100)), 'unknownType'],
    ['an HTML page named .jpg', ascii('<html><body>photo</body></html>'), 'unknownType'],
    ['a GIF', join(ascii('GIF89a'), new Uint8Array(50)), 'unknownType'],
    ['a PNG over 10 MB', join(png, new Uint8Array(MAX_ATTACHMENT_BYTES)), 'tooLarge'],
    ['a PNG cut short', png.subarray(0, png.length - 20), 'damaged'],
    ['a PNG signature alone', png.subarray(0, 8), 'damaged'],
    ['a PNG whose first chunk is not the header', join(png.subarray(0, 12), ascii('IDAT'), png.subarray(16)), 'damaged'],
    ['a PNG whose chunk claims more bytes than the file has', (() => { const b = png.slice(); b.set([0x7f, 0xff, 0xff, 0xff], 33); return b; })(), 'damaged'],
    ['a JPEG cut short (no end of image)', jpg.subarray(0, jpg.length - 40), 'damaged'],
    ['a JPEG marker and nothing else', jpg.subarray(0, 3), 'damaged'],
    ['a JPEG start followed by zip bytes', join(jpg.subarray(0, 3), zip), 'damaged'],
    ['a PDF cut in half', pdf.subarray(0, pdf.length >> 1), 'damaged'],
    ['a text file starting with %PDF-', ascii('%PDF-1.4 not really a pdf %%EOF'), 'damaged'],
    ['a PDF header with a bad version', join(ascii('%PDF-x.y\n'), pdf.subarray(9)), 'damaged'],
  ] as const)('%s is refused: %s', (_name, bytes, problem) => {
    expect(sniffAttachment(bytes)).toEqual({ ok: false, problem });
  });
});
