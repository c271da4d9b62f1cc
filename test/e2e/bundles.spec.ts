import { test, expect, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ADMIN, completeSetup, downloaded, fillDevice, saveDrawer, setIdleMinutes, shot, signIn } from './helpers';

// The administrator's export: the unit key made at setup, its fingerprint and
// enrolment file, a signed bundle written in the browser and verified by the
// office's command line under Node, and a rotation the old key signs.
test.describe.configure({ mode: 'serial' });

let page: Page;
let keys: string;
const run = promisify(execFile);

async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, ['out/cli/zwledger.mjs', ...args]);
    return { code: 0, out: stdout };
  } catch (e) {
    const failure = e as { code: number; stdout: string };
    return { code: failure.code, out: failure.stdout };
  }
}

async function save(trigger: () => Promise<void>, name: RegExp): Promise<string> {
  const file = await downloaded(page, trigger);
  expect(file.name).toMatch(name);
  const to = join(keys, '..', file.name);
  await copyFile(file.path, to);
  return to;
}

test.beforeAll(async ({ browser }) => {
  keys = join(await mkdtemp(join(tmpdir(), 'zw-e2e-bundles-')), 'keys');
  await (await import('node:fs/promises')).mkdir(keys);
  page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await completeSetup(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await setIdleMinutes(page, 120);
  await page.getByRole('menuitem', { name: '入网计算机登记' }).click();
  await page.getByRole('button', { name: '登记设备' }).click();
  await fillDevice(page, { ip: '10.30.1.11', mac: '00-1A-2B-3C-5D-11', owner: '李明', office: '信息科' });
  await saveDrawer(page);
  await expect(page.getByRole('dialog')).toBeHidden();
});

test('the key made at setup, its fingerprint and the enrolment file', async () => {
  await page.getByRole('menuitem', { name: '数据包与政策' }).click();
  const card = page.getByTestId('unit-key');
  await expect(card.getByTestId('fingerprint')).toHaveText(/^(\d{5}){8}$/);
  await expect(card).toContainText('SM2 国密签名');
  await expect(card).toContainText('有权使用的账号各用自己的登录密码打开');
  const file = await save(() => card.getByRole('button', { name: '下载登记文件' }).click(), /^zwledger-enrolment-.*\.json$/);
  await copyFile(file, join(keys, 'unit.json'));
  await shot(page, '60-unit-key');
});

test('an export says what it holds, needs the password, and verifies under Node', async () => {
  const card = page.getByTestId('export-card');
  await expect(card).toContainText('尚未导出过数据包');
  await expect(card.getByTestId('export-summary')).toContainText('将导出第 1–');
  await expect(card.getByRole('cell', { name: '入网计算机' })).toBeVisible();
  await card.getByLabel('管理员密码').fill('wrong-password');
  await card.getByRole('button', { name: '签名并导出' }).click();
  await expect(card.getByTestId('export-result')).toContainText('密码不正确');

  await card.getByLabel('管理员密码').fill(ADMIN.password);
  const bundle = await save(() => card.getByRole('button', { name: '签名并导出' }).click(), /^zwledger-.*-1-\d+-\d{8}-\d{4}\.zwb$/);
  await expect(card.getByTestId('export-result')).toContainText('已登记复制备案');
  await shot(page, '61-exported');
  const verified = await cli('verify', '--keys', keys, bundle);
  expect(verified.out).toContain('有效');
  expect(verified.code).toBe(0);

  // The export's own copy filing is not news: nothing new to export until someone changes something.
  await expect(card).toContainText('上次导出：');
  await expect(card.getByTestId('export-nothing')).toContainText('上次导出以来没有新的记录');
  await expect(card.getByTestId('export-summary')).toBeHidden();
  await expect(card.getByRole('button', { name: '签名并导出' })).toBeDisabled();
  // The whole history still holds it.
  await card.getByText('全部历史').click();
  await expect(card.getByTestId('export-summary')).toBeVisible();
  await expect(card.getByRole('cell', { name: '复制备案' })).toBeVisible();
  await card.getByText('上次导出以来的新记录').click();
  await page.getByRole('menuitem', { name: '复制备案' }).click();
  await expect(page.getByText(/导出数据包 zwledger-.*\.zwb/)).toBeVisible();
});

test('a rotated key signs its own enrolment; bundles before and after both verify', async () => {
  await page.getByRole('menuitem', { name: '数据包与政策' }).click();
  const card = page.getByTestId('unit-key');
  const before = await card.getByTestId('fingerprint').textContent();
  await card.getByRole('button', { name: '轮换密钥' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('管理员密码').fill(ADMIN.password);
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(page.getByText('已轮换密钥')).toBeVisible();
  await expect(card.getByTestId('fingerprint')).not.toHaveText(before ?? '');
  await expect(card).toContainText('由上一把密钥签名的新密钥（轮换）');
  const enrolment = await save(() => card.getByRole('button', { name: '下载登记文件' }).click(), /\.json$/);
  await copyFile(enrolment, join(keys, 'rotated.json'));

  // Nothing changed since the last export but its own filing, so the new key signs the whole history.
  const exportCard = page.getByTestId('export-card');
  await expect(exportCard.getByRole('button', { name: '签名并导出' })).toBeDisabled();
  await exportCard.getByText('全部历史').click();
  await exportCard.getByLabel('管理员密码').fill(ADMIN.password);
  const bundle = await save(() => exportCard.getByRole('button', { name: '签名并导出' }).click(), /\.zwb$/);
  const verified = await cli('verify', '--keys', keys, '--json', bundle);
  expect(verified.code).toBe(0);
  expect(JSON.parse(verified.out)[0]).toMatchObject({ verdict: 'valid' });
});

test('a damaged key file is said so on the key card, and replacing the key is the way out', async () => {
  const { readFile, writeFile, readdir } = await import('node:fs/promises');
  const { unitId } = JSON.parse(await readFile(join(keys, 'unit.json'), 'utf8')) as { unitId: string };
  // The host's data folder (playwright.config.ts): what a disk error or a stray edit would leave.
  const hostKeys = join('test-results', 'host-data', 'keys');
  const file = join(hostKeys, `${unitId}.json`);
  await writeFile(file, (await readFile(file, 'utf8')).slice(0, 120));
  await page.getByRole('menuitem', { name: '入网计算机登记' }).click();
  await page.getByRole('menuitem', { name: '数据包与政策' }).click();
  const card = page.getByTestId('unit-key');
  await expect(card.getByTestId('key-damaged')).toContainText('签名密钥文件已损坏');
  await shot(page, '63-key-damaged');
  await card.getByRole('button', { name: '更换密钥' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('管理员密码').fill(ADMIN.password);
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(card.getByTestId('fingerprint')).toHaveText(/^(\d{5}){8}$/);
  await expect(card.getByTestId('key-damaged')).toHaveCount(0);
  expect((await readdir(hostKeys)).some((n) => n.startsWith(`${unitId}.json.damaged-`))).toBe(true);
});
