// The built app in browser mode, for the app-driven bench scripts in
// test/bench/app/: build it (unless told not to), start its host on a free
// port with a fresh data folder, open Debian's Chromium, and walk the setup
// wizard to the sign-in screen. Kept outside app/, where every file is a
// bench script the runner starts.
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function buildApp() {
  if (!process.env.ZW_BENCH_NO_BUILD && !process.env.ZW_BENCH_APP_BUILT) execFileSync(process.execPath, ['scripts/build.mjs', 'renderer', 'host'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** The host on a free loopback port with its own data folder; `stop` ends it and removes the folder. */
export async function startHost(prefix) {
  const port = await new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => res(p));
    });
  });
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const host = spawn(process.execPath, ['out/host/host.mjs'], { cwd: root, env: { ...process.env, ZW_PORT: String(port), ZW_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'inherit'] });
  const stop = () => {
    host.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const url = await new Promise((res, rej) => {
      let out = '';
      host.stdout.on('data', (d) => {
        out += d;
        const m = /browser mode: (\S+)/.exec(out);
        if (m) res(m[1]);
      });
      host.on('exit', (code) => rej(new Error(`host exited ${code}`)));
    });
    return { url, stop };
  } catch (e) {
    stop();
    throw e;
  }
}

export function launchChromium() {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
}

/** The setup wizard with valid data, ending on the sign-in screen; the administrator is `admin`. */
export async function setUpUnit(page, url, { name, code, password }) {
  await page.goto(url);
  await page.getByLabel('单位名称').fill(name);
  await page.getByLabel('单位代码').fill(code);
  await page.getByLabel('乡镇（故障 3 小时内到达）').check();
  await page.getByRole('button', { name: '下一步' }).click();
  for (const [label, value] of [['分管领导', '张建国'], ['承办科室', '信息科'], ['管理员姓名', '李明'], ['管理员电话', '13909330001'], ['文档员姓名', '王芳'], ['文档员手机（须 24 小时开机）', '13909330002']]) await page.getByLabel(label).fill(value);
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByLabel('用户名', { exact: true }).fill('admin');
  await page.getByLabel('姓名', { exact: true }).fill('李明');
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByLabel('确认密码').fill(password);
  await page.getByRole('button', { name: '完成登记' }).click();
  await page.getByRole('button', { name: '登录' }).waitFor();
}

/** Signs the administrator in; the home page (工作台) is where every role lands. */
export async function signInAdmin(page, password) {
  await page.getByLabel('用户名', { exact: true }).fill('admin');
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('home').waitFor({ timeout: 60_000 });
}
