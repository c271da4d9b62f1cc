import { test, expect, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readSheet } from 'read-excel-file/node';
import { ADMIN, addAccount, completeSetup, downloaded, setIdleMinutes, shot, signIn, signOut } from './helpers';

// The information office's console: the auditor enrols unit keys after
// comparing fingerprints, imports many bundles (by file dialog and by drag
// and drop) with a verdict per file, sees the units side by side and any
// unit's records read-only, and revokes a key.
test.describe.configure({ mode: 'serial' });

const AUDITOR = { username: 'kaohe', name: '市信息办考核员', password: 'Kaohe2026!' };
let page: Page;
let dir: string;
const fingerprints = new Map<string, string>();
const bundle = (name: string) => join(dir, 'bundles', name);

test.beforeAll(async ({ browser }) => {
  dir = await mkdtemp(join(tmpdir(), 'zw-e2e-console-'));
  const { stdout } = await promisify(execFile)(process.execPath, ['out/cli/zwledger.mjs', 'fixture', '--units', '3', '--entries', '400', '--per-bundle', '150', '--out', dir]);
  for (const m of stdout.matchAll(/^(PL-\d{4}) .*密钥指纹 ([\d ]+)$/gm)) fingerprints.set(m[1]!, m[2]!.trim());
  expect(fingerprints.size).toBe(3);
  const tampered = await readFile(bundle('PL-0003-151-300.zwb'));
  tampered[Math.floor(tampered.length / 2)]! ^= 0x20;
  await writeFile(join(dir, 'tampered.zwb'), tampered);
  await writeFile(join(dir, '会议纪要.zwb'), '这不是数据包');
  // A ninth unit's key signs a bundle carrying a computer under PL-0001's id: what a tampered PC could send.
  await promisify(execFile)(process.execPath, ['--import', 'tsx', 'test/support/craft-foreign-bundle.ts', dir]);

  page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await completeSetup(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await setIdleMinutes(page, 120);
  await addAccount(page, { ...AUDITOR, role: '考核人员（市信息办）' });
  await signOut(page);
  await signIn(page, AUDITOR.username, AUDITOR.password);
});

test('the auditor starts at the units view, empty until bundles arrive', async () => {
  await expect(page.getByRole('heading', { name: '各单位汇总' })).toBeVisible();
  await expect(page.getByText('尚未导入任何数据包')).toBeVisible();
});

test('bundles signed by keys not yet enrolled are refused, and change nothing', async () => {
  await page.getByRole('menuitem', { name: '导入数据包' }).click();
  await expect(page.getByText('尚未登记任何单位密钥')).toBeVisible();
  await page.getByTestId('bundle-files').setInputFiles([bundle('PL-0001-1-150.zwb')]);
  const results = page.getByTestId('import-results');
  await expect(results).toContainText('共 1 个文件：导入 0 个，无变化 0 个，拒收 1 个');
  await expect(results.locator('[data-verdict="unknownKey"]')).toHaveText('未登记的密钥');
});

test('keys are enrolled after comparing the fingerprint read out by phone', async () => {
  await page.getByRole('menuitem', { name: '单位密钥登记' }).click();
  await page.getByTestId('enrolment-file').setInputFiles(join(dir, 'keys', 'PL-0001.json'));
  let dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('review-fingerprint')).toHaveText(fingerprints.get('PL-0001')!.replace(/ /g, ''));
  await page.waitForTimeout(400); // the modal's opening animation
  await shot(page, '70-enrol-review');
  await dialog.getByRole('button', { name: '指纹一致，登记' }).click();
  await expect(page.getByText(/已登记 .* 的密钥/).last()).toBeVisible();
  await expect(dialog).toBeHidden();

  // The rest at once, reviewed in one list: nothing is ticked for the auditor, an enrolled key and
  // a file that is not an enrolment file cannot be ticked.
  await page.getByTestId('enrolment-file').setInputFiles([
    join(dir, 'keys', 'PL-0002.json'), join(dir, 'keys', 'PL-0003.json'), join(dir, 'keys', 'PL-0001.json'), bundle('PL-0001-1-150.zwb'),
  ]);
  dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('核对 4 个登记文件的指纹');
  const list = dialog.getByTestId('enrolment-batch');
  const rowOf = (text: string) => list.getByRole('row').filter({ hasText: text });
  await expect(rowOf('PL-0002.json')).toContainText(fingerprints.get('PL-0002')!);
  await expect(rowOf('PL-0002.json')).toContainText('新密钥：请电话核对指纹');
  await expect(rowOf('PL-0001.json')).toContainText('已登记过');
  await expect(rowOf('PL-0001-1-150.zwb')).toContainText('不是有效的登记文件');
  await expect(dialog.getByRole('checkbox', { name: 'PL-0001.json' })).toBeDisabled();
  await expect(dialog.getByRole('checkbox', { name: 'PL-0001-1-150.zwb' })).toBeDisabled();
  const ok = dialog.getByRole('button', { name: /登记选中的/ });
  await expect(ok).toBeDisabled();
  await dialog.getByRole('checkbox', { name: 'PL-0002.json' }).check();
  await dialog.getByRole('checkbox', { name: 'PL-0003.json' }).check();
  await shot(page, '70-enrol-batch');
  await dialog.getByRole('button', { name: '指纹已逐一核对，登记选中的 2 个' }).click();
  await expect(page.getByText('已登记 2 个单位的密钥')).toBeVisible();
  await expect(page.getByRole('row')).toHaveCount(4);
  // A file that is not an enrolment file is refused with the reason.
  await page.getByTestId('enrolment-file').setInputFiles(bundle('PL-0001-1-150.zwb'));
  await expect(page.getByText(/不是有效的登记文件/)).toBeVisible();
});

test('many files at once: imported, gap, duplicate, altered, not a bundle', async () => {
  await page.getByRole('menuitem', { name: '导入数据包' }).click();
  await page.getByTestId('bundle-files').setInputFiles([
    bundle('PL-0001-301-400.zwb'), bundle('PL-0001-1-150.zwb'), bundle('PL-0001-151-300.zwb'), bundle('PL-0001-1-150.zwb'),
    bundle('PL-0002-1-150.zwb'), bundle('PL-0002-301-400.zwb'),
    bundle('PL-0003-1-150.zwb'), join(dir, 'tampered.zwb'), join(dir, '会议纪要.zwb'),
  ]);
  const results = page.getByTestId('import-results');
  await expect(results).toContainText('共 9 个文件：导入 6 个，无变化 1 个，拒收 2 个');
  const verdictOf = (file: string) => results.getByRole('row').filter({ hasText: file }).locator('[data-verdict]');
  // Said with a gap when it came; the later files of the same batch filled it, so it is now complete too.
  await expect(verdictOf('PL-0001-301-400.zwb')).toHaveText(['前有缺口', '有效']);
  await expect(results.getByRole('row').filter({ hasText: 'PL-0001-301-400.zwb' }).first()).toContainText('缺少第 1–300 条');
  await expect(verdictOf('PL-0002-301-400.zwb')).toHaveText('前有缺口');
  await expect(verdictOf('PL-0003-1-150.zwb')).toHaveText('有效');
  await expect(verdictOf('tampered.zwb')).toHaveText(/无法读取|内容被改动|签名无效/);
  await expect(verdictOf('会议纪要.zwb')).toHaveText('不是数据包');
  await expect(results.getByRole('row').filter({ hasText: 'PL-0001-1-150.zwb' }).locator('[data-verdict]')).toHaveText(['有效', '已导入过（无变化）']);
  await shot(page, '71-import-results');
});

test('the missing segment dropped onto the page fills the gap', async () => {
  const bytes = (await readFile(bundle('PL-0002-151-300.zwb'))).toString('base64');
  const transfer = await page.evaluateHandle((b64) => {
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'PL-0002-151-300.zwb'));
    return dt;
  }, bytes);
  await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer: transfer });
  await expect(page.getByTestId('import-results')).toContainText('共 1 个文件：导入 1 个');
  await expect(page.getByTestId('import-results').locator('[data-verdict]')).toHaveText('有效');
});

test('the units side by side, any unit read-only, and the table in Excel', async () => {
  await page.getByRole('menuitem', { name: '各单位汇总' }).click();
  const table = page.getByTestId('units-table');
  await expect(table.getByRole('row')).toHaveCount(4);
  const row = (code: string) => table.getByRole('row').filter({ hasText: code });
  await expect(row('PL-0001')).toContainText('完整');
  await expect(row('PL-0002')).toContainText('完整');
  await expect(row('PL-0003')).toContainText('完整');
  await expect(row('PL-0001')).toContainText(/(8\d|9\d|100)\.\d%/);
  await shot(page, '72-units');
  await row('PL-0001').getByRole('button', { name: /崆峒区/ }).click();
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByRole('tab', { name: /入网计算机（\d+）/ })).toBeVisible();
  await expect(drawer.getByRole('cell', { name: '10.0.0.3', exact: true })).toBeVisible();
  // The check-ins as slots, judged at the unit's last entry, with who checked.
  await drawer.getByRole('tab', { name: /公文查收|签到/ }).click();
  const slots = drawer.getByTestId('unit-checkin-slots');
  await expect(slots).toContainText(/近 30 天.*按时 \d+ · 迟查 \d+ · 漏查 \d+/);
  await expect(slots.getByRole('row').nth(1)).toContainText(/按时|迟查|漏查/);
  await expect(slots.getByRole('cell', { name: /^(王|李|张|刘|陈|杨|赵|黄)/ }).first()).toBeVisible();
  await shot(page, '73-unit-checkins');
  const duty = drawer.getByRole('tab', { name: /值班日志（\d+）/ });
  await duty.click();
  await expect(duty).toHaveAttribute('aria-selected', 'true');
  await expect(drawer.getByRole('tabpanel', { name: /值班日志/ })).toContainText('专网运行正常');
  await expect(drawer.getByRole('button', { name: /新增|编辑|保存/ })).toHaveCount(0);
  await shot(page, '73-unit-records');
  await page.keyboard.press('Escape');
  const sheet = await downloaded(page, () => page.getByRole('button', { name: '导出 Excel' }).click());
  expect(sheet.name).toMatch(/^各单位汇总-.*\.xlsx$/);
  const rows = (await readSheet(await readFile(sheet.path))) as (string | number | null)[][];
  expect(rows[3]!.slice(0, 2)).toEqual(['单位', '代码']);
  expect(rows.slice(4).map((r) => r[1])).toEqual(['PL-0001', 'PL-0002', 'PL-0003']);
});

test('a revoked key: its bundles are refused from then on', async () => {
  await page.getByRole('menuitem', { name: '单位密钥登记' }).click();
  await page.getByRole('row').filter({ hasText: 'PL-0003' }).getByRole('button', { name: '吊销' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('吊销原因').fill('单位电脑更换，旧密钥停用');
  await dialog.getByRole('button', { name: '吊销' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'PL-0003' })).toContainText('已吊销');
  await page.getByRole('menuitem', { name: '导入数据包' }).click();
  await page.getByTestId('bundle-files').setInputFiles([bundle('PL-0003-301-400.zwb')]);
  await expect(page.getByTestId('import-results').locator('[data-verdict]')).toHaveText('密钥已吊销');
});

test('a bundle naming another unit’s computer is refused whole, and that unit’s record stays', async () => {
  await page.getByRole('menuitem', { name: '单位密钥登记' }).click();
  await page.getByTestId('enrolment-file').setInputFiles(join(dir, 'PL-0009.json'));
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: '指纹一致，登记' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('menuitem', { name: '导入数据包' }).click();
  await page.getByTestId('bundle-files').setInputFiles([join(dir, 'PL-0009-1-31.zwb')]);
  const results = page.getByTestId('import-results');
  await expect(results).toContainText('共 1 个文件：导入 0 个，无变化 0 个，拒收 1 个');
  await expect(results.locator('[data-verdict]')).toHaveText('含其他单位的记录');
  await expect(results).toContainText('入网计算机：第 31 条记录的编号已属于其他单位，整个数据包不予接收');
  await page.getByRole('menuitem', { name: '各单位汇总' }).click();
  await page.getByTestId('units-table').getByRole('row').filter({ hasText: 'PL-0001' }).getByRole('button', { name: /崆峒区/ }).click();
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByRole('tab', { name: /入网计算机（\d+）/ })).toBeVisible();
  await expect(drawer.getByText('冒名')).toHaveCount(0);
  await page.keyboard.press('Escape');
});
