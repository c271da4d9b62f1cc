import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import { createBackupFiles } from '../../../main/services/backupFiles';
import { sealWithUnitKeys } from '../../../main/services/backupSeal';
import { createUnitKeys } from '../../../main/services/unitKey';
import { anyHashMatches } from '../../../main/services/passwords';
import { createSigninGuard } from '../../../main/services/signinGuard';
import { performance } from 'node:perf_hooks';

/** Backup files over a throwaway data folder, for tests whose subject is something else. */
export function testBackupFiles(dataDir: string = mkdtempSync(path.join(tmpdir(), 'zw-main-'))) {
  const unitKeys = createUnitKeys({ fs, dir: path.join(dataDir, 'keys'), join: path.join, os: null, now: Date.now });
  return createBackupFiles({
    fs,
    path,
    now: () => new Date(),
    configFile: path.join(dataDir, 'backup-folder.json'),
    fallbackDir: path.join(dataDir, 'before-restore'),
    seal: sealWithUnitKeys(unitKeys, anyHashMatches),
    randomId: () => randomBytes(16).toString('hex'),
  });
}

/** A sign-in guard over a throwaway folder, with main's real clocks and hashing. */
export function testGuard(dataDir: string = mkdtempSync(path.join(tmpdir(), 'zw-guard-'))) {
  return createSigninGuard({
    fs,
    dir: dataDir,
    file: path.join(dataDir, 'accounts.json'),
    monotonic: () => performance.now(),
    now: () => Date.now(),
    randomToken: () => randomBytes(32).toString('hex'),
  });
}
