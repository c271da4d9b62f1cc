// "校验数据完整性" over a 50,000-device register: the chain walk and the
// comparison of every live row with its latest logged revision, against a raw
// read of the same two tables (the change log and the register) in the same run.
import Dexie from 'dexie';
import { setupUnit } from '../../../renderer/db/accounts';
import { createDevices } from '../../../renderer/db/devices';
import { checkIntegrity, verifyUnitChain } from '../../../renderer/db/integrity';
import { openDb } from '../../../renderer/db/schema';
import { syntheticDevice } from './synthetic';

const profile = {
  name: '基准测试单位', code: 'BENCH', level: 'county', area: 'urban', leader: '甲', office: '乙',
  adminName: '丙', adminPhone: '13800138000', docOfficerName: '丁', docOfficerPhone: '13800138001',
} as const;

export async function integrityCheck(count: number, repeats: number) {
  const benchDb = openDb(`bench-integrity-${Date.now()}`);
  const { unit, account } = await setupUnit(benchDb, profile, { username: 'bench', displayName: 'bench', role: 'admin' }, 'x');
  const inputs = Array.from({ length: count }, (_, i) => syntheticDevice(i + 1));
  const { created } = await createDevices(benchDb, { unitId: unit.id, accountId: account.id, role: 'admin' as const }, inputs);
  if (created.length !== count) throw new Error(`created ${created.length} of ${count}`);
  // One row edited behind the repository's back, so the check has something to find.
  await benchDb.devices.put({ ...created[count >> 1]!, owner: '篡改者' });
  const runs: Array<{ checkMs: number; rawReadMs: number; chainMs: number }> = [];
  let findings = 0;
  for (let r = 0; r < repeats; r++) {
    const raw = async () => {
      const t = performance.now();
      const rows = (await benchDb.changelog.toArray()).length + (await benchDb.devices.toArray()).length;
      if (rows === 0) throw new Error('nothing read');
      return performance.now() - t;
    };
    const check = async () => {
      const t = performance.now();
      const report = await checkIntegrity(benchDb, unit.id);
      if (!report.chain.ok) throw new Error('chain broken');
      findings = report.findings.length;
      return performance.now() - t;
    };
    // Alternate which goes first, so neither always meets the warmer cache.
    // The chain walk alone, as the check was before it compared records: what the comparison adds.
    const chain = async () => {
      const t = performance.now();
      if (!(await verifyUnitChain(benchDb, unit.id)).ok) throw new Error('chain broken');
      return performance.now() - t;
    };
    if (r % 2 === 0) {
      const rawReadMs = await raw();
      const checkMs = await check();
      runs.push({ rawReadMs, checkMs, chainMs: await chain() });
    } else {
      const chainMs = await chain();
      const checkMs = await check();
      runs.push({ checkMs, chainMs, rawReadMs: await raw() });
    }
  }
  benchDb.close();
  await Dexie.delete(benchDb.name);
  return { count, findings, runs };
}
