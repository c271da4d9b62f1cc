import { test, expect, type Page } from '@playwright/test';
import { ADMIN, completeSetup, enterDate, saveDrawer, setIdleMinutes, shot, signIn } from './helpers';

// A fault ticket moves 报修 → 督促 → 到达 → 结案 → 维修单, each step its own
// small form opened from the list or the detail drawer, each time checked
// against the ticket's story before anything is saved.
test.describe.configure({ mode: 'serial' });

let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await (await browser.newContext()).newPage();
  await page.setViewportSize({ width: 1366, height: 768 });
  // Tuesday 24 November 2026, 09:00 in Gansu; a township unit (3 hours to arrive).
  await page.clock.install({ time: new Date('2026-11-24T09:00:00+08:00') });
  await completeSetup(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await setIdleMinutes(page, 120);
  await page.getByRole('menuitem', { name: '维护单位' }).click();
  await page.getByRole('button', { name: '新增维护单位' }).click();
  await page.getByRole('dialog').getByLabel('单位名称').fill('中国电信庄浪分公司');
  await page.getByRole('dialog').getByLabel('月租赁费（元）').fill('3000');
  await saveDrawer(page);
  await expect(page.getByRole('cell', { name: '中国电信庄浪分公司' })).toBeVisible();
});

/** The step form is the drawer opened last (the detail drawer may be open beneath it). */
const stepForm = () => page.getByRole('dialog').last();

async function refused(field: string, time: string, message: string) {
  await enterDate(stepForm().getByLabel(field), time);
  await saveDrawer(page);
  await expect(stepForm().getByText(message)).toBeVisible();
}

test('a ticket goes through its stages, each time checked against the ones before', async () => {
  await page.getByRole('menuitem', { name: '故障报修' }).click();
  await page.getByRole('button', { name: '新增故障报修' }).click();
  await page.getByRole('dialog').getByLabel('故障现象').fill('信息科专网无法访问市政务平台');
  await saveDrawer(page);
  await expect(page.getByRole('dialog')).toBeHidden();
  const row = page.getByTestId('grid-row').first();
  await expect(row.getByTestId('stage')).toHaveText('已报修');

  await page.clock.fastForward('01:00:00'); // 10:00
  // 督促: its own time, not only "now"; before the report is refused beside the field.
  await row.getByRole('button', { name: '督促' }).click();
  await expect(stepForm().getByText('记录一次督促')).toBeVisible();
  await refused('督促时间', '2026-11-24 08:50', '时间不能早于报修时间');
  await enterDate(stepForm().getByLabel('督促时间'), '2026-11-24 09:40');
  await saveDrawer(page);
  await expect(row.getByTestId('stage')).toHaveText('已督促 1 次');

  await row.getByRole('button', { name: '督促' }).click();
  await refused('督促时间', '2026-11-24 09:30', '督促时间须晚于上一次督促');
  await shot(page, 'fault-stages-urge-refused');
  await enterDate(stepForm().getByLabel('督促时间'), '2026-11-24 09:50');
  await saveDrawer(page);
  await expect(row.getByTestId('stage')).toHaveText('已督促 2 次');
  await expect(row.getByTestId('sla')).toContainText('剩余');

  // 到达: the actual time, after the urges and not ahead of the clock.
  await row.getByRole('button', { name: '到达', exact: true }).click();
  await refused('技术员到达时间', '2026-11-24 09:45', '到达时间不能早于最后一次督促');
  await refused('技术员到达时间', '2026-11-24 11:30', '不能晚于现在');
  await enterDate(stepForm().getByLabel('技术员到达时间'), '2026-11-24 09:55');
  await saveDrawer(page);
  await expect(row.getByTestId('stage')).toHaveText('已到达');
  await expect(row.getByTestId('sla')).toHaveText('按时到达');
  await expect(row.getByRole('button', { name: '督促' })).toHaveCount(0);

  // 结案 from the detail drawer, which shows the stages so far.
  await row.getByRole('button', { name: '详情' }).click();
  const detail = page.getByRole('dialog').first();
  await expect(detail.getByTestId('milestones')).toContainText('督促 2 次');
  await expect(detail.getByTestId('milestones')).toContainText('2026-11-24 09:55');
  await detail.getByRole('button', { name: '结案' }).click();
  await stepForm().getByLabel('处理结果').fill('更换汇聚交换机光模块，线路恢复');
  await saveDrawer(page);
  await expect(stepForm().getByText('请填写故障原因')).toBeVisible();
  await stepForm().getByRole('combobox', { name: '故障原因' }).click();
  await page.getByTitle('网络或线路故障').click();
  await refused('故障排除时间', '2026-11-24 09:50', '结案时间不能早于技术员到达时间');
  await shot(page, 'fault-stages-resolve-form');
  await enterDate(stepForm().getByLabel('故障排除时间'), '2026-11-24 10:00');
  await saveDrawer(page);
  await expect(page.getByRole('dialog')).toHaveCount(1);
  await expect(detail.getByTestId('milestones')).toContainText('2026-11-24 10:00');
  await expect(detail.getByRole('button', { name: '维修单', exact: true })).toBeVisible();
  await shot(page, 'fault-stages-detail');
  await page.keyboard.press('Escape');
  await expect(row.getByTestId('stage')).toHaveText('已结案，待报维修单');
  await expect(row.getByTestId('consequence')).toHaveText('建议核减 10–30%（网络原因造成故障）');

  // 维修单 from the list: not sent before the fault was closed.
  await row.getByRole('button', { name: '维修单' }).click();
  await stepForm().getByLabel('维修内容').fill('更换光模块一块，测试链路正常');
  await refused('维修单报送信息办日期', '2026-11-23', '维修单报送日期不能早于结案日期');
  await enterDate(stepForm().getByLabel('维修单报送信息办日期'), '2026-11-24');
  await saveDrawer(page);
  await expect(row.getByTestId('stage')).toHaveText('维修单已报送');
  await expect(row.getByRole('button', { name: '维修单' })).toHaveCount(0);
  await shot(page, 'fault-stages-list');

  // Every step is one change-log entry: the report, two urges, arrival, closing, sheet.
  await row.getByRole('button', { name: '详情' }).click();
  await expect(page.getByTestId('history-entry')).toHaveCount(6);
  await page.keyboard.press('Escape');

  // The full form is still there for corrections.
  await row.getByRole('button', { name: '编辑' }).click();
  await expect(page.getByRole('dialog').getByLabel('维修内容')).toHaveValue('更换光模块一块，测试链路正常');
  await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
});
