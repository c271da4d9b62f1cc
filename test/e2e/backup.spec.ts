import { test, expect, type Page } from '@playwright/test';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ADMIN, shot, signIn, unitWithDevice } from './helpers';

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
  await unitWithDevice(page, { ip: '10.20.1.11', mac: '00-1A-2B-3C-4D-11', owner: '李明', office: '信息科' });

  await openBackupPage(page);
  // A mistyped folder is refused, never created.
  const folderInput = page.getByRole('textbox', { name: '备份文件夹' });
  await folderInput.fill(folder);
  await folderInput.blur();
  await expect(page.getByTestId('folder-error')).toContainText('该文件夹不存在');
  await expect(page.getByRole('switch', { name: '每天自动备份到下面的文件夹' })).toBeDisabled();
  await mkdir(folder, { recursive: true });
  await folderInput.fill(`${folder}/`);
  await folderInput.blur();
  await expect(page.getByText('备份文件夹已保存')).toBeVisible();
  await page.getByRole('switch', { name: '每天自动备份到下面的文件夹' }).click();
  await expect(page.getByTestId('next-auto')).toContainText(/第一次自动备份将在 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 前后进行/);

  // Each manual backup is signed with the unit key: the password unlocks it.
  await page.getByRole('button', { name: '备份到备份文件夹' }).click();
  const sign = page.getByRole('dialog', { name: '用本单位密钥签名备份' });
  await sign.getByRole('textbox', { name: '您的密码' }).fill('wrong-password1');
  await sign.getByRole('button', { name: '开始备份' }).click();
  await expect(sign.getByText('密码不正确，备份未保存。')).toBeVisible();
  await sign.getByRole('textbox', { name: '您的密码' }).fill(ADMIN.password);
  await sign.getByRole('button', { name: '开始备份' }).click();
  await expect(sign).toBeHidden();
  await expect(page.getByRole('cell', { name: /^zwledger-ZL-001-\d{8}-\d{6}-manual\.zwbak$/ })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '备份到文件' }).click();
  await sign.getByRole('textbox', { name: '您的密码' }).fill(ADMIN.password);
  await sign.getByRole('button', { name: '开始备份' }).click();
  backupFile = await readFile(await (await download).path());
  await shot(page, '50-backup');
  await page.context().close();
});

test('a fresh install restores it from the first screen, and the data checks out', async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/');
  await expect(page.getByText('首次使用：单位登记')).toBeVisible();
  // A backup is refused when its bytes were changed after signing.
  const altered = Buffer.from(backupFile);
  altered[altered.length - 400]! ^= 0xff;
  await page.getByRole('button', { name: '从备份恢复' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('restore-file').setInputFiles({ name: 'not-a-backup.zwbak', mimeType: 'application/octet-stream', buffer: Buffer.from('hello') });
  await expect(dialog.getByText('不是本软件的备份文件，或文件已损坏')).toBeVisible();
  await dialog.getByTestId('restore-file').setInputFiles({ name: 'altered.zwbak', mimeType: 'application/octet-stream', buffer: altered });
  await expect(dialog.getByTestId('restore-error')).toContainText(/签名无效|不是本软件的备份文件/);
  await dialog.getByTestId('restore-file').setInputFiles({ name: 'zl.zwbak', mimeType: 'application/octet-stream', buffer: backupFile });
  await expect(dialog.getByTestId('restore-summary')).toContainText('庄浪县人民政府办公室（ZL-001）');
  await expect(dialog.getByTestId('restore-summary')).toContainText('入网计算机登记1');
  await expect(dialog.getByTestId('restore-fingerprint')).toHaveText(/^(\d{5}){8}$/);
  await shot(page, '51-restore-fresh');
  await dialog.getByTestId('restore-button').click();
  await page.getByRole('tooltip').getByRole('button', { name: '恢复' }).click();
  await expect(dialog.getByTestId('restore-done')).toContainText('恢复完成');
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('restored-notice')).toContainText(/已从备份恢复：庄浪县人民政府办公室（ZL-001），备份时间 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  await expect(page.getByTestId('restored-notice')).toContainText('入网计算机登记 1');
  await shot(page, '53-signin-after-restore');
  await signIn(page, ADMIN.username, ADMIN.password);
  await page.getByRole('menuitem', { name: '入网计算机登记' }).click();
  await expect(page.getByRole('cell', { name: '10.20.1.11', exact: true })).toBeVisible();
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
  await expect(page.getByTestId('restore-done')).toContainText(/原数据已另存为 zwledger-ZL-001-\d{8}-\d{6}-before-restore\.zwbak（位于 .+）。 恢复完成/);
  await shot(page, '52-restore-over');
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible({ timeout: 15_000 });
  // Each restore filled a new database and switched to it; the start after it deleted the one replaced.
  await expect
    .poll(() => page.evaluate(async () => ({ names: (await indexedDB.databases()).map((d) => d.name).sort(), record: JSON.parse(localStorage.getItem('zwledger.databases') ?? 'null') as { live: string; drop: string[] } | null })))
    .toEqual({ names: [expect.stringMatching(/^zwledger-[0-9a-z]+$/)], record: { live: expect.stringMatching(/^zwledger-[0-9a-z]+$/), drop: [] } });
  await signIn(page, ADMIN.username, ADMIN.password);
  await page.getByRole('menuitem', { name: '入网计算机登记' }).click();
  await expect(page.getByRole('cell', { name: '10.20.1.11', exact: true })).toBeVisible();
});
