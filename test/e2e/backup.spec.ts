import { test, expect, type Page } from '@playwright/test';
import { readFile, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ADMIN, completeSetup, fillDevice, saveDrawer, setIdleMinutes, shot, signIn } from './helpers';

// A backup made on one PC, restored on a fresh install (a new browser
// profile: an empty IndexedDB), then restored again over existing data.
test.describe.configure({ mode: 'serial' });

const folder = resolve('test-results/backups');
let backupFile: Buffer;

async function openBackupPage(page: Page) {
  await page.getByRole('menuitem', { name: '备份与恢复' }).click();
}

test('the administrator backs up to a file and into the backup folder', async ({ browser }) => {
  await rm(folder, { recursive: true, force: true });
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await completeSetup(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await setIdleMinutes(page, 120);
  await page.getByRole('menuitem', { name: '入网计算机登记' }).click();
  await page.getByRole('button', { name: '登记设备' }).click();
  await fillDevice(page, { ip: '10.20.1.11', mac: '00-1A-2B-3C-4D-11', owner: '李明', office: '信息科' });
  await saveDrawer(page);
  await expect(page.getByRole('dialog')).toBeHidden();

  await openBackupPage(page);
  const folderInput = page.getByRole('textbox', { name: '备份文件夹' });
  await folderInput.fill(folder);
  await folderInput.blur();
  await page.getByRole('switch', { name: '每天自动备份到下面的文件夹' }).click();
  await page.getByRole('button', { name: '备份到备份文件夹' }).click();
  await expect(page.getByRole('cell', { name: /^zwledger-ZL-001-\d{8}-\d{6}-manual\.zwbak$/ })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '备份到文件' }).click();
  backupFile = await readFile(await (await download).path());
  await shot(page, '50-backup');
  await page.context().close();
});

test('a fresh install restores it from the first screen, and the data checks out', async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/');
  await expect(page.getByText('首次使用：单位登记')).toBeVisible();
  await page.getByRole('button', { name: '从备份恢复' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('restore-file').setInputFiles({ name: 'not-a-backup.zwbak', mimeType: 'application/octet-stream', buffer: Buffer.from('hello') });
  await expect(dialog.getByText('不是本软件的备份文件，或文件已损坏')).toBeVisible();
  await dialog.getByTestId('restore-file').setInputFiles({ name: 'zl.zwbak', mimeType: 'application/octet-stream', buffer: backupFile });
  await expect(dialog.getByTestId('restore-summary')).toContainText('庄浪县人民政府办公室（ZL-001）');
  await expect(dialog.getByTestId('restore-summary')).toContainText('入网计算机登记1');
  await shot(page, '51-restore-fresh');
  await dialog.getByTestId('restore-button').click();
  await page.getByRole('tooltip').getByRole('button', { name: '恢复' }).click();
  await expect(dialog.getByTestId('restore-done')).toContainText('恢复完成');
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible({ timeout: 15_000 });
  await signIn(page, ADMIN.username, ADMIN.password);
  await page.getByRole('menuitem', { name: '入网计算机登记' }).click();
  await expect(page.getByRole('cell', { name: '10.20.1.11' })).toBeVisible();
  await page.getByRole('menuitem', { name: '数据完整性' }).click();
  await page.getByRole('button', { name: '校验数据完整性' }).click();
  await expect(page.getByText(/数据完整，共 \d+ 条变更记录/)).toBeVisible();

  // Over existing data: the administrator's password, and the data replaced is kept first.
  await openBackupPage(page);
  await page.getByTestId('restore-file').setInputFiles({ name: 'zl.zwbak', mimeType: 'application/octet-stream', buffer: backupFile });
  await page.getByRole('textbox', { name: '当前管理员密码' }).fill('wrong-password1');
  await page.getByTestId('restore-button').click();
  await page.getByRole('tooltip').getByRole('button', { name: '恢复' }).click();
  await expect(page.getByText('管理员密码不正确，未恢复')).toBeVisible();
  await page.getByRole('textbox', { name: '当前管理员密码' }).fill(ADMIN.password);
  await page.getByTestId('restore-button').click();
  await page.getByRole('tooltip').getByRole('button', { name: '恢复' }).click();
  await expect(page.getByTestId('restore-done')).toContainText(/原数据已另存为 zwledger-ZL-001-\d{8}-\d{6}-before-restore\.zwbak。 恢复完成/);
  await shot(page, '52-restore-over');
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible({ timeout: 15_000 });
});
