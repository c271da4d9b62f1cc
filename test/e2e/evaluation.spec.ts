import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { ADMIN, completeSetup, fillDevice, printedPdf, saveDrawer, setIdleMinutes, shot, signIn } from './helpers';

// The unit's 年度自评: the example rubric (said to be one), ledger figures
// computed from the unit's records, declared items scored, submission that
// locks, and a correction that needs its reason.
test.describe.configure({ mode: 'serial' });

let page: Page;

interface ExampleItem {
  text: string;
  maxPoints: number;
  mayNotApply: boolean;
  scoring: { kind: string };
}
const county = JSON.parse(readFileSync('assets/rubrics/example-county.json', 'utf8')) as { categories: { items: ExampleItem[] }[] };
const declared = county.categories.flatMap((c) => c.items).filter((i) => i.scoring.kind === 'declared');

test.beforeAll(async ({ browser }) => {
  page = await (await browser.newContext()).newPage();
  await page.setViewportSize({ width: 1366, height: 768 });
  // Friday 4 December 2026, 10:00 in Gansu: the unit starts using the app today, so the year is a part year.
  await page.clock.install({ time: new Date('2026-12-04T10:00:00+08:00') });
  await completeSetup(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await setIdleMinutes(page, 120);
  await page.getByRole('menuitem', { name: '入网计算机登记' }).click();
  await page.getByRole('button', { name: '登记设备' }).click();
  await fillDevice(page, { ip: '10.20.1.11', mac: '00-1A-2B-3C-4D-11', owner: '李明', office: '信息科', internet: true });
  await saveDrawer(page);
  await expect(page.getByRole('dialog')).toBeHidden();
});

test('the self-assessment shows the example rubric, the ledger figures and what is provisional', async () => {
  await page.getByRole('menuitem', { name: '年度自评' }).click();
  await expect(page.getByText('尚未收到市信息办发布的考核评价细则')).toBeVisible();
  await expect(page.getByText('统计期间不满一年（2026-12-04 至 2026-12-04）')).toBeVisible();
  await expect(page.getByText('尚未填写')).toBeVisible();
  // One computer on the internet without an isolation card: the isolation item scores 2 of 4.
  const isolation = page.getByRole('row', { name: /隔离卡使用/ });
  await expect(isolation).toContainText('1 次');
  await expect(isolation).toContainText('2.00');
  await expect(page.getByRole('row', { name: /实地抽查/ })).toContainText('考核小组评定');
  await shot(page, '60-self-assessment');
  await page.getByTestId('category-security').scrollIntoViewIfNeeded();
  await shot(page, '60b-self-assessment-ledger-items');
});

test('submitting needs every declared item scored, then locks', async () => {
  await page.getByLabel(declared[0]!.text).fill('4');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByText('已保存', { exact: true }).last()).toBeVisible();
  await expect(page.getByText('草稿，未提交')).toBeVisible();

  await page.getByRole('button', { name: '提交自评' }).click();
  await page.getByRole('button', { name: '提交自评' }).last().click();
  await expect(page.getByRole('alert').filter({ hasText: `尚未自评：${declared[1]!.text}` })).toBeVisible();

  for (const item of declared.slice(1)) {
    if (item.mayNotApply) await page.getByRole('checkbox', { name: `不适用：${item.text}` }).check();
    else await page.getByLabel(item.text).fill(String(item.maxPoints));
  }
  await page.getByLabel('总体情况').fill('全年专网运行平稳，公文按时查收。');
  await page.getByRole('button', { name: '提交自评' }).click();
  await page.getByRole('button', { name: '提交自评' }).last().click();
  await expect(page.getByText('已提交（2026-12-04 10:')).toBeVisible();
  await expect(page.getByLabel(declared[0]!.text)).toBeDisabled();
  await expect(page.getByRole('button', { name: '保存草稿' })).toHaveCount(0);
  await shot(page, '61-self-assessment-submitted');
});

test('a correction is a new submission with its reason', async () => {
  await page.getByRole('button', { name: '更正自评' }).click();
  await page.getByLabel(declared[0]!.text).fill('5');
  await page.getByRole('button', { name: '提交更正' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: '提交更正' }).click();
  await expect(dialog.getByText('请填写更正原因（至少 2 个字）')).toBeVisible();
  await dialog.getByLabel('更正原因').fill('补充领导批示文件');
  await dialog.getByRole('button', { name: '提交更正' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('已更正第 1 次')).toBeVisible();
  await expect(page.getByText('更正原因：补充领导批示文件', { exact: true })).toBeVisible();
  await expect(page.getByLabel(declared[0]!.text)).toHaveValue('5.00');
});

test('the 自查报告 prints to A4 with the unit, the items, the scores and page numbers', async () => {
  await expect(page.getByRole('button', { name: '打印自查报告' })).toBeVisible();
  const { text, flat, pages } = await printedPdf(page, '62-self-report');
  expect(pages).toBeGreaterThanOrEqual(2);
  expect(pages).toBeLessThanOrEqual(6);
  expect(flat).toContain('庄浪县人民政府办公室2026年度电子政务工作自查报告');
  expect(flat).toContain('按随软件提供的示例细则评分');
  expect(flat).toContain('分管领导：张建国');
  expect(flat).toContain('承办科室：信息科');
  expect(flat).toContain('2026-12-04至2026-12-04');
  expect(flat).toContain('全年专网运行平稳，公文按时查收。');
  expect(flat).toContain('隔离卡违规次数1次');
  expect(flat).toContain('更正原因：补充领导批示文件');
  expect(flat).toContain('单位（盖章）');
  expect(flat).toContain('2026年12月4日');
  // Page numbers in the official style, one per page.
  for (let n = 1; n <= pages; n++) expect(text).toMatch(new RegExp(`—\\s*${n}\\s*—`));
  // Nothing of the app's screen is printed.
  expect(flat).not.toContain('保存草稿');
  expect(flat).not.toContain('入网计算机登记');
});
