import { test, expect, type Page } from '@playwright/test';
import { ADMIN, completeSetup, enterDate, fillDevice, saveDrawer, setIdleMinutes, shot, signIn } from './helpers';

// Less clicking in the register: autocomplete of people and offices, many
// devices edited or retired together (one history entry each), a device's
// own page, and the weekly scan form choosing every device or one office's.
test.describe.configure({ mode: 'serial' });

let page: Page;
const rows = () => page.getByTestId('grid-row');
const row = (ip: string) => rows().filter({ hasText: ip });

test.beforeAll(async ({ browser }) => {
  page = await (await browser.newContext()).newPage();
  await page.setViewportSize({ width: 1366, height: 768 });
  await completeSetup(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await setIdleMinutes(page, 120);
  await page.getByRole('menuitem', { name: '入网计算机登记' }).click();
  for (const d of [
    { ip: '10.62.1.11', mac: '00-1A-2B-3C-5D-11', owner: '李明', office: '信息科' },
    { ip: '10.62.1.12', mac: '00-1A-2B-3C-5D-12', owner: '王芳', office: '办公室' },
    { ip: '10.62.1.13', mac: '00-1A-2B-3C-5D-13', owner: '赵强', office: '办公室' },
  ]) {
    await page.getByRole('button', { name: '登记设备' }).click();
    await fillDevice(page, d);
    await saveDrawer(page);
    await expect(page.getByRole('dialog')).toBeHidden();
  }
});

test('负责人 and 科室 offer the values already in the register', async () => {
  await page.getByRole('button', { name: '登记设备' }).click();
  const drawer = page.getByRole('dialog');
  await drawer.getByLabel('IP 地址').fill('10.62.1.14');
  await drawer.getByLabel('MAC 地址').fill('00-1A-2B-3C-5D-14');
  await drawer.getByLabel('负责人').fill('王');
  await expect(page.getByTitle('王芳')).toBeVisible();
  await drawer.getByLabel('负责人').fill('孙丽');
  await drawer.getByLabel('科室').click();
  // Before typing, every office is offered, the most used first.
  await expect(page.locator('.ant-select-item-option:visible')).toHaveText(['办公室', '信息科']);
  await drawer.getByLabel('科室').fill('办');
  await expect(page.locator('.ant-select-item-option:visible')).toHaveText(['办公室']);
  await shot(page, '90-autocomplete');
  await page.getByTitle('办公室', { exact: true }).click();
  await expect(drawer.getByLabel('科室')).toHaveValue('办公室');
  await saveDrawer(page);
  await expect(drawer).toBeHidden();
  await expect(rows()).toHaveCount(4);
});

test('three devices get a new office together; the summary says what changes first', async () => {
  for (const ip of ['10.62.1.12', '10.62.1.13', '10.62.1.14']) await row(ip).getByRole('checkbox').check();
  await expect(page.getByTestId('selection-bar')).toContainText('已选 3 台');
  await page.getByRole('button', { name: '批量修改' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: '修改哪一项' }).click();
  await page.getByTitle('科室').click();
  await dialog.getByLabel('改为').fill('综合科');
  await expect(dialog.getByTestId('batch-summary')).toContainText('将把 3 台设备的“科室”改为“综合科”。');
  await expect(dialog.getByTestId('batch-summary')).toContainText('原为：办公室（3 台）。');
  await page.waitForTimeout(300); // the modal's opening animation
  await shot(page, '91-batch-edit');
  await dialog.getByRole('button', { name: '确认修改 3 台' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('已修改 3 台设备，每台各记一条变更记录')).toBeVisible();
  for (const ip of ['10.62.1.12', '10.62.1.13', '10.62.1.14']) await expect(row(ip)).toContainText('综合科');
  await expect(row('10.62.1.11')).toContainText('信息科');
  await expect(page.getByTestId('selection-bar')).toHaveCount(0);

  // One history entry per device: the registration, then the batch's change.
  await row('10.62.1.13').getByRole('button', { name: '变更记录' }).click();
  const history = page.getByRole('dialog');
  await expect(history.getByTestId('history-entry')).toHaveCount(2);
  await expect(history.getByTestId('history-entry').last()).toContainText('综合科');
  await page.keyboard.press('Escape');
  await expect(history).toBeHidden();
});

test('a device opens on its own page with its fields, records and history', async () => {
  await row('10.62.1.13').getByRole('button', { name: '详情' }).click();
  const view = page.getByTestId('device-view');
  await expect(view.getByRole('heading', { name: '设备详情：10.62.1.13 赵强' })).toBeVisible();
  await expect(view).toContainText('00:1A:2B:3C:5D:13');
  await expect(view).toContainText('从未查杀');
  await view.getByRole('tab', { name: /变更记录/ }).click();
  await expect(view.getByTestId('history-entry')).toHaveCount(2);
  await shot(page, '92-device-view');
  await view.getByRole('button', { name: '返回列表' }).click();
  await expect(rows()).toHaveCount(4);
});

test('the weekly scan form takes every device, or one office, in one click', async () => {
  await page.getByRole('menuitem', { name: '病毒查杀' }).click();
  await page.getByRole('button', { name: '新增查杀记录' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: '选择全部 4 台在用设备' }).click();
  await expect(dialog.getByTestId('picked-count')).toHaveText('已选 4 台');
  await dialog.getByRole('combobox', { name: '按科室选择' }).click();
  await page.getByTitle('综合科（3 台）').click();
  await expect(dialog.getByTestId('picked-count')).toHaveText('已选 3 台');
  await shot(page, '93-scan-picks');
  await dialog.getByLabel('查杀工具').fill('奇安信天擎');
  await dialog.getByLabel('病毒库版本').fill('2026.12.01.01');
  const today = await page.evaluate(() => new Date().toLocaleDateString('sv-SE'));
  await enterDate(dialog.getByLabel('病毒库日期'), today);
  await saveDrawer(page);
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('ledger-count')).toHaveText('显示 3 条，共 3 条有效记录');

  // The scan shows on the device's page.
  await page.getByRole('menuitem', { name: '入网计算机登记' }).click();
  await row('10.62.1.12').getByRole('button', { name: '详情' }).click();
  const view = page.getByTestId('device-view');
  await expect(view.getByRole('tab', { name: '病毒查杀记录（1 条）' })).toBeVisible();
  await expect(view).toContainText('奇安信天擎');
  await expect(view).toContainText(today);
  await view.getByRole('button', { name: '返回列表' }).click();
});

test('the devices found by a search are retired together, all with one reason', async () => {
  await page.getByLabel('搜索').fill('综合科');
  await expect(rows()).toHaveCount(3);
  await page.getByRole('checkbox', { name: '选择当前列表中的全部在册设备' }).check();
  await expect(page.getByTestId('selection-bar')).toContainText('已选 3 台');
  await page.getByRole('button', { name: '批量退网' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('batch-summary')).toContainText('将退网以下 3 台设备');
  await dialog.getByLabel('退网原因').fill('综合科搬迁，旧机报废');
  await dialog.getByLabel('已清除网络配置').check();
  await dialog.getByLabel('清除人').fill('李明');
  await page.waitForTimeout(300);
  await shot(page, '94-batch-retire');
  await dialog.getByRole('button', { name: '确认退网 3 台' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('已退网 3 台设备，每台各记一条变更记录')).toBeVisible();
  await page.getByLabel('搜索').fill('');
  await expect(page.getByTestId('device-count')).toHaveText('共 1 / 1 台');

  await page.getByRole('combobox', { name: '状态' }).click();
  await page.getByTitle('已退网').click();
  await expect(rows()).toHaveCount(3);
  await row('10.62.1.14').getByRole('button', { name: '详情' }).click();
  const view = page.getByTestId('device-view');
  await expect(view).toContainText('综合科搬迁，旧机报废');
  await view.getByRole('tab', { name: /变更记录/ }).click();
  // registered, moved to 综合科, retired: one entry for each batch
  await expect(view.getByTestId('history-entry')).toHaveCount(3);
  await shot(page, '95-retired-device');
});
