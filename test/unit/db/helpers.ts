import 'fake-indexeddb/auto';
import { openDb, type ZwDb } from '../../../renderer/db/schema';
import { setupUnit } from '../../../renderer/db/accounts';
import type { Actor } from '../../../renderer/db/repository';
import type { DeviceInput } from '../../../shared/domain/device';
import { ValidationError } from '../../../renderer/db/errors';

let counter = 0;

export function freshDb(): ZwDb {
  counter += 1;
  return openDb(`test-${process.pid}-${counter}-${Math.random()}`);
}

export async function unitWithAdmin(db: ZwDb): Promise<Actor> {
  const { unit, account } = await setupUnit(
    db,
    { name: '庄浪县信息办', code: 'ZL-001', level: 'county', area: 'township', leader: '张三', office: '综合科', adminName: '李四', adminPhone: '0933-8211234', docOfficerName: '王五', docOfficerPhone: '13800138000' },
    { username: 'Admin', displayName: '李四', role: 'admin' },
    'scrypt$test',
  );
  return { unitId: unit.id, accountId: account.id, role: 'admin' };
}

export function deviceInput(n: number, overrides: Partial<DeviceInput> = {}): DeviceInput {
  const hex = n.toString(16).padStart(6, '0');
  return {
    ip: `10.${Math.floor(n / 254 / 256) % 256}.${Math.floor(n / 254) % 256}.${(n % 254) + 1}`,
    mac: `02-00-00-${hex.slice(0, 2)}-${hex.slice(2, 4)}-${hex.slice(4, 6)}`,
    owner: `负责人${n}`,
    office: '办公室',
    location: '三楼',
    kind: 'desktop',
    status: 'inUse',
    dedicatedConfirmed: true,
    internetCapable: false,
    isolationCard: false,
    note: '',
    ...overrides,
  };
}

/** Entries in the change log, across its commit rows. */
export async function entryCount(db: ZwDb): Promise<number> {
  let n = 0;
  await db.changelog.each((c) => {
    n += c.entries.length;
  });
  return n;
}

/** The `field:code` of each issue a write was refused with; none when it went through. */
export async function issueCodes(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ValidationError) return e.issues.map((i) => `${i.field}:${i.code}`);
    throw e;
  }
  return [];
}
