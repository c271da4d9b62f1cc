import { useEffect, useMemo, useState } from 'react';
import type { Device } from '../../../shared/domain/device';
import type { Maintainer } from '../../../shared/ledgers/maintainer';
import { listAccounts } from '../../db/accounts';
import { db } from '../../state/db';
import { useT } from '../../i18n';
import { useSession } from '../../state/session';
import { useDevices } from '../devices/deviceStore';
import { usePolicy } from '../policy/policyStore';
import { useLedgers } from './ledgerStore';
import type { LedgerContext } from './types';

/** Ticks so that countdowns (a fault's arrival deadline) stay live. */
function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** The devices, maintainers and people every ledger may refer to. */
export function useLedgerContext(): LedgerContext | undefined {
  const t = useT();
  const unit = useSession((s) => s.unit);
  const me = useSession((s) => s.account?.displayName ?? '');
  const deviceRows = useDevices((s) => s.rows);
  const devicesUnit = useDevices((s) => s.unitId);
  const loadDevices = useDevices((s) => s.load);
  const maintainerRows = useLedgers((s) => s.records.maintainers);
  const loadLedger = useLedgers((s) => s.load);
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const now = useNow(30_000);
  const ranges = usePolicy((p) => p.ranges);

  useEffect(() => {
    if (!unit) return;
    if (devicesUnit !== unit.id) void loadDevices(unit.id);
    if (!maintainerRows) void loadLedger('maintainers', unit.id);
    void listAccounts(db, unit.id).then((accounts) => setNames(new Map(accounts.map((a) => [a.id, a.displayName]))));
  }, [unit, devicesUnit, loadDevices, maintainerRows, loadLedger]);

  const devices = useMemo(() => {
    const map = new Map<string, Device>();
    for (const r of deviceRows) map.set(r.device.id, r.device);
    return map;
  }, [deviceRows]);
  const activeDevices = useMemo(() => [...devices.values()].filter((d) => d.retiredAt === null).sort((a, b) => a.ip.localeCompare(b.ip, undefined, { numeric: true })), [devices]);
  const maintainers = useMemo(() => new Map((maintainerRows ?? []).map((m) => [m.id, m as unknown as Maintainer])), [maintainerRows]);

  return useMemo(() => (unit ? { t, unit, me, devices, activeDevices, maintainers, names, ranges, now } : undefined), [t, unit, me, devices, activeDevices, maintainers, names, ranges, now]);
}

export function deviceLabel(device: Device | undefined, id: string): string {
  return device ? `${device.ip} ${device.owner}` : id;
}
