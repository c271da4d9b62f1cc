import { daysBetween } from './days';
import type { IpRange } from './ipRanges';
import { ipv4ToNumber } from './network';

/**
 * The address plan (IPAM) of one unit: what each address of the ranges the
 * office assigned holds, which is free next, and which devices have not been
 * seen in a scan for so long that they may be gone. Pure rules over numbers,
 * so a /16 and 50,000 devices cost one pass and no per-address objects.
 */

/** A device has gone unseen this long (no virus scan names it) before it is marked possibly stale. */
export const STALE_DAYS = 90;

export type AddressState = 'free' | 'inUse' | 'stale' | 'conflict' | 'retired';

export interface PlannedDevice {
  id: string;
  ip: string;
  retiredAt: number | null;
}

export function numberToIpv4(n: number): string {
  return `${Math.floor(n / 16_777_216) % 256}.${Math.floor(n / 65_536) % 256}.${Math.floor(n / 256) % 256}.${n % 256}`;
}

/**
 * The addresses a device can take: a range of four or more addresses keeps
 * its network and broadcast addresses back; a /31 or a single address has
 * none to spare (RFC 3021).
 */
export function hostSpan(range: Pick<IpRange, 'first' | 'last'>): { first: number; last: number; count: number } {
  const size = range.last - range.first + 1;
  const first = size >= 4 ? range.first + 1 : range.first;
  const last = size >= 4 ? range.last - 1 : range.last;
  return { first, last, count: last - first + 1 };
}

export function isHost(range: Pick<IpRange, 'first' | 'last'>, n: number): boolean {
  const span = hostSpan(range);
  return n >= span.first && n <= span.last;
}

/**
 * A device counts as seen on the day of its latest scan, or on the day it
 * was registered when it has none: a PC entered last week has not had 90
 * days to be scanned.
 */
export function isStale(registeredOn: string, lastScanOn: string | undefined, today: string, staleDays = STALE_DAYS): boolean {
  const seen = lastScanOn !== undefined && lastScanOn > registeredOn ? lastScanOn : registeredOn;
  return daysBetween(seen, today) >= staleDays;
}

export interface AddressBook {
  /** Active devices per address number; more than one is a conflict. */
  active: Map<number, string[]>;
  /** Addresses only retired devices held: free again, shown as such. */
  retired: Set<number>;
}

export function addressBook(devices: Iterable<PlannedDevice>): AddressBook {
  const active = new Map<number, string[]>();
  const retired = new Set<number>();
  for (const d of devices) {
    const n = ipv4ToNumber(d.ip);
    if (d.retiredAt !== null) {
      retired.add(n);
      continue;
    }
    const ids = active.get(n);
    if (ids) ids.push(d.id);
    else active.set(n, [d.id]);
  }
  for (const n of active.keys()) retired.delete(n);
  return { active, retired };
}

export function addressState(book: AddressBook, n: number, stale: ReadonlySet<string>): AddressState {
  const ids = book.active.get(n);
  if (ids === undefined) return book.retired.has(n) ? 'retired' : 'free';
  if (ids.length > 1) return 'conflict';
  return stale.has(ids[0]!) ? 'stale' : 'inUse';
}

export interface RangeUsage {
  range: IpRange;
  hosts: number;
  used: number;
  free: number;
  conflicts: number;
  stale: number;
  /** The lowest free host address, or null when the range is full. */
  nextFree: string | null;
}

/** Counts one range in a pass over the addresses that hold devices, not over every address of it. */
export function rangeUsage(range: IpRange, book: AddressBook, stale: ReadonlySet<string>): RangeUsage {
  const span = hostSpan(range);
  let used = 0;
  let conflicts = 0;
  let staleCount = 0;
  for (const [n, ids] of book.active) {
    if (n < span.first || n > span.last) continue;
    used += 1;
    if (ids.length > 1) conflicts += 1;
    else if (stale.has(ids[0]!)) staleCount += 1;
  }
  const free = span.count - used;
  return { range, hosts: span.count, used, free, conflicts, stale: staleCount, nextFree: free > 0 ? nextFreeIn(range, book) : null };
}

export function nextFreeIn(range: Pick<IpRange, 'first' | 'last'>, book: AddressBook): string | null {
  const span = hostSpan(range);
  for (let n = span.first; n <= span.last; n++) if (!book.active.has(n)) return numberToIpv4(n);
  return null;
}

/** The address to offer when registering a device: the lowest free host of the first range that has one. */
export function nextFreeAddress(ranges: readonly IpRange[], book: AddressBook): string | null {
  for (const range of ranges) {
    const ip = nextFreeIn(range, book);
    if (ip !== null) return ip;
  }
  return null;
}

export interface Block {
  /** First and last address of this part of the range, at most a /24 (256 addresses). */
  first: number;
  last: number;
  label: string;
}

/**
 * A range cut into /24 blocks, the unit a page of the grid shows: a /16
 * is 256 pages of 256 cells instead of 65,536 cells at once.
 */
export function blocksOf(range: Pick<IpRange, 'first' | 'last'>): Block[] {
  const blocks: Block[] = [];
  for (let start = range.first; start <= range.last; start = Math.floor(start / 256) * 256 + 256) {
    const end = Math.min(range.last, Math.floor(start / 256) * 256 + 255);
    const size = end - start + 1;
    blocks.push({ first: start, last: end, label: size === 256 ? `${numberToIpv4(start)}/24` : size === 1 ? numberToIpv4(start) : `${numberToIpv4(start)} – ${numberToIpv4(end)}` });
  }
  return blocks;
}
