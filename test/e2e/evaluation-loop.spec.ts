import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { ADMIN, AUDITOR, completeSetup, downloaded, fillDevice, officeAsAuditor, saveDrawer, setIdleMinutes, shot, signIn } from './helpers';

// The whole year-end loop on three PCs of one host: the office publishes its
// rubric; two county units take it in, assess themselves and send their
// bundles; the office imports them, sees the claim that no longer holds,
// enters its own items, ranks the group and publishes the results; a unit
// takes them in and sees its place.
test.describe.configure({ mode: 'serial' });

const UNITS = [
  { name: '庄浪县人民政府办公室', code: 'ZL-001' },
  { name: '泾川县人民政府办公室', code: 'JC-002' },
];
const year = new Date().getFullYear();
const rubricTitle = '电子政务工作考核评价细则（县区）';

interface ExampleItem {
  id: string;
  text: string;
  maxPoints: number;
  mayNotApply: boolean;
  scoring: { kind: string };
}
const example = JSON.parse(readFileSync('assets/rubrics/example-county.json', 'utf8')) as { categories: { items: ExampleItem[] }[] };
const declared = example.categories.flatMap((c) => c.items).filter((i) => i.scoring.kind === 'declared');

let office: Page;
const units: Page[] = [];
const sent: { enrolment: string; bundle: string }[] = [];
let policy = '';

test.beforeAll(async ({ browser }) => {
  office = await officeAsAuditor(browser);
  for (const u of UNITS) {
    const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
    await completeSetup(page, u);
    await signIn(page, ADMIN.username, ADMIN.password);
    await setIdleMinutes(page, 120);
    units.push(page);
  }
});

/** The auditor signs a policy; the first time browser mode asks the key's administrator to let the auditor in. */
async function signPolicy(firstTime: boolean): Promise<string> {
  await office.getByLabel('您的登录密码').fill(AUDITOR.password);
  if (firstTime) {
    await office.getByRole('button', { name: '签名并导出政策包' }).click();
    await office.getByLabel('密钥管理员的密码（仅首次授权）').fill(ADMIN.password);
  }
  return (await downloaded(office, () => office.getByRole('button', { name: '签名并导出政策包' }).click())).path;
}

async function importPolicy(page: Page, file: string, firstUse: boolean) {
  await page.getByRole('menuitem', { name: '数据包与政策' }).click();
  await page.getByTestId('policy-file').setInputFiles(file);
  if (firstUse) await page.getByRole('dialog').getByRole('button', { name: '指纹一致，导入' }).click();
  await expect(page.getByTestId('policy-state')).toContainText(rubricTitle);
}

test('the office writes its rubric in the editor and publishes it; both units take it in', async () => {
  await office.getByRole('menuitem', { name: '考核细则' }).click();
  await office.getByRole('button', { name: '新建细则（县区）' }).click();
  const editor = office.getByRole('dialog');
  await editor.getByLabel('考核年度').fill(String(year));
  await expect(editor.getByTestId('editor-ok')).toBeVisible();
  await editor.getByRole('button', { name: '保存细则' }).click();
  await expect(editor).toBeHidden();
  await office.getByRole('menuitem', { name: '签发政策包' }).click();
  await expect(office.getByLabel(`${year} 年 县（区） 第 1 版`)).toBeChecked();
  policy = await signPolicy(true);
  for (const page of units) await importPolicy(page, policy, true);
});

test('each unit assesses itself against the office’s rubric, submits, and sends its bundle', async () => {
  for (const [i, page] of units.entries()) {
    await page.getByRole('menuitem', { name: '年度自评' }).click();
    await expect(page.getByText(rubricTitle, { exact: true })).toBeVisible();
    await expect(page.getByText('尚未收到市信息办发布的考核评价细则')).toHaveCount(0);
    for (const item of declared) {
      if (item.mayNotApply) await page.getByRole('checkbox', { name: `不适用：${item.text}` }).check();
      else await page.getByLabel(item.text).fill(String(i === 0 ? item.maxPoints : Math.max(0, item.maxPoints - 1)));
    }
    await page.getByRole('button', { name: '提交自评' }).click();
    await page.getByRole('button', { name: '提交自评' }).last().click();
    await expect(page.getByText(/^已提交（/)).toBeVisible();
    if (i === 0) {
      // After submitting, 庄浪 registers a computer on the internet without an isolation card: its claim of none no longer holds.
      await page.getByRole('menuitem', { name: '入网计算机登记' }).click();
      await page.getByRole('button', { name: '登记设备' }).click();
      await fillDevice(page, { ip: '10.30.1.11', mac: '00-1A-2B-3C-7D-11', owner: '李明', office: '信息科', internet: true });
      await saveDrawer(page);
      await expect(page.getByRole('dialog')).toBeHidden();
    }
    await page.getByRole('menuitem', { name: '数据包与政策' }).click();
    const enrolment = (await downloaded(page, () => page.getByRole('button', { name: '下载登记文件' }).click())).path;
    const exportCard = page.getByTestId('export-card');
    await exportCard.getByLabel('管理员密码').fill(ADMIN.password);
    const bundle = (await downloaded(page, () => exportCard.getByRole('button', { name: '签名并导出' }).click())).path;
    sent.push({ enrolment, bundle });
  }
});

test('the office imports both, sees the claim that does not hold, enters its items and ranks', async () => {
  for (const s of sent) {
    await office.getByRole('menuitem', { name: '单位密钥登记' }).click();
    await office.getByTestId('enrolment-file').setInputFiles(s.enrolment);
    await office.getByRole('dialog').getByRole('button', { name: '指纹一致，登记' }).click();
    await expect(office.getByRole('dialog')).toBeHidden();
  }
  await office.getByRole('menuitem', { name: '导入数据包' }).click();
  await office.getByTestId('bundle-files').setInputFiles(sent.map((s) => s.bundle));
  await expect(office.getByTestId('import-results')).toContainText('共 2 个文件：导入 2 个');

  await office.getByRole('menuitem', { name: '综合考评' }).click();
  await expect(office.getByText('尚未发布正式考核评价细则')).toHaveCount(0);
  const ranking = office.getByTestId('office-ranking');
  await expect(ranking.getByRole('row').filter({ hasText: 'ZL-001' })).toContainText('1 项与核算不一致');
  await expect(ranking.getByRole('row').filter({ hasText: 'JC-002' })).not.toContainText('不一致');
  for (const [code, points] of [
    ['ZL-001', '2'],
    ['JC-002', '1'],
  ] as const) {
    await ranking.getByRole('row').filter({ hasText: code }).getByRole('button', { name: '评分' }).click();
    const drawer = office.getByRole('dialog');
    if (code === 'ZL-001') await expect(drawer.getByRole('row', { name: /隔离卡使用/ })).toContainText('不一致');
    await drawer.getByLabel('得分：实地抽查（考核小组现场检查台账和设备情况）').fill(points);
    await drawer.getByRole('button', { name: '保存评分' }).click();
    await expect(drawer.getByRole('row', { name: /实地抽查/ })).toContainText(`${points}.00`);
    await office.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
  }
  await expect(ranking.getByRole('row').nth(1).getByRole('cell').first()).toHaveText('1');
  await expect(ranking.getByRole('row').nth(2).getByRole('cell').first()).toHaveText('2');
  await shot(office, '67-loop-ranking');
});

test('the office publishes the results; the unit takes them in and sees its place', async () => {
  await office.getByRole('menuitem', { name: '签发政策包' }).click();
  await office.getByLabel(`附上 ${year} 年度考核结果`).check();
  const results = await signPolicy(false);
  const page = units[0]!;
  await importPolicy(page, results, false);
  await expect(page.getByTestId('policy-state')).toContainText(`考核结果：${year} 年度`);
  await page.getByRole('menuitem', { name: '年度自评' }).click();
  const result = page.getByTestId('evaluation-result');
  await expect(result).toContainText('/ 共 2 个单位');
  await expect(result.getByRole('row', { name: /实地抽查/ })).toContainText('2.00');
  await shot(page, '68-loop-unit-result');
});
