import { test, expect, type Page } from '@playwright/test';
import { ADMIN, completeSetup, enterDate, fillDevice, saveDrawer, setIdleMinutes, shot, signIn } from './helpers';

// A unit's ledgers, declared once and used alike: maintainers, a fault ticket
// against the 3-hour township deadline, the duty log, a weekly virus sweep,
// training, an incident and an inspection, and the copy filing of an export.
test.describe.configure({ mode: 'serial' });

let page: Page;

async function open(name: string) {
  await page.getByRole('menuitem', { name }).click();
}

async function addRecord(button: string) {
  await page.getByRole('button', { name: button }).click();
  return page.getByRole('dialog');
}

test.beforeAll(async ({ browser }) => {
  page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  // Tuesday 24 November 2026, 09:00 in Gansu.
  await page.clock.install({ time: new Date('2026-11-24T09:00:00+08:00') });
  await completeSetup(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await setIdleMinutes(page, 120);
  await open('入网计算机登记');
  for (const d of [
    { ip: '10.20.1.11', mac: '00-1A-2B-3C-4D-11', owner: '李明', office: '信息科' },
    { ip: '10.20.1.12', mac: '00-1A-2B-3C-4D-12', owner: '王芳', office: '办公室' },
  ]) {
    await page.getByRole('button', { name: '登记设备' }).click();
    await fillDevice(page, d);
    await saveDrawer(page);
    await expect(page.getByRole('dialog')).toBeHidden();
  }
});

test('a fault ticket counts down to the township deadline, is urged, arrives late and proposes a cut', async () => {
  await open('故障报修');
  let dialog = await addRecord('新增故障报修');
  await expect(dialog.getByText('尚未登记维护单位')).toBeVisible();
  await dialog.getByRole('button', { name: '取消' }).click();

  await open('维护单位');
  dialog = await addRecord('新增维护单位');
  await dialog.getByLabel('单位名称').fill('中国电信庄浪分公司');
  await dialog.getByLabel('月租赁费（元）').fill('3000');
  await saveDrawer(page);
  await expect(page.getByRole('cell', { name: '中国电信庄浪分公司' })).toBeVisible();

  await open('故障报修');
  dialog = await addRecord('新增故障报修');
  await saveDrawer(page);
  await expect(dialog.getByText('请填写故障现象')).toBeVisible();
  await dialog.getByLabel('故障现象').fill('信息科专网无法访问市政务平台');
  await dialog.getByRole('combobox', { name: '涉及设备' }).click();
  await page.getByText('10.20.1.11  李明 · 信息科').click();
  await dialog.getByLabel('故障现象').click();
  await saveDrawer(page);
  await expect(dialog).toBeHidden();
  const row = page.getByTestId('grid-row').first();
  // The clock runs on in real time and the report time is kept to the minute, so the
  // minute shown may be one or two past the round figure on a slow machine.
  await expect(row.getByTestId('sla')).toHaveText(/剩余 (3 小时 0|2 小时 59) 分钟/);
  await shot(page, '30-fault-open');

  for (const step of ['01:00:00', '01:00:00', '01:00:00']) {
    await page.clock.fastForward(step);
    await row.getByRole('button', { name: '督促' }).click();
    await saveDrawer(page); // the urge's own small form, its time "now"
    await expect(page.getByText('已记录一次督促').last()).toBeVisible();
  }
  await page.clock.fastForward('00:20:00'); // 12:20, 20 minutes past the deadline
  await expect(row.getByTestId('sla')).toHaveText(/已超时 (19|20|21) 分钟/);
  await expect(page.getByTestId('fault-panel')).toContainText('超时未到 1 件');
  await expect(row.getByTestId('consequence')).toHaveText('建议核减 5–10%（督促三次仍未按时到达）');
  await row.getByRole('button', { name: '到达', exact: true }).click();
  await saveDrawer(page);
  await expect(row.getByTestId('sla')).toHaveText(/迟到 (20|21|22) 分钟/);

  // Resolving needs the maintenance sheet's cause; the refusal names the field.
  await row.getByRole('button', { name: '编辑' }).click();
  dialog = page.getByRole('dialog');
  await enterDate(dialog.getByLabel('故障排除时间'), '2026-11-24 12:20'); // not after now: a resolution ahead of the clock is refused
  await saveDrawer(page);
  await expect(dialog.getByText('故障已解决，请在维修单中选择故障原因')).toBeVisible();
  await dialog.getByRole('combobox', { name: '故障原因' }).click();
  await page.getByTitle('网络或线路故障').click();
  await dialog.getByLabel('核减比例（%）').fill('15');
  await saveDrawer(page);
  await expect(dialog).toBeHidden();
  await expect(row.getByTestId('consequence')).toHaveText('建议核减 10–30%（网络原因造成故障）');
  await expect(page.getByTestId('decided-total')).toHaveText('已定核减 15%，金额 450.00 元（月租 3,000.00 元）');
  await shot(page, '31-fault-report');

  await row.getByRole('button', { name: '详情' }).click();
  await expect(page.getByTestId('history-entry')).toHaveCount(6);
  await shot(page, '32-fault-detail');
  await page.keyboard.press('Escape');
});

test('the duty log: one per day and shift, and the month shows today as logged', async () => {
  await open('值班日志');
  await expect(page.locator('[data-state="due"]')).toHaveCount(1);
  let dialog = await addRecord('新增值班日志');
  await expect(dialog.getByLabel('值班人员')).toHaveValue('李明');
  await dialog.getByRole('combobox', { name: '专网设备状态' }).click();
  await page.getByTitle('异常').click();
  await saveDrawer(page);
  await expect(dialog.getByText('请填写异常情况')).toBeVisible();
  await dialog.getByLabel('异常情况').fill('核心交换机 3 口指示灯闪烁');
  await dialog.getByLabel('交接班说明').fill('已报修，待电信到场');
  await saveDrawer(page);
  await expect(dialog).toBeHidden();
  await expect(page.locator('[data-state="logged"]')).toHaveCount(1);

  dialog = await addRecord('新增值班日志');
  await saveDrawer(page);
  await expect(dialog.getByText('该日期该班次已有值班日志，请编辑原记录')).toBeVisible();
  await dialog.getByRole('button', { name: '取消' }).click();
  await shot(page, '33-duty');
});

test('a weekly sweep of every device in one entry, and the coverage it gives', async () => {
  await open('病毒查杀');
  await expect(page.getByTestId('coverage-summary')).toHaveText('在用设备 2 台，达标 0 台');
  const dialog = await addRecord('新增查杀记录');
  await dialog.getByRole('button', { name: '选择全部 2 台在用设备' }).click();
  await dialog.getByLabel('查杀工具').click();
  await dialog.getByLabel('查杀工具').fill('奇安信天擎');
  await dialog.getByLabel('病毒库版本').fill('2026.11.20.01');
  // Days after today cannot be picked (a scan records what happened), so the sweep is dated two days back.
  await enterDate(dialog.getByLabel('查杀日期'), '2026-11-22');
  await enterDate(dialog.getByLabel('病毒库日期'), '2026-11-23');
  await saveDrawer(page);
  await expect(dialog.getByText('病毒库日期不能晚于查杀日期')).toBeVisible();
  await enterDate(dialog.getByLabel('病毒库日期'), '2026-11-20');
  await saveDrawer(page);
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('ledger-count')).toHaveText('显示 2 条，共 2 条有效记录');
  await expect(page.getByTestId('coverage-summary')).toHaveText('在用设备 2 台，达标 2 台');
  await shot(page, '34-scans');
  await page.clock.fastForward(8 * 24 * 3_600_000); // eight days later
  await expect(page.getByTestId('coverage-summary')).toHaveText('在用设备 2 台，达标 0 台', { timeout: 20_000 });
  // Eight days away locked the PC; the same user unlocks and carries on.
  const lock = page.getByRole('dialog');
  await expect(lock.getByText('会话已锁定')).toBeVisible();
  await lock.getByLabel('密码', { exact: true }).fill(ADMIN.password);
  await lock.getByRole('button', { name: '解锁' }).click();
  await expect(lock).toBeHidden();
  await expect(page.getByTestId('coverage')).toContainText('超期未查杀');
});

test('training, an incident and an inspection; an export files its own copy', async () => {
  await open('业务培训');
  await expect(page.getByTestId('training-warning')).toContainText('2026 年尚无培训记录');
  let dialog = await addRecord('新增培训记录');
  await dialog.getByLabel('组织单位').fill('平凉市信息办');
  await dialog.getByLabel('培训内容').fill('政务专网安全管理与电子公文查收');
  await saveDrawer(page);
  await expect(dialog).toBeHidden();
  await expect(page.getByText('2026 年已参加培训 1 次')).toBeVisible();

  await open('安全事件');
  dialog = await addRecord('新增安全事件');
  await dialog.getByLabel('事件名称').fill('办公室计算机感染蠕虫病毒');
  await dialog.getByLabel('事件经过').fill('查杀时发现 3 个病毒文件，已断网隔离');
  await dialog.getByLabel('现场保护措施').fill('拔除网线，保留日志');
  await saveDrawer(page);
  await expect(dialog).toBeHidden();
  await expect(page.getByText('未报告').first()).toBeVisible();

  await open('巡检记录');
  dialog = await addRecord('新增巡检记录');
  await dialog.getByLabel('巡检人员').fill('市信息办 赵工');
  await dialog.locator('.checklist-row').nth(2).getByRole('combobox').click();
  await page.getByTitle('有问题').last().click();
  await saveDrawer(page);
  await expect(dialog.getByText('有检查项存在问题，请填写发现的问题')).toBeVisible();
  await dialog.getByLabel('发现的问题').fill('一台上网计算机未装隔离卡');
  await saveDrawer(page);
  await expect(dialog).toBeHidden();
  await shot(page, '35-inspections');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  expect((await download).suggestedFilename()).toMatch(/^巡检记录-\d{8}-\d{4}\.xlsx$/);
  await expect(page.getByText('已导出 1 行，并自动登记复制备案')).toBeVisible();
  await open('复制备案');
  await expect(page.getByRole('cell', { name: '导出《巡检记录》Excel，1 行' })).toBeVisible();
  await shot(page, '36-copies');
});
