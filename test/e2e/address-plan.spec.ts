import { test, expect, type Page } from '@playwright/test';
import { ADMIN, completeSetup, fillDevice, saveDrawer, setIdleMinutes, shot, signIn, UNIT } from './helpers';
import { assignRanges } from './policyExchange';

// The address plan: the ranges the office assigned, used and free addresses
// in a grid paged per /24, the next free address offered when registering,
// and devices no scan has seen for 90 days marked as possibly stale.
test.describe.configure({ mode: 'serial' });

let page: Page;
const DAY = 86_400_000;
const now = Date.now();

test.beforeAll(async ({ browser }) => {
  // Two PCs set up, a bundle and a policy signed: minutes on a busy machine.
  test.setTimeout(300_000);
  page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await page.setViewportSize({ width: 1366, height: 768 });
  // The unit registered its first PCs four months ago.
  await page.clock.install({ time: new Date(now - 120 * DAY) });
  await completeSetup(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await setIdleMinutes(page, 120);
  await page.getByRole('menuitem', { name: '入网计算机登记' }).click();
  for (const d of [
    { ip: '10.30.1.1', mac: '00-1A-2B-3C-7D-01', owner: '李明', office: '信息科' },
    { ip: '10.30.1.2', mac: '00-1A-2B-3C-7D-02', owner: '王芳', office: '办公室' },
  ]) {
    await page.getByRole('button', { name: '登记设备' }).click();
    await fillDevice(page, d);
    await saveDrawer(page);
    await expect(page.getByRole('dialog')).toBeHidden();
  }
  await assignRanges(browser, page, UNIT.name, '10.30.1.0/24, 10.40.0.0/16');
  // Today: nothing has scanned those two PCs since.
  await page.clock.setSystemTime(new Date(now));
  await page.reload();
  await signIn(page, ADMIN.username, ADMIN.password);
});

test('registering a device offers the next free address of the assigned ranges', async () => {
  await page.getByRole('menuitem', { name: '入网计算机登记' }).click();
  await page.getByRole('button', { name: '登记设备' }).click();
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByTestId('next-free-hint')).toContainText('下一个空闲地址：10.30.1.3');
  await shot(page, '96-next-free-hint');
  await drawer.getByTestId('next-free-hint').getByRole('button', { name: '使用' }).click();
  await expect(drawer.getByLabel('IP 地址')).toHaveValue('10.30.1.3');
  await expect(drawer.getByTestId('next-free-hint')).toHaveCount(0);
  await drawer.getByLabel('MAC 地址').fill('00-1A-2B-3C-7D-03');
  await drawer.getByLabel('负责人').fill('赵强');
  await drawer.getByLabel('科室').fill('财务科');
  await saveDrawer(page);
  await expect(drawer).toBeHidden();
  await expect(page.getByTestId('grid-row').filter({ hasText: '10.30.1.3' })).toHaveCount(1);
});

test('the plan counts each range, colours the grid and lists the possibly stale devices', async () => {
  await page.getByRole('menuitem', { name: '地址规划' }).click();
  const first = page.getByRole('row').filter({ hasText: '10.30.1.0/24' });
  await expect(first).toContainText('254');
  await expect(first.getByTestId('ipam-next-free')).toHaveText('10.30.1.4');
  const grid = page.getByTestId('ipam-grid');
  await expect(grid.getByRole('gridcell')).toHaveCount(256);
  await expect(grid.getByRole('gridcell', { name: '10.30.1.1：可能已停用（90 天未查杀），李明（信息科）' })).toHaveClass(/stale/);
  await expect(grid.getByRole('gridcell', { name: '10.30.1.3：在用，赵强（财务科）' })).toHaveClass(/inUse/);
  await expect(grid.getByRole('gridcell', { name: '10.30.1.4：空闲' })).toHaveClass(/free/);
  const stale = page.getByTestId('ipam-stale');
  await expect(stale.getByRole('row')).toHaveCount(3); // header and two devices
  await expect(stale).toContainText('从未查杀');
  await shot(page, '97-address-plan');
});

test('a free cell registers a device at that address; a used cell opens the device', async () => {
  const grid = page.getByTestId('ipam-grid');
  await grid.getByRole('gridcell', { name: '10.30.1.20：空闲' }).click();
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByLabel('IP 地址')).toHaveValue('10.30.1.20');
  await drawer.getByLabel('MAC 地址').fill('00-1A-2B-3C-7D-20');
  await drawer.getByLabel('负责人').fill('孙丽');
  await drawer.getByLabel('科室').fill('信息科');
  await saveDrawer(page);
  await expect(drawer).toBeHidden();
  await expect(grid.getByRole('gridcell', { name: '10.30.1.20：在用，孙丽（信息科）' })).toHaveClass(/inUse/);
  await expect(page.getByRole('row').filter({ hasText: '10.30.1.0/24' })).toContainText('250');

  await grid.getByRole('gridcell', { name: /^10\.30\.1\.2：/ }).click();
  await expect(page.getByTestId('device-view').getByRole('heading', { name: '设备详情：10.30.1.2 王芳' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '入网计算机登记' })).toHaveClass(/selected/);
});

test('a /16 is shown one /24 at a time', async () => {
  await page.getByRole('menuitem', { name: '地址规划' }).click();
  await page.getByRole('row').filter({ hasText: '10.40.0.0/16' }).click();
  const grid = page.getByTestId('ipam-grid');
  await expect(grid).toHaveAttribute('aria-label', '10.40.0.0/24');
  await expect(grid.getByRole('gridcell')).toHaveCount(256);
  await expect(grid.getByRole('gridcell', { name: '10.40.0.0' })).toHaveClass(/reserved/);
  await page.getByRole('combobox', { name: '地址块' }).click();
  await page.getByRole('combobox', { name: '地址块' }).fill('10.40.255');
  await page.getByTitle('10.40.255.0/24').click();
  await expect(grid).toHaveAttribute('aria-label', '10.40.255.0/24');
  await expect(grid.getByRole('gridcell')).toHaveCount(256);
  await expect(grid.getByRole('gridcell', { name: '10.40.255.255' })).toHaveClass(/reserved/);
  await shot(page, '98-address-plan-16');
});
