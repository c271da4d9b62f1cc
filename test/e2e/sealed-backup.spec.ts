import { test, expect } from '@playwright/test';
import { readFile, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ADMIN, shot, signIn, unitWithDevice } from './helpers';

// Backups sealed with a passphrase: the administrator sets it (typed twice,
// strong enough), a backup made then is unreadable without it, and the
// restore asks for it — a wrong one restores nothing.
const PASSPHRASE = '庄浪县备份口令Bak2026';

// Main keeps the passphrase's key in the host's data folder, which the other specs share: never leave it set.
test.afterAll(async () => {
  await rm(resolve('test-results/host-data/backup-passphrase.json'), { force: true });
});

test('a backup sealed with the passphrase is unreadable without it and restores with it', async ({ browser }) => {
  // Setup, a backup, a restore and two key derivations of about a second each, on a shared machine.
  test.setTimeout(240_000);
  const page = await (await browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 768 } })).newPage();
  await unitWithDevice(page, { ip: '10.20.1.11', mac: '00-1A-2B-3C-4D-11', owner: '李明', office: '信息科' });

  await page.getByRole('menuitem', { name: '备份与恢复' }).click();
  const card = page.getByTestId('backup-passphrase');
  await expect(card.getByTestId('backup-passphrase-state')).toContainText('尚未设置备份口令');
  await card.getByLabel('您的登录密码').fill(ADMIN.password);
  await card.getByLabel('备份口令', { exact: true }).fill('abcdefghijkl');
  await card.getByLabel('再次输入备份口令').fill('abcdefghijkl');
  await card.getByRole('button', { name: '设置口令' }).click();
  await expect(card).toContainText('口令须包含大写字母、小写字母、数字、其他符号（含汉字）中的至少三种');
  await card.getByLabel('备份口令', { exact: true }).fill(PASSPHRASE);
  await card.getByLabel('再次输入备份口令').fill(PASSPHRASE);
  await card.getByRole('button', { name: '设置口令' }).click();
  await expect(card.getByTestId('backup-passphrase-state')).toContainText('已设置备份口令', { timeout: 30_000 });
  await card.scrollIntoViewIfNeeded();
  await shot(page, 'sealed-backup-card');

  const download = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByRole('button', { name: '备份到文件' }).click();
  const sign = page.getByRole('dialog', { name: '用本单位密钥签名备份' });
  await expect(sign).toContainText('本次备份将用备份口令加密');
  await sign.getByRole('textbox', { name: '您的密码' }).fill(ADMIN.password);
  await sign.getByRole('button', { name: '开始备份' }).click();
  const file = await readFile(await (await download).path());
  expect(file.subarray(0, 24).toString()).toBe('zwledger-backup-sealed/1');
  expect(file.includes(Buffer.from('10.20.1.11'))).toBe(false);
  expect(file.includes(Buffer.from('庄浪县人民政府办公室'))).toBe(false);

  // The restore asks for the passphrase; a wrong one opens nothing.
  await page.getByTestId('restore-file').setInputFiles({ name: 'zl-sealed.zwbak', mimeType: 'application/octet-stream', buffer: file });
  const locked = page.getByTestId('restore-locked');
  await expect(locked).toContainText('已用口令加密');
  await locked.getByLabel('备份口令').fill('Not-the-passphrase-1');
  await locked.getByRole('button', { name: '打开备份' }).click();
  await expect(page.getByTestId('restore-error')).toContainText('备份口令不正确，备份未打开，没有恢复任何数据。', { timeout: 30_000 });
  await locked.scrollIntoViewIfNeeded();
  await shot(page, 'sealed-backup-wrong-passphrase');
  await locked.getByLabel('备份口令').fill(PASSPHRASE);
  await locked.getByRole('button', { name: '打开备份' }).click();
  await expect(page.getByTestId('restore-summary')).toContainText('庄浪县人民政府办公室（ZL-001）', { timeout: 30_000 });
  await expect(page.getByTestId('restore-summary')).toContainText('入网计算机登记1');
  await page.getByRole('textbox', { name: '当前管理员密码' }).fill(ADMIN.password);
  await page.getByTestId('restore-summary').scrollIntoViewIfNeeded();
  await shot(page, 'sealed-backup-opened');
  await page.getByTestId('restore-button').click();
  await page.getByRole('tooltip').getByRole('button', { name: '恢复' }).click();
  await expect(page.getByTestId('restore-done')).toContainText('恢复完成', { timeout: 30_000 });
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible({ timeout: 15_000 });
  await signIn(page, ADMIN.username, ADMIN.password);
  await page.getByRole('menuitem', { name: '入网计算机登记' }).click();
  await expect(page.getByRole('cell', { name: '10.20.1.11', exact: true })).toBeVisible();

  // Dropping the passphrase: later backups are plain again.
  await page.getByRole('menuitem', { name: '备份与恢复' }).click();
  await card.getByLabel('您的登录密码').fill(ADMIN.password);
  await card.getByRole('button', { name: '不再加密' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '不再加密' }).click();
  await expect(card.getByTestId('backup-passphrase-state')).toContainText('尚未设置备份口令');
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.context().close();
});
