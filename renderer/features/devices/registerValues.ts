import type { Device } from '../../../shared/domain/device';

export interface ValueCount {
  value: string;
  count: number;
}

type Key = 'owner' | 'office';

// Keyed by the list itself: the register hands out a new array only when a device changes,
// so the distinct values are counted once per change, never per keystroke or per render.
const cache = new WeakMap<readonly Device[], Partial<Record<Key, ValueCount[]>>>();

/** The distinct people or offices of the given devices, the most frequent first (ties by name). */
export function distinctValues(devices: readonly Device[], key: Key): ValueCount[] {
  const held = cache.get(devices) ?? {};
  const known = held[key];
  if (known) return known;
  const counts = new Map<string, number>();
  for (const d of devices) counts.set(d[key], (counts.get(d[key]) ?? 0) + 1);
  const list = [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, 'zh-CN'));
  cache.set(devices, { ...held, [key]: list });
  return list;
}
