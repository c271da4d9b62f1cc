import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHandlers } from './services/dispatch';
import { createBrowserHost } from './services/browserHost';
import { createBackupFiles } from './services/backupFiles';
import { createUnitKeys } from './services/unitKey';
import { sealWithUnitKeys } from './services/backupSeal';
import { createBackupPassphrase } from './services/backupPassphrase';
import { createSigninGuard, keyHolders } from './services/signinGuard';
import { consoleHolders, createConsoleStore } from './services/consoleStore';
import { performance } from 'node:perf_hooks';

// `node out/host/host.mjs`: browser mode. The port is fixed on purpose:
// IndexedDB lives at the page's origin, so a different port would show an
// empty app and orphan the data entered before.
const here = dirname(fileURLToPath(import.meta.url));
const port = Number(process.env.ZW_PORT ?? 47800);
const dataDir = resolve(process.env.ZW_DATA_DIR ?? '.zw-data');
mkdirSync(dataDir, { recursive: true });
const version = (JSON.parse(readFileSync(join(here, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

const guard = createSigninGuard({
  fs,
  dir: dataDir,
  file: join(dataDir, 'accounts.json'),
  monotonic: () => performance.now(),
  now: () => Date.now(),
  randomToken: () => randomBytes(32).toString('hex'),
});
// No OS keystore in browser mode: the key is sealed to each account allowed to use it, under their own passwords.
const unitKeys = createUnitKeys({ fs, dir: join(dataDir, 'keys'), join, os: null, now: () => Date.now(), holders: keyHolders(guard) });
const consoleStore = createConsoleStore({ fs, file: join(dataDir, 'console-database.json'), os: null, holders: consoleHolders(guard), now: () => Date.now() });


const backupPassphrase = createBackupPassphrase({ fs, file: join(dataDir, 'backup-passphrase.json'), os: null, now: () => Date.now(), randomId: () => randomBytes(16).toString('hex') });

const host = createBrowserHost({
  rendererDir: join(here, '..', 'renderer'),
  handlers: createHandlers({
    version,
    mode: 'browser',
    dataDir: `${dataDir}（数据保存在浏览器中 http://127.0.0.1:${port} 站点的 IndexedDB）`,
    platform: process.platform,
    backups: createBackupFiles({
      fs,
      path: { isAbsolute, join, resolve },
      now: () => new Date(),
      configFile: join(dataDir, 'backup-folder.json'),
      fallbackDir: join(dataDir, 'before-restore'),
      seal: sealWithUnitKeys(unitKeys, (password, hashes) => guard.checkBackupAdmin(password, hashes)),
      randomId: () => randomBytes(16).toString('hex'),
      passphrase: backupPassphrase,
    }),
    unitKeys,
    guard,
    consoleStore,
    backupPassphrase,
  }),
  token: randomBytes(32).toString('hex'),
  port,
});

const { url } = await host.start();
console.log(`专网台账 browser mode: ${url}`);
console.log(`专网台账 浏览器模式已启动：请用浏览器打开 ${url}（仅本机可访问，按 Ctrl+C 退出）`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void Promise.all([host.close(), consoleStore.close()]).then(() => process.exit(0));
  });
}
