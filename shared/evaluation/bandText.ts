import { domainTop, type FigureDomain } from './figures';
import type { Band } from './rubric';

/**
 * Bands as the office types them in the rubric editor: `从-到:分`, separated
 * by `;` (or `；`, `,`, `，`), rates in percent, an open end left empty, and a
 * linear band as `起~止` points: `0-60:0; 60-95:0~10; 95-100:10`, or for a
 * count `0-1:4; 1-2:2; 2-:0`. Parsing never throws: a band it cannot read is
 * named, and the rubric's own check judges the rest (gaps, overlaps, points).
 */
const num = (s: string) => (/^\d+(\.\d+)?$/.test(s.trim()) ? Number(s.trim()) : Number.NaN);
const round = (n: number) => Math.round(n * 1e6) / 1e6;

export function parseBands(text: string, domain: FigureDomain): { ok: true; bands: Band[] } | { ok: false; bad: string } {
  const scale = domain === 'rate' ? 100 : 1;
  const bands: Band[] = [];
  for (const part of text.split(/[;；,，\n]+/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^([\d.]+)\s*[-–—]\s*([\d.]*)\s*[:：]\s*([\d.]+)\s*(?:[~～]\s*([\d.]+))?$/.exec(part);
    if (!m) return { ok: false, bad: part };
    const from = num(m[1]!);
    const to = m[2] === '' ? null : num(m[2]!);
    const points = num(m[3]!);
    const toPoints = m[4] === undefined ? undefined : num(m[4]);
    if ([from, points, to ?? 0, toPoints ?? 0].some(Number.isNaN)) return { ok: false, bad: part };
    bands.push({ from: round(from / scale), to: to === null ? null : round(to / scale), points, ...(toPoints === undefined ? {} : { toPoints }) });
  }
  if (bands.length === 0) return { ok: false, bad: text };
  return { ok: true, bands };
}

export function formatBands(bands: readonly Band[], domain: FigureDomain): string {
  const scale = domain === 'rate' ? 100 : 1;
  const top = domainTop(domain);
  return bands
    .map((b) => `${round(b.from * scale)}-${b.to === null ? '' : round((b.to === top ? top : b.to) * scale)}:${b.points}${b.toPoints === undefined ? '' : `~${b.toPoints}`}`)
    .join('; ');
}
