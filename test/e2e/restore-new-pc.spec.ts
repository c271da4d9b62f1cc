import { test, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, completeSetup, setIdleMinutes, shot, signIn } from './helpers';

// A unit's PC replaced: its backup restored on another PC, whose main process
// has never seen the unit (a second host with an empty data folder, and a new
// browser profile). The signing key stays on the old PC by design; the
// bundles page must say so and offer the way back to the office.
test.describe.configure({ mode: 'serial' });

const PORT = Number(process.env.ZW_E2E_PORT ?? 47899) + 7;
const NEW_PC = `http://127.0.0.1:${PORT}/`;
let host: ChildProcess;
let dataDir: string;
let backupFile: Buffer;

test.beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'zw-e2e-new-pc-'));
  host = spawn(process.execPath, ['out/host/host.mjs'], { env: { ...process.env, ZW_PORT: String(PORT), ZW_DATA_DIR: dataDir }, stdio: 'ignore' });
  await expect.poll(async () => (await fetch(NEW_PC).catch(() => null))?.status ?? 0, { timeout: 20_000 }).toBe(200);
});

test.afterAll(async () => {
  host?.kill();
  await rm(dataDir, { recursive: true, force: true });
});

test('the old PC exports a bundle and backs up to a file', async ({ browser }) => {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await completeSetup(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await setIdleMinutes(page, 120);
  await page.getByRole('menuitem', { name: '数据包与政策' }).click();
  const card = page.getByTestId('export-card');
  await card.getByLabel('管理员密码').fill(ADMIN.password);
  const exported = page.waitForEvent('download');
  await card.getByRole('button', { name: '签名并导出' }).click();
  await exported;
  await expect(card).toContainText('上次导出：');
  await expect(page.getByTestId('key-restored')).toHaveCount(0);

  await page.getByRole('menuitem', { name: '备份与恢复' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '备份到文件' }).click();
  const sign = page.getByRole('dialog', { name: '用本单位密钥签名备份' });
  await sign.getByRole('textbox', { name: '您的密码' }).fill(ADMIN.password);
  await sign.getByRole('button', { name: '开始备份' }).click();
  backupFile = await readFile(await (await download).path());
  await page.context().close();
});

test('on the new PC the restore signs in, and the bundles page asks for a new key to enrol', async ({ browser }) => {
  const page = await (await browser.newContext({ baseURL: NEW_PC })).newPage();
  await page.goto('/');
  await expect(page.getByText('首次使用：单位登记')).toBeVisible();
  await page.getByRole('button', { name: '从备份恢复' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('restore-file').setInputFiles({ name: 'zl.zwbak', mimeType: 'application/octet-stream', buffer: backupFile });
  await expect(dialog.getByTestId('restore-summary')).toContainText('庄浪县人民政府办公室（ZL-001）');
  // This PC has no key to check the signature against: the fingerprint is compared by eye and the backup's own password asked.
  await expect(dialog).toContainText('本机还没有密钥，无法自动确认来源');
  await expect(dialog.getByTestId('restore-button')).toBeDisabled();
  await dialog.getByPlaceholder('备份中管理员的密码').fill(ADMIN.password);
  await dialog.getByTestId('restore-button').click();
  await page.getByRole('tooltip').getByRole('button', { name: '恢复' }).click();
  await expect(dialog.getByTestId('restore-done')).toContainText('恢复完成');
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible({ timeout: 15_000 });
  await signIn(page, ADMIN.username, ADMIN.password);
  await page.getByRole('menuitem', { name: '数据包与政策' }).click();
  const notice = page.getByTestId('key-restored');
  await expect(notice).toContainText('本机的数据是从备份恢复的，签名密钥没有随备份转移');
  await expect(notice).toContainText('交市信息办重新登记');
  await expect(page.getByTestId('unit-key').getByRole('button', { name: /生成/ })).toBeVisible();
  await shot(page, '64-key-after-restore');
});
