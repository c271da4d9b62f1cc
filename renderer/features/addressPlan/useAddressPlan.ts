import { useEffect, useMemo, useState } from 'react';
import { isoDay } from '../../../shared/calendar/calendar';
import { addressBook, isStale, rangeUsage, type AddressBook, type RangeUsage } from '../../../shared/rules/addressPlan';
import { inRanges, type IpRange } from '../../../shared/rules/ipRanges';
import type { Device } from '../../../shared/domain/device';
import { lastScanByDevice } from '../../db/deviceRecords';
import { db } from '../../state/db';
import { useSession } from '../../state/session';
import { useDevices } from '../devices/deviceStore';
import { usePolicy } from '../policy/policyStore';

export interface StaleDevice {
  device: Device;
  lastScan: string | undefined;
}

export interface AddressPlan {
  ranges: readonly IpRange[];
  book: AddressBook;
  stale: ReadonlySet<string>;
  staleDevices: StaleDevice[];
  usage: RangeUsage[];
  outside: number;
  byId: ReadonlyMap<string, Device>;
  loading: boolean;
}

/**
 * The unit's address plan from the register, the office's ranges and the
 * scan ledger: one pass over the devices and one over the scans when either
 * changes, never per address.
 */
export function useAddressPlan(): AddressPlan {
  const unitId = useSession((s) => s.unit?.id);
  const rows = useDevices((s) => s.rows);
  const devicesUnit = useDevices((s) => s.unitId);
  const loadDevices = useDevices((s) => s.load);
  const ranges = usePolicy((p) => p.ranges);
  const loadPolicy = usePolicy((p) => p.load);
  const [lastScans, setLastScans] = useState<Map<string, string>>();

  useEffect(() => {
    if (!unitId) return;
    if (devicesUnit !== unitId) void loadDevices(unitId);
    void loadPolicy(unitId);
    let live = true;
    void lastScanByDevice(db, unitId).then((found) => {
      if (live) setLastScans(found);
    });
    return () => {
      live = false;
    };
  }, [unitId, devicesUnit, loadDevices, loadPolicy]);

  const book = useMemo(() => addressBook(rows.map((r) => r.device)), [rows]);
  const byId = useMemo(() => new Map(rows.map((r) => [r.device.id, r.device])), [rows]);
  const { stale, staleDevices } = useMemo(() => {
    const today = isoDay(new Date());
    const list: StaleDevice[] = [];
    for (const r of rows) {
      if (r.state === 'retired') continue;
      const lastScan = lastScans?.get(r.device.id);
      if (isStale(isoDay(new Date(r.device.createdAt)), lastScan, today)) list.push({ device: r.device, lastScan });
    }
    list.sort((a, b) => (a.lastScan ?? '').localeCompare(b.lastScan ?? '') || a.device.createdAt - b.device.createdAt);
    return { stale: new Set(list.map((s) => s.device.id)), staleDevices: list };
  }, [rows, lastScans]);
  const usage = useMemo(() => ranges.map((r) => rangeUsage(r, book, stale)), [ranges, book, stale]);
  const outside = useMemo(() => (ranges.length === 0 ? 0 : rows.reduce((n, r) => n + (r.state !== 'retired' && !inRanges(r.ip, ranges) ? 1 : 0), 0)), [rows, ranges]);
  return { ranges, book, stale, staleDevices, usage, outside, byId, loading: lastScans === undefined || devicesUnit !== unitId };
}
