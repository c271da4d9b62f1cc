import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createBackupFiles } from '../../../main/services/backupFiles';
import { createUnitKeys } from '../../../main/services/unitKey';
import { createHandlers, dispatch } from '../../../main/services/dispatch';

describe('backup files in the chosen folder', () => {
  it('writes under a unit-and-time name, keeps the newest N, never prunes a pre-restore backup or another unit’s', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'zw-bak-')), 'nested', 'folder');
    let t = new Date(2026, 10, 24, 8, 0, 0).getTime();
    const files = createBackupFiles({ fs, path, now: () => new Date((t += 86_400_000)) });
    const data = new Uint8Array([1, 2, 3]);
    await files.write({ dir, unitCode: 'OTHER-1', kind: 'auto', data, keep: 1 });
    await files.write({ dir, unitCode: 'ZL-001', kind: 'beforeRestore', data, keep: 1 });
    for (let i = 0; i < 4; i++) await files.write({ dir, unitCode: 'ZL-001', kind: 'auto', data, keep: 2 });
    const names = (await files.list(dir)).map((f) => f.name);
    expect(names).toEqual([
      'zwledger-ZL-001-20261130-080000-auto.zwbak',
      'zwledger-ZL-001-20261129-080000-auto.zwbak',
      'zwledger-ZL-001-20261126-080000-before-restore.zwbak',
      'zwledger-OTHER-1-20261125-080000-auto.zwbak',
    ].sort().reverse());
    expect(await fs.readFile(path.join(dir, names[0]!))).toEqual(Buffer.from(data));
    expect((await fs.readdir(dir)).some((n) => n.endsWith('.part'))).toBe(false);
  });

  it('refuses a relative folder and malformed requests through the contract', async () => {
    const handlers = createHandlers({ version: '1', mode: 'browser', dataDir: '/tmp', platform: 'linux', backups: createBackupFiles({ fs, path, now: () => new Date() }), unitKeys: createUnitKeys({ fs, dir: '/tmp/zw-keys-unused', join: path.join, os: null, now: Date.now }) });
    expect(await dispatch(handlers, 'backup:write', { dir: 'relative/dir', unitCode: 'ZL-001', kind: 'auto', data: 'AQID', keep: 3 })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await dispatch(handlers, 'backup:write', { dir: '/tmp/x', unitCode: '../../etc', kind: 'auto', data: 'AQID', keep: 3 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await dispatch(handlers, 'backup:write', { dir: '/tmp/x', unitCode: 'ZL-001', kind: 'auto', data: 'not base64!', keep: 3 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await dispatch(handlers, 'backup:chooseFolder', {})).toEqual({ ok: true, value: { dir: null } });
  });
});
