import { ipv4ToNumber, macDigits } from '../../../shared/rules/network';
import { isolationViolation, type Device, type DeviceKind, type DeviceStatus } from '../../../shared/domain/device';

/**
 * Search, filter and sort over the whole register in memory: 50,000 devices
 * must answer each keystroke within a frame budget, so the per-device work
 * (lower-casing, MAC digits, numeric IP) is done once when the data changes.
 */

export interface IndexedDevice {
  device: Device;
  ip: string;
  ipNum: number;
  macHex: string;
  text: string;
  violation: boolean;
  /** status, or 'retired': what the status filter compares */
  state: DeviceStatus | 'retired';
  kind: DeviceKind;
}

export function indexDevice(device: Device): IndexedDevice {
  return {
    device,
    ip: device.ip,
    ipNum: ipv4ToNumber(device.ip),
    macHex: macDigits(device.mac),
    text: `${device.owner}\u0000${device.office}\u0000${device.location}\u0000${device.note}`.toLowerCase(),
    violation: isolationViolation(device),
    state: device.retiredAt !== null ? 'retired' : device.status,
    kind: device.kind,
  };
}

export type StatusFilter = 'active' | 'all' | 'retired' | DeviceStatus;

export interface DeviceFilters {
  query: string;
  status: StatusFilter;
  kind: DeviceKind | 'all';
  violationsOnly: boolean;
}

export const DEFAULT_FILTERS: DeviceFilters = { query: '', status: 'active', kind: 'all', violationsOnly: false };

export const SORT_KEYS = ['ip', 'mac', 'owner', 'office', 'location', 'kind', 'status', 'updatedAt'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export function isSortKey(key: string): key is SortKey {
  return (SORT_KEYS as readonly string[]).includes(key);
}
export interface SortSpec {
  key: SortKey;
  order: 'ascend' | 'descend';
}

/**
 * How a query matches: an IP by prefix, a MAC by any run of its digits (with
 * or without separators), or any part of person, office, location or note.
 */
export interface QueryPlan {
  text: string;
  macFragment: string | undefined;
}

export function planQuery(rawQuery: string): QueryPlan {
  const text = rawQuery.trim().toLowerCase();
  const hex = text.replace(/[-:.\s]/g, '');
  const looksLikeIp = /^\d{1,3}\.(\d{1,3}\.?)*$/.test(text);
  // From the first character: a longer query then only ever narrows what is shown (with a two-character
  // minimum, "a" showed no device and "aa" a thousand), and each keystroke can filter the last result.
  const macFragment = !looksLikeIp && hex.length >= 1 && /^[0-9a-f]+$/.test(hex) ? hex : undefined;
  return { text, macFragment };
}

/**
 * Whether every device the next query matches was matched by the previous
 * one, so typing forward filters the previous result instead of the whole
 * register. A longer text keeps only IP prefixes and text matches that the
 * shorter one had; its MAC digits (when it has any) extend the shorter
 * query's, so they can only narrow too — unless the shorter query matched
 * no MAC digits at all ("10" looks like MAC digits, "10." like an address).
 */
export function narrows(previous: QueryPlan, next: QueryPlan): boolean {
  return next.text.startsWith(previous.text) && (next.macFragment === undefined || previous.macFragment !== undefined);
}

// One plain loop: this runs on every keystroke over up to 50,000 rows.
export function filterDevices(rows: readonly IndexedDevice[], filters: DeviceFilters, plan: QueryPlan = planQuery(filters.query)): IndexedDevice[] {
  const { status, kind, violationsOnly } = filters;
  const q = plan.text;
  const mac = plan.macFragment;
  const out: IndexedDevice[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (status === 'active' ? row.state === 'retired' : status !== 'all' && row.state !== status) continue;
    if (kind !== 'all' && row.kind !== kind) continue;
    if (violationsOnly && !row.violation) continue;
    if (q !== '' && !row.ip.startsWith(q) && !(mac !== undefined && row.macHex.includes(mac)) && !row.text.includes(q)) continue;
    out.push(row);
  }
  return out;
}

const collator = new Intl.Collator('zh-CN', { numeric: true });

function statusRank(d: Device): number {
  return d.retiredAt !== null ? 3 : d.status === 'inUse' ? 0 : d.status === 'spare' ? 1 : 2;
}

export function sortDevices(rows: readonly IndexedDevice[], sort: SortSpec): IndexedDevice[] {
  const dir = sort.order === 'ascend' ? 1 : -1;
  const compare: (a: IndexedDevice, b: IndexedDevice) => number = (() => {
    switch (sort.key) {
      case 'ip':
        return (a, b) => a.ipNum - b.ipNum;
      case 'mac':
        return (a, b) => (a.macHex < b.macHex ? -1 : a.macHex > b.macHex ? 1 : 0);
      case 'updatedAt':
        return (a, b) => a.device.updatedAt - b.device.updatedAt;
      case 'status':
        return (a, b) => statusRank(a.device) - statusRank(b.device);
      case 'kind':
        return (a, b) => (a.device.kind < b.device.kind ? -1 : a.device.kind > b.device.kind ? 1 : 0);
      default: {
        const key = sort.key;
        return (a, b) => collator.compare(a.device[key], b.device[key]);
      }
    }
  })();
  // Ties fall back to IP so the order is stable and predictable.
  return [...rows].sort((a, b) => compare(a, b) * dir || a.ipNum - b.ipNum);
}

/**
 * A filter that remembers its last answer: when the rows and the other
 * filters are the same and the query only grew, it scans the previous result.
 * The answer is always exactly what filterDevices over all rows would give.
 */
export function incrementalFilter(): (rows: readonly IndexedDevice[], filters: DeviceFilters) => IndexedDevice[] {
  let last: { rows: readonly IndexedDevice[]; filters: DeviceFilters; plan: QueryPlan; result: IndexedDevice[] } | undefined;
  return (rows, filters) => {
    const plan = planQuery(filters.query);
    const reuse =
      last !== undefined &&
      last.rows === rows &&
      last.filters.status === filters.status &&
      last.filters.kind === filters.kind &&
      last.filters.violationsOnly === filters.violationsOnly &&
      narrows(last.plan, plan);
    const fresh = reuse && last ? (last.plan.text === plan.text ? last.result : filterDevices(last.result, filters, plan)) : filterDevices(rows, filters, plan);
    // The first characters of an address or a MAC often match every device
    // shown already: the same list is handed back as the same array, so the
    // rows on screen are not drawn again.
    const result = last !== undefined && sameRows(fresh, last.result) ? last.result : fresh;
    last = { rows, filters, plan, result };
    return result;
  };
}

function sameRows(a: readonly IndexedDevice[], b: readonly IndexedDevice[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether a device in this state is what the status filter asks for ('active': anything not retired). */
export function inStatus(state: IndexedDevice['state'], status: StatusFilter): boolean {
  return status === 'all' || (status === 'active' ? state !== 'retired' : state === status);
}

/**
 * The counter's "of how many": the devices of the chosen status, before the
 * search and the other filters narrow them. Counting only devices in use
 * said "共 5 / 4 台" when 全部 showed the retired ones too.
 */
export function countInStatus(rows: readonly IndexedDevice[], status: StatusFilter): number {
  let n = 0;
  for (const row of rows) if (inStatus(row.state, status)) n++;
  return n;
}
