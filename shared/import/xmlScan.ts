/**
 * A forward-only tag scanner for the large parts of an .xlsx (the sheet, its
 * shared strings). It finds tags with indexOf and char codes and copies out
 * nothing unless asked: a 20,000-row sheet has about a million tags, and a
 * regex match per tag (an array and four strings each) cost most of the read.
 * It matches what `<(\/?)(?:prefix:)?(name)([^>]*)>` would: a namespace
 * prefix is dropped, text outside tags, comments and processing instructions
 * are stepped over, and a tag without its closing `>` ends the scan.
 */
export class TagScanner {
  /** `</name>` */
  close = false;
  /** `<name/>` */
  self = false;
  /** Index of the tag's `<`. */
  start = 0;
  /** Index just past the tag's `>`. */
  end = 0;
  private nameStart = 0;
  private nameEnd = 0;
  /** Index of the tag's `>`; its attributes lie between nameEnd and here. */
  private gt = 0;

  constructor(readonly xml: string) {}

  /** Moves to the next tag; false at the end of the text. */
  next(): boolean {
    const xml = this.xml;
    let i = this.end;
    for (;;) {
      i = xml.indexOf('<', i);
      if (i < 0) return false;
      let p = i + 1;
      const close = xml.charCodeAt(p) === 47;
      if (close) p += 1;
      if (!nameStartChar(xml.charCodeAt(p))) {
        i += 1;
        continue;
      }
      let nameStart = p;
      p = skipName(xml, p + 1);
      if (xml.charCodeAt(p) === 58 && nameStartChar(xml.charCodeAt(p + 1))) {
        nameStart = p + 1;
        p = skipName(xml, p + 2);
      }
      const gt = xml.indexOf('>', p);
      if (gt < 0) return false;
      this.close = close;
      this.start = i;
      this.nameStart = nameStart;
      this.nameEnd = p;
      this.gt = gt;
      this.end = gt + 1;
      this.self = gt > p && xml.charCodeAt(gt - 1) === 47;
      return true;
    }
  }

  /** Whether the tag's local name is `name`. */
  is(name: string): boolean {
    return this.nameEnd - this.nameStart === name.length && this.xml.startsWith(name, this.nameStart);
  }

  /** The value of the attribute with this local name, entities decoded; undefined if the tag has none. */
  attr(name: string): string | undefined {
    const xml = this.xml;
    const end = this.gt;
    let p = this.nameEnd;
    while (p < end) {
      while (p < end && space(xml.charCodeAt(p))) p += 1;
      const nameStart = p;
      let local = p;
      while (p < end && attrNameChar(xml.charCodeAt(p))) {
        if (xml.charCodeAt(p) === 58) local = p + 1;
        p += 1;
      }
      if (p === nameStart) return undefined;
      const nameEnd = p;
      while (p < end && space(xml.charCodeAt(p))) p += 1;
      if (xml.charCodeAt(p) !== 61) return undefined;
      p += 1;
      while (p < end && space(xml.charCodeAt(p))) p += 1;
      const quote = xml.charCodeAt(p);
      if (quote !== 34 && quote !== 39) return undefined;
      const valueEnd = xml.indexOf(quote === 34 ? '"' : "'", p + 1);
      if (valueEnd < 0 || valueEnd > end) return undefined;
      if (nameEnd - local === name.length && xml.startsWith(name, local)) return unescapeXml(xml.slice(p + 1, valueEnd));
      p = valueEnd + 1;
    }
    return undefined;
  }
}

const nameStartChar = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const nameChar = (c: number) => nameStartChar(c) || (c >= 48 && c <= 57) || c === 46 || c === 45;
const attrNameChar = (c: number) => nameChar(c) || c === 58;
const space = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

function skipName(xml: string, p: number): number {
  while (nameChar(xml.charCodeAt(p))) p += 1;
  return p;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function unescapeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, e: string) => {
    if (e[0] !== '#') return ENTITIES[e] ?? whole;
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
