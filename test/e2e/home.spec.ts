import { test, expect, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readSheet } from 'read-excel-file/node';
import { ADMIN, addAccount, completeSetup, downloaded, fillDevice, saveDrawer, setIdleMinutes, shot, signIn, signOut } from './helpers';

// Each role lands on its home page (工作台) after signing in and sees what
// needs it first; a card opens the records behind its figure; the
// administrator's first steps tick off as the data shows each done; a chart
// saves an image and exports its figures to Excel.
test.describe.configure({ mode: 'serial' });

let page: Page;
let dir: string;
/** What the app's Content-Security-Policy refused, and errors thrown in the page: the charts must need neither eval nor inline script. */
const refusals: string[] = [];
const home = () => page.getByTestId('home');
let folderPreset = false;
const step = (key: string) => page.getByTestId('first-steps').locator(`[data-step="${key}"]`);
const openHome = async () => {
  await page.getByRole('menuitem', { name: '工作台' }).click();
  await expect(page.getByTestId('home-ready')).toBeVisible();
};

test.beforeAll(async ({ browser }) => {
  dir = await mkdtemp(join(tmpdir(), 'zw-e2e-home-'));
  page = await (await browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 768 } })).newPage();
  page.on('console', (m) => /Content.Security.Policy|Refused to/i.test(m.text()) && refusals.push(m.text()));
  page.on('pageerror', (e) => refusals.push(e.message));
  await completeSetup(page);
  await signIn(page, ADMIN.username, ADMIN.password, { home: true });
});

test('the administrator lands on the home page: first steps, and every card from the data', async () => {
  await expect(home()).toHaveAttribute('data-role', 'admin');
  await expect(page.getByRole('menuitem', { name: '工作台' })).toHaveClass(/ant-menu-item-selected/);
  // The backup folder is this PC's setting, kept by main: the browser-mode host that runs every spec may have one
  // from an earlier spec, as a PC would after a reinstall. Everything else is this unit's data and starts undone.
  await expect(step('devices')).toBeVisible();
  folderPreset = (await step('backupFolder').getAttribute('data-done')) === 'true';
  await expect(page.getByTestId('first-steps')).toContainText(`已完成 ${folderPreset ? 1 : 0}/4`);
  for (const key of ['devices', 'enrolment', 'policy']) await expect(step(key)).not.toHaveAttribute('data-done');
  await expect(page.getByTestId('card-scans')).toContainText('还没有在用设备');
  await expect(page.getByTestId('card-faults')).toContainText('没有未结的故障');
  await expect(page.getByTestId('card-violations')).toContainText('没有违规设备');
  await expect(page.getByTestId('card-ranges')).toContainText('市信息办尚未分配地址段');
  await expect(page.getByTestId('card-backup')).toContainText('尚未备份');
  await expect(page.getByTestId('card-backup')).toContainText('尚未向市信息办导出数据包');
  await expect(page.getByTestId('card-policy')).toContainText('尚未导入市信息办的政策包');
  await expect(page.getByTestId('card-trainings')).toContainText(/年尚无培训记录/);
  await expect(page.getByTestId('unit-trend').locator('canvas')).toBeVisible();
  await shot(page, 'home-admin-first-steps');
});

test('the first steps tick off as the data shows each done, and a card opens its records', async () => {
  await setIdleMinutes(page, 120);
  // A computer on the internet without an isolation card: registered, and a violation.
  await page.getByRole('menuitem', { name: '入网计算机登记' }).click();
  await page.getByRole('button', { name: '登记设备' }).click();
  await fillDevice(page, { ip: '10.40.1.11', mac: '00-1A-2B-3C-6D-11', owner: '李明', office: '信息科', internet: true });
  await saveDrawer(page);
  await expect(page.getByRole('dialog')).toBeHidden();
  await page.getByRole('button', { name: '登记设备' }).click();
  await fillDevice(page, { ip: '10.40.1.12', mac: '00-1A-2B-3C-6D-12', owner: '王芳', office: '办公室' });
  await saveDrawer(page);
  await expect(page.getByRole('dialog')).toBeHidden();
  await openHome();
  await expect(step('devices')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('first-steps')).toContainText(`已完成 ${folderPreset ? 2 : 1}/4`);
  await expect(page.getByTestId('card-violations')).toContainText('1 台可上互联网但未装隔离卡');
  await expect(page.getByTestId('card-scans')).toContainText('在用设备 2 台，达标 0 台');
  await expect(page.getByTestId('card-scans')).toContainText('2 台超期未查杀');

  // The card opens the register filtered to the violation.
  await page.getByTestId('card-violations').getByRole('link', { name: /查看/ }).click();
  await expect(page.getByRole('heading', { name: '入网计算机登记' })).toBeVisible();
  await expect(page.getByRole('switch', { name: '只看违规' })).toBeChecked();
  await expect(page.getByText('10.40.1.11')).toBeVisible();
  await expect(page.getByText('10.40.1.12')).toBeHidden();

  // The enrolment file handed out for the office.
  await page.getByRole('menuitem', { name: '数据包与政策' }).click();
  await downloaded(page, () => page.getByTestId('unit-key').getByRole('button', { name: '下载登记文件' }).click());
  await openHome();
  await expect(step('enrolment')).toHaveAttribute('data-done', 'true');

  // The backup folder chosen.
  const folder = join(dir, 'backups');
  await mkdir(folder, { recursive: true });
  await page.getByRole('menuitem', { name: '备份与恢复' }).click();
  const folderInput = page.getByRole('textbox', { name: '备份文件夹' });
  await folderInput.fill(folder);
  await folderInput.blur();
  await expect(page.getByText('备份文件夹已保存')).toBeVisible();
  await openHome();
  await expect(step('backupFolder')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('first-steps')).toContainText('已完成 3/4');
  await expect(step('policy')).not.toHaveAttribute('data-done');
  await expect(step('policy').getByRole('link', { name: /去办理/ })).toHaveAttribute('href', '#/bundles');
  await shot(page, 'home-admin');
});

test('a chart saves itself as an image and exports its figures to Excel', async () => {
  const chart = page.getByTestId('unit-trend');
  const image = await downloaded(page, () => chart.getByRole('button', { name: '保存图片' }).click());
  expect(image.name).toMatch(/\.png$/);
  const png = await readFile(image.path);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.length).toBeGreaterThan(5_000);

  const sheet = await downloaded(page, () => chart.getByRole('button', { name: '导出 Excel' }).click());
  expect(sheet.name).toMatch(/^近12个月台账趋势-.*\.xlsx$/);
  const rows = await readSheet(sheet.path);
  expect(rows[0]?.[0]).toBe('近12个月台账趋势');
  expect(rows[3]).toEqual(['月份', '公文查收按时率', '病毒查杀覆盖率', '故障按时到场率']);
  expect(rows.slice(4)).toHaveLength(12);
  // Oldest first, one row a month, ending with the month the page is in.
  const months = rows.slice(4).map((r) => String(r[0]));
  expect(months.every((m) => /^\d{4}-\d{2}$/.test(m))).toBe(true);
  expect([...months].sort()).toEqual(months);
  await expect(page.getByTestId('unit-trend')).toBeVisible();
  expect(months[11]).toBe(await page.evaluate(() => `${new Date().getFullYear()}-${String(new Date().getMonth() + 1).padStart(2, '0')}`));
  // The export is a copy of the network's data, and files itself (第二十条).
  await expect(page.getByText('已导出 12 行，并自动登记复制备案')).toBeVisible();
  await chart.scrollIntoViewIfNeeded();
  await shot(page, 'home-admin-trend');
  expect(refusals).toEqual([]);
});

test('the document officer and the duty staff land on their own home pages', async () => {
  await addAccount(page, { username: 'wangfang', name: '王芳', password: 'Wenshu2026' });
  await addAccount(page, { username: 'zhiban', name: '赵值班', password: 'Zhiban2026', role: '值班人员' });
  await signOut(page);

  await signIn(page, 'wangfang', 'Wenshu2026', { home: true });
  await expect(home()).toHaveAttribute('data-role', 'docOfficer');
  await expect(page.getByTestId('card-timeline')).toBeVisible();
  await expect(page.getByTestId('card-next')).toBeVisible();
  await expect(page.getByTestId('card-month-rate')).toBeVisible();
  // A working day shows its slots on the timeline; a rest day or an unloaded year says so.
  await expect(page.getByTestId('card-timeline').locator('[data-status]').first().or(page.getByTestId('card-timeline').getByText(/不是工作日|无需查收|未加载/))).toBeVisible();
  await expect(page.getByTestId('first-steps')).toHaveCount(0);
  await shot(page, 'home-doc-officer');
  await signOut(page);

  await signIn(page, 'zhiban', 'Zhiban2026', { home: true });
  await expect(home()).toHaveAttribute('data-role', 'duty');
  await expect(page.getByTestId('duty-missing')).toHaveText('今天还没有值班日志');
  await expect(page.getByTestId('card-faults')).toContainText('没有未结的故障');
  await shot(page, 'home-duty');
  await signOut(page);
});

test('the office lands on the units by reporting state, the compliance spread, arrivals and the last import', async () => {
  const run = promisify(execFile);
  await run(process.execPath, ['out/cli/zwledger.mjs', 'fixture', '--units', '2', '--entries', '300', '--per-bundle', '150', '--out', dir]);
  await signIn(page, ADMIN.username, ADMIN.password);
  await addAccount(page, { username: 'kaohe', name: '市信息办考核员', password: 'Kaohe2026!', role: '考核人员（市信息办）' });
  await signOut(page);
  await signIn(page, 'kaohe', 'Kaohe2026!', { home: true });
  await expect(home()).toHaveAttribute('data-role', 'auditor');
  await expect(page.getByTestId('card-reporting')).toContainText('尚未登记任何单位的密钥');
  await expect(page.getByTestId('card-last-import')).toContainText('尚未导入数据包');

  await page.getByRole('menuitem', { name: '单位密钥登记' }).click();
  await page.getByTestId('enrolment-file').setInputFiles([join(dir, 'keys', 'PL-0001.json'), join(dir, 'keys', 'PL-0002.json')]);
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('checkbox', { name: 'PL-0001.json' }).check();
  await dialog.getByRole('checkbox', { name: 'PL-0002.json' }).check();
  await dialog.getByRole('button', { name: /登记选中的 2 个/ }).click();
  await expect(page.getByText('已登记 2 个单位的密钥')).toBeVisible();
  await page.getByRole('menuitem', { name: '导入数据包' }).click();
  // PL-0002's first segment is held back: its later one arrives with a gap before it.
  await page.getByTestId('bundle-files').setInputFiles([
    join(dir, 'bundles', 'PL-0001-1-150.zwb'), join(dir, 'bundles', 'PL-0001-151-300.zwb'), join(dir, 'bundles', 'PL-0001-1-150.zwb'), join(dir, 'bundles', 'PL-0002-151-300.zwb'),
  ]);
  await expect(page.getByTestId('import-results')).toContainText('共 4 个文件');

  await openHome();
  const reporting = page.getByTestId('card-reporting');
  await expect(reporting.locator('[data-state="current"]')).toContainText('1');
  await expect(reporting.locator('[data-state="gap"]')).toContainText('1');
  const last = page.getByTestId('card-last-import');
  await expect(last).toContainText('导入 4 个文件');
  await expect(last.locator('[data-verdict="valid"]')).toHaveText('有效 2');
  await expect(last.locator('[data-verdict="duplicate"]')).toContainText('1');
  await expect(last.locator('[data-verdict="gapBefore"]')).toContainText('1');
  await expect(page.getByTestId('card-standing')).toContainText('已提交自评：0/2 个单位');
  await expect(page.getByTestId('office-compliance').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('office-arrivals').locator('canvas')).toBeVisible();
  const sheet = await downloaded(page, () => page.getByTestId('office-compliance').getByRole('button', { name: '导出 Excel' }).click());
  const rows = await readSheet(sheet.path);
  expect(rows.slice(4).reduce((n, r) => n + Number(r[1]), 0)).toBe(2);
  await shot(page, 'home-office');
  expect(refusals).toEqual([]);
  // The reporting card opens the units view.
  await page.getByTestId('card-reporting').getByRole('link', { name: /查看/ }).click();
  await expect(page.getByRole('heading', { name: '各单位汇总' })).toBeVisible();
});
