import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { ADMIN, completeSetup, downloaded, saveDrawer, setIdleMinutes, shot, signIn, UNIT } from './helpers';
import { exchangePolicy } from './policyExchange';

// The office's policy asks for attachments: the unit's home page ticks its
// policy step and says what the policy changed, the unit attaches a scanned
// 维修单 to a fault and exports, and the office takes the bundle in and opens
// the unit's PDF from the unit's records, byte for byte.
test.describe.configure({ mode: 'serial' });

const PDF = 'test/fixtures/attachments/sheet.pdf';
let unit: Page;
let office: Page;

test.beforeAll(async ({ browser }) => {
  unit = await (await browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 768 } })).newPage();
  await completeSetup(unit);
  await signIn(unit, ADMIN.username, ADMIN.password, { home: true });
  await setIdleMinutes(unit, 120);
});

test.afterAll(async () => {
  await office?.context().close();
});

const step = (key: string) => unit.getByTestId('first-steps').locator(`[data-step="${key}"]`);
const openHome = async () => {
  await unit.getByRole('menuitem', { name: '工作台' }).click();
  await expect(unit.getByTestId('home-ready')).toBeVisible();
};

test('the unit imports a policy: the first step ticks and the home page says what the policy changed', async ({ browser }) => {
  await openHome();
  await expect(step('policy')).not.toHaveAttribute('data-done');
  await expect(unit.getByTestId('card-policy')).toContainText('尚未导入市信息办的政策包');

  const kept = await exchangePolicy(browser, unit, UNIT.name, '10.40.1.0/24', { sendAttachments: true, keepOffice: true });
  office = kept!;
  await office.setViewportSize({ width: 1366, height: 768 });

  await openHome();
  // No device is registered yet, so the checklist stays, with the policy step ticked.
  await expect(step('devices')).not.toHaveAttribute('data-done');
  await expect(step('policy')).toHaveAttribute('data-done', 'true');
  const news = unit.getByTestId('policy-news');
  await expect(news).toContainText('平凉市政务信息办公室');
  await expect(news).toContainText('首次导入的政策');
  await expect(news).toContainText('分配的地址段：10.40.1.0/24');
  await expect(news).toContainText('信息办要求随数据包报送附件');
  await news.scrollIntoViewIfNeeded();
  await shot(unit, 'attach-bundle-home-policy');
});

test('the unit attaches a scanned 维修单 to a fault and exports it with the bundle', async () => {
  await unit.getByRole('menuitem', { name: '维护单位' }).click();
  await unit.getByRole('button', { name: '新增维护单位' }).click();
  await unit.getByRole('dialog').getByLabel('单位名称').fill('中国电信庄浪分公司');
  await unit.getByRole('dialog').getByLabel('月租赁费（元）').fill('3000');
  await saveDrawer(unit);
  await expect(unit.getByRole('cell', { name: '中国电信庄浪分公司' })).toBeVisible();
  await unit.getByRole('menuitem', { name: '故障报修' }).click();
  await unit.getByRole('button', { name: '新增故障报修' }).click();
  await unit.getByRole('dialog').getByLabel('故障现象').fill('信息科专网无法访问市政务平台');
  await saveDrawer(unit);
  await expect(unit.getByRole('dialog')).toBeHidden();
  await unit.getByTestId('grid-row').first().getByRole('button', { name: '详情' }).click();
  const section = unit.getByRole('dialog').first().getByTestId('attachments');
  await section.locator('input[type=file]').setInputFiles(PDF);
  await expect(section.getByTestId('attachment')).toHaveCount(1);
  await unit.keyboard.press('Escape');

  await unit.getByRole('menuitem', { name: '数据包与政策' }).click();
  await expect(unit.getByTestId('policy-attachments')).toHaveText('附件报送：导出数据包时一并报送故障、培训、安全事件的附件');
  const card = unit.getByTestId('export-card');
  await expect(card.getByTestId('export-files')).toContainText('信息办要求随数据包报送附件：本次报送 1 个附件，共 26 KB。');
  await card.getByTestId('export-files').scrollIntoViewIfNeeded();
  await shot(unit, 'attach-bundle-export');
  await card.getByLabel('管理员密码').fill(ADMIN.password);
  const bundle = await downloaded(unit, () => card.getByRole('button', { name: '签名并导出' }).click());
  await expect(card.getByTestId('export-result')).toBeVisible();

  await office.getByRole('menuitem', { name: '导入数据包' }).click();
  await office.getByTestId('bundle-files').setInputFiles(bundle.path);
  await expect(office.getByTestId('import-results').locator('[data-verdict]')).toHaveText('有效');
});

test('the office opens the unit’s attachment from its records, checked against the signed hash', async () => {
  await office.getByRole('menuitem', { name: '各单位汇总' }).click();
  await office.getByRole('row').filter({ hasText: UNIT.code }).first().click();
  const drawer = office.getByRole('dialog');
  await drawer.getByRole('tab', { name: /故障报修与维修单（1）/ }).click();
  const panel = drawer.getByRole('tabpanel', { name: /故障报修/ });
  await expect(panel.getByRole('cell', { name: '1', exact: true })).toBeVisible();
  await panel.getByRole('button', { name: /展开/ }).first().click();
  const section = panel.getByTestId('attachments');
  await expect(section.getByTestId('attachment')).toHaveCount(1);
  await expect(section.getByTestId('attachment')).toContainText('sheet.pdf');
  await expect(section.getByTestId('attach-problem')).toHaveCount(0);
  await expect(section.getByRole('button', { name: '移除' })).toHaveCount(0);
  await shot(office, 'attach-bundle-office-drawer');
  const file = await downloaded(office, () => section.getByRole('button', { name: '下载' }).click());
  expect(file.name).toBe('sheet.pdf');
  expect(readFileSync(file.path).equals(readFileSync(PDF))).toBe(true);
  // Nothing in the window scrolls sideways.
  expect(await office.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await office.keyboard.press('Escape');

  // The office's choice stands for its next policy, as it signed the last.
  await office.getByRole('menuitem', { name: '签发政策包' }).click();
  const asked = office.getByRole('checkbox', { name: '要求随数据包报送附件' });
  await expect(asked).toBeChecked();
  await asked.scrollIntoViewIfNeeded();
  await shot(office, 'attach-bundle-policy-issue');
});
