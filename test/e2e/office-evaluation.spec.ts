import { test, expect, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readSheet } from 'read-excel-file/node';
import { ADMIN, addAccount, completeSetup, setIdleMinutes, shot, signIn, signOut } from './helpers';

// The office's 综合考评: two units' bundles carry their submitted
// self-assessments; the office recomputes their figures, flags the claim that
// does not hold, enters its own items and an adjustment with its reason, and
// ranks the group with 并列 where totals are equal.
test.describe.configure({ mode: 'serial' });

const AUDITOR = { username: 'kaohe', name: '市信息办考核员', password: 'Kaohe2026!' };
let page: Page;
let dir: string;

test.beforeAll(async ({ browser }) => {
  dir = await mkdtemp(join(tmpdir(), 'zw-e2e-evaluation-'));
  await promisify(execFile)(process.execPath, ['--import', 'tsx', 'test/support/craft-evaluation-bundles.ts', dir]);
  page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.clock.install({ time: new Date('2026-12-10T09:00:00+08:00') });
  await completeSetup(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await setIdleMinutes(page, 120);
  await addAccount(page, { ...AUDITOR, role: '考核人员（市信息办）' });
  await signOut(page);
  await signIn(page, AUDITOR.username, AUDITOR.password);
  for (const code of ['PL-0022', 'PL-0023']) {
    await page.getByRole('menuitem', { name: '单位密钥登记' }).click();
    await page.getByTestId('enrolment-file').setInputFiles(join(dir, `${code}.json`));
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '指纹一致，登记' }).click();
    await expect(dialog).toBeHidden();
  }
  await page.getByRole('menuitem', { name: '导入数据包' }).click();
  await page.getByTestId('bundle-files').setInputFiles([join(dir, 'PL-0022.zwb'), join(dir, 'PL-0023.zwb')]);
  await expect(page.getByTestId('import-results')).toContainText('共 2 个文件：导入 2 个');
});

test('the group is ranked, the unit whose claim does not hold is flagged', async () => {
  await page.getByRole('menuitem', { name: '综合考评' }).click();
  await expect(page.getByText('尚未发布正式考核评价细则')).toBeVisible();
  await expect(page.getByRole('tab', { name: '县（区）（2）' })).toBeVisible();
  const ranking = page.getByTestId('office-ranking');
  const first = ranking.getByRole('row').nth(1);
  const second = ranking.getByRole('row').nth(2);
  await expect(first).toContainText('PL-0022');
  await expect(first).toContainText('1 项与核算不一致');
  await expect(second).toContainText('PL-0023');
  await expect(second).not.toContainText('不一致');
  await shot(page, '63-office-evaluation');
});

test('the office enters its items and adjusts one with a reason, kept and ranked', async () => {
  const ranking = page.getByTestId('office-ranking');
  await ranking.getByRole('row').filter({ hasText: 'PL-0023' }).getByRole('button', { name: '评分' }).click();
  const drawer = page.getByRole('dialog');
  await drawer.getByLabel('得分：实地抽查（考核小组现场检查台账和设备情况）').fill('2');
  await drawer.getByLabel('次数：专网应用通报（年内被通报 0 次得满分，1–2 次得一半，3 次及以上不得分）').fill('1');
  await drawer.getByRole('button', { name: '保存评分' }).click();
  await expect(page.getByText('已保存', { exact: true }).last()).toBeVisible();
  await expect(drawer.getByRole('row', { name: /实地抽查/ })).toContainText('2.00');
  await expect(drawer.getByRole('row', { name: /专网应用通报/ })).toContainText('2.50');

  await drawer.getByRole('row', { name: /电子政务负责机构设置情况/ }).getByRole('button', { name: '调整' }).click();
  const modal = page.getByRole('dialog').filter({ hasText: '调整得分' });
  await modal.getByLabel('调整后得分').fill('1');
  await modal.getByRole('button', { name: '保存' }).click();
  await expect(modal.getByText('请填写调整原因（至少 2 个字）')).toBeVisible();
  await modal.getByLabel('调整原因').fill('实地抽查未见机构设置文件');
  await modal.getByRole('button', { name: '保存' }).click();
  await expect(modal).toBeHidden();
  await expect(drawer.getByRole('row', { name: /电子政务负责机构设置情况/ })).toContainText('调整原因：实地抽查未见机构设置文件');
  await expect(drawer.getByRole('row', { name: /电子政务负责机构设置情况/ })).toContainText('（核算 3.00）');
  await shot(page, '64-office-evaluation-unit');
  await drawer.getByRole('button', { name: 'Close' }).or(drawer.getByRole('button', { name: '关闭' })).first().click();
  await expect(page.getByTestId('office-ranking').getByRole('row').nth(1)).toContainText('PL-0022');
});

test('the 公示 prints to A4 and exports to Excel, in ranked order, and the export files its copy', async () => {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const file = join(dir, 'notice.pdf');
  await writeFile(file, pdf);
  const text = (await promisify(execFile)('pdftotext', ['-layout', file, '-'])).stdout.replace(/\s+/g, '');
  expect(text).toContain('2026年度电子政务工作考核结果公示');
  expect(text).toContain('（县（区））（按示例细则评分，仅供参考）');
  const [a, b] = [text.indexOf('崆峒区第22单位'), text.indexOf('泾川县第23单位')];
  expect(a).toBeGreaterThan(-1);
  expect(b).toBeGreaterThan(a);
  expect(text).toContain('庄浪县人民政府办公室2026年12月10日');
  expect(text).not.toContain('保存评分');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toMatch(/^2026年度考核结果（县（区））-\d{8}-\d{4}\.xlsx$/);
  const rows = (await readSheet(await readFile(await saved.path()))) as (string | number | null)[][];
  expect(rows.slice(4).map((r) => [r[0], r[1]])).toEqual([
    ['1', '崆峒区第22单位'],
    ['2', '泾川县第23单位'],
  ]);
  await expect(page.getByText('已导出 2 行，并自动登记复制备案')).toBeVisible();
});

test('a 专网应用通报 names the units short over last month, is numbered, prints, and counts in the evaluation', async () => {
  await page.getByRole('menuitem', { name: '专网应用通报' }).click();
  await expect(page.getByText('尚未发布通报')).toBeVisible();
  // The clock says 10 December: the period offered is November, when neither unit's bundle arrived.
  await expect(page.getByLabel('统计期间').first()).toHaveValue('2026-11-01');
  await page.getByRole('button', { name: '查看未达要求的单位' }).click();
  const draft = page.getByTestId('notice-draft');
  await expect(draft.getByRole('row').filter({ hasText: 'PL-0022' })).toContainText('期间内未报送数据包');
  await expect(draft.getByRole('row').filter({ hasText: 'PL-0023' })).toContainText('期间内未报送数据包');
  await page.getByRole('button', { name: /发布通报（2 个单位）/ }).click();
  await expect(page.getByText('通报已发布')).toBeVisible();
  await expect(page.getByRole('row', { name: /2026 年第 1 期/ })).toBeVisible();
  await shot(page, '65-network-notice');

  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const file = join(dir, 'network-notice.pdf');
  await writeFile(file, pdf);
  const text = (await promisify(execFile)('pdftotext', ['-layout', file, '-'])).stdout.replace(/\s+/g, '');
  expect(text).toContain('政务专网应用情况通报');
  expect(text).toContain('2026年第1期');
  expect(text).toContain('2026-11-01至2026-11-30期间');
  expect(text).toContain('泾川县第23单位');

  await page.getByRole('menuitem', { name: '综合考评' }).click();
  await page.getByTestId('office-ranking').getByRole('row').filter({ hasText: 'PL-0022' }).getByRole('button', { name: '评分' }).click();
  await expect(page.getByRole('dialog').getByText('按已发布的通报：1 次')).toBeVisible();
});

test('the rubric editor checks every change, and keeps the rubric only when it adds up', async () => {
  await page.keyboard.press('Escape');
  await page.getByRole('menuitem', { name: '考核细则' }).click();
  await page.getByRole('button', { name: '新建细则（县区）' }).click();
  const editor = page.getByRole('dialog');
  await expect(editor.getByTestId('editor-ok')).toBeVisible();
  const leader = editor.getByRole('row', { name: /org\.leader/ });
  await leader.getByLabel('分值').fill('6');
  const problems = editor.getByTestId('editor-problems');
  await expect(problems).toContainText('“组织机构”各项分值合计 16，与该类总分 15 不符');
  await expect(editor.getByRole('button', { name: '保存细则' })).toBeDisabled();
  await leader.getByLabel('分值').fill('5');
  const checkin = editor.getByRole('row', { name: /app\.checkin/ });
  await checkin.getByLabel('分档').fill('0-60:0; 50-100:10');
  await expect(problems).toContainText('第 1 档与第 2 档重叠');
  await checkin.getByLabel('分档').fill('0-60:0; 60-90:0~10; 90-100:10');
  await expect(editor.getByTestId('editor-ok')).toBeVisible();
  await shot(page, '66-rubric-editor');
  await editor.getByRole('button', { name: '保存细则' }).click();
  await expect(editor).toBeHidden();
  await expect(page.getByRole('row', { name: /2027.*电子政务工作考核评价细则（县区）/ })).toBeVisible();
});
