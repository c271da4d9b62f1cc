import { ipv4ToNumber, parseIpv4 } from './network';

/**
 * Address ranges the information office assigns to a unit (policy bundles):
 * `10.20.1.0/24` or a single address. A device outside every range of its
 * unit is flagged in the register.
 */
export interface IpRange {
  text: string;
  first: number;
  last: number;
}

export type RangeError = 'range.format' | 'range.prefix' | 'range.base';

export function parseRange(input: string): { ok: true; value: IpRange } | { ok: false; error: RangeError } {
  const text = input.trim();
  const [addr, prefix, extra] = text.split('/');
  if (extra !== undefined || !addr) return { ok: false, error: 'range.format' };
  const ip = parseIpv4(addr);
  if (!ip.ok) return { ok: false, error: 'range.format' };
  const bits = prefix === undefined ? 32 : /^\d{1,2}$/.test(prefix) ? Number(prefix) : NaN;
  if (!Number.isInteger(bits) || bits < 8 || bits > 32) return { ok: false, error: 'range.prefix' };
  const base = ipv4ToNumber(ip.value);
  const size = 2 ** (32 - bits);
  // 10.20.1.5/24 is a typo for 10.20.1.0/24 more often than a range: refuse rather than guess.
  if (base % size !== 0) return { ok: false, error: 'range.base' };
  return { ok: true, value: { text: prefix === undefined ? ip.value : `${ip.value}/${bits}`, first: base, last: base + size - 1 } };
}

export function inRanges(ip: string, ranges: readonly IpRange[]): boolean {
  const n = ipv4ToNumber(ip);
  return ranges.some((r) => n >= r.first && n <= r.last);
}
