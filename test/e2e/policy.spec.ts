import { test, expect, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, AUDITOR, downloaded, fillDevice, officeAsAuditor, saveDrawer, shot, unitWithDevice } from './helpers';

// Two PCs on one host: a county unit and the city information office. The
// unit's bundle goes to the office; the office signs a policy (calendar,
// hours, the unit's address ranges) that the unit takes in, trusting the
// office key on first use; the register then flags an address outside them.
test.describe.configure({ mode: 'serial' });

let unit: Page;
let office: Page;
let enrolment: string;
let bundle: string;
let policy: string;

async function download(page: Page, click: () => Promise<void>): Promise<string> {
  return (await downloaded(page, click)).path;
}

test.beforeAll(async ({ browser }) => {
  unit = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await unitWithDevice(unit, { ip: '10.30.1.11', mac: '00-1A-2B-3C-6D-11', owner: '李明', office: '信息科' });

  office = await officeAsAuditor(browser);
});

test('the unit sends its key and a bundle; the office takes both in', async () => {
  await unit.getByRole('menuitem', { name: '数据包与政策' }).click();
  enrolment = await download(unit, () => unit.getByRole('button', { name: '下载登记文件' }).click());
  const exportCard = unit.getByTestId('export-card');
  await exportCard.getByLabel('管理员密码').fill(ADMIN.password);
  bundle = await download(unit, () => exportCard.getByRole('button', { name: '签名并导出' }).click());

  await office.getByRole('menuitem', { name: '单位密钥登记' }).click();
  await office.getByTestId('enrolment-file').setInputFiles(enrolment);
  await office.getByRole('dialog').getByRole('button', { name: '指纹一致，登记' }).click();
  await office.getByRole('menuitem', { name: '导入数据包' }).click();
  await office.getByTestId('bundle-files').setInputFiles(bundle);
  await expect(office.getByTestId('import-results').locator('[data-verdict]')).toHaveText('有效');
});

test('the office signs a policy with the unit’s ranges; a bad range is refused on the spot', async () => {
  await office.getByRole('menuitem', { name: '签发政策包' }).click();
  const ranges = office.getByLabel('庄浪县人民政府办公室 地址段');
  await ranges.fill('10.30.1.5/24');
  await expect(office.getByText('“10.30.1.5/24”不是有效的地址段')).toBeVisible();
  await expect(office.getByRole('button', { name: '签名并导出政策包' })).toBeDisabled();
  await ranges.fill('10.30.1.0/24, 10.30.2.7');
  // The auditor signs with their own password, checked and counted by main; the administrator's is not theirs to use.
  await office.getByLabel('您的登录密码').fill(ADMIN.password);
  await office.getByRole('button', { name: '签名并导出政策包' }).click();
  await expect(office.getByTestId('issue-result')).toContainText('密码不正确');
  // Browser mode has no OS keystore: the first time, the key's administrator lets the auditor in once.
  await office.getByLabel('您的登录密码').fill(AUDITOR.password);
  await office.getByRole('button', { name: '签名并导出政策包' }).click();
  await expect(office.getByTestId('issue-result')).toContainText('本账号还不能打开本单位的签名密钥');
  await office.getByLabel('密钥管理员的密码（仅首次授权）').fill(ADMIN.password);
  policy = await download(office, () => office.getByRole('button', { name: '签名并导出政策包' }).click());
  await expect(office.getByTestId('issue-result')).toContainText('已导出 zwledger-policy-PL-XXB-');
  await shot(office, '80-policy-issue');
});

test('the unit trusts the office key on first use, then flags an address outside its ranges', async () => {
  const officeFingerprint = await office.getByTestId('issuer-fingerprint').textContent();
  await unit.getByTestId('policy-file').setInputFiles(policy);
  const dialog = unit.getByRole('dialog');
  await expect(dialog.getByTestId('office-fingerprint')).toHaveText(officeFingerprint!);
  await unit.waitForTimeout(400); // the modal's opening animation
  await shot(unit, '81-policy-first-use');
  await dialog.getByRole('button', { name: '指纹一致，导入' }).click();
  await expect(unit.getByTestId('policy-state')).toContainText('本单位 IP 地址段：10.30.1.0/24，10.30.2.7');
  await expect(unit.getByTestId('policy-state')).toContainText('平凉市政务信息办公室');

  // The same policy again is not newer: refused.
  await unit.getByTestId('policy-file').setInputFiles(policy);
  await expect(unit.getByText('这份政策包不比已导入的更新，不予导入')).toBeVisible();

  await unit.getByRole('menuitem', { name: '入网计算机登记' }).click();
  await expect(unit.getByTestId('outside-range-tag')).toHaveCount(0);
  await unit.getByRole('button', { name: '登记设备' }).click();
  await fillDevice(unit, { ip: '10.99.0.5', mac: '00-1A-2B-3C-6D-12', owner: '王芳', office: '办公室' });
  await expect(unit.getByTestId('outside-range-alert')).toBeVisible();
  await saveDrawer(unit);
  await expect(unit.getByRole('dialog')).toBeHidden();
  await expect(unit.getByTestId('outside-range-tag')).toHaveCount(1);
  await expect(unit.getByTestId('outside-count')).toHaveText('1 台不在分配的地址段');
  await shot(unit, '82-outside-range');
});

test('a policy that asks for another suite has the unit rotate into it', async () => {
  await office.getByRole('menuitem', { name: '签发政策包' }).click();
  await office.getByLabel('Ed25519 签名').check();
  await office.getByLabel('SM2 国密签名').uncheck();
  // From now on the auditor's own password is enough.
  await office.getByLabel('您的登录密码').fill(AUDITOR.password);
  await expect(office.getByLabel('密钥管理员的密码（仅首次授权）')).toHaveCount(0);
  const next = await download(office, () => office.getByRole('button', { name: '签名并导出政策包' }).click());

  await unit.getByRole('menuitem', { name: '数据包与政策' }).click();
  await unit.getByTestId('policy-file').setInputFiles(next);
  await expect(unit.getByText(/已导入政策包/)).toBeVisible();
  const key = unit.getByTestId('unit-key');
  await expect(key.getByTestId('key-out-of-policy')).toContainText('Ed25519 签名');
  await key.getByRole('button', { name: '轮换密钥' }).click();
  await unit.getByRole('dialog').getByLabel('管理员密码').fill(ADMIN.password);
  await unit.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await expect(key).toContainText('Ed25519 签名');
  await expect(key.getByTestId('key-out-of-policy')).toHaveCount(0);
});

test('the office publishes its rubric: an inconsistent one is refused, the unit then assesses itself against the office’s', async () => {
  const year = new Date().getFullYear();
  const example = JSON.parse(readFileSync('assets/rubrics/example-county.json', 'utf8')) as { year: number; title: string; categories: { maxPoints: number; items: { maxPoints: number }[] }[] };
  const official = { ...example, year, title: '电子政务工作考核评价细则（县区）' };
  const broken = structuredClone(official);
  broken.categories[0]!.items[0]!.maxPoints += 2;
  const [good, bad] = [join(tmpdir(), `rubric-${Date.now()}.json`), join(tmpdir(), `rubric-bad-${Date.now()}.json`)];
  writeFileSync(good, JSON.stringify(official));
  writeFileSync(bad, JSON.stringify(broken));

  await office.getByRole('menuitem', { name: '考核细则' }).click();
  await expect(office.getByText('尚未保存细则')).toBeVisible();
  await office.getByTestId('rubric-file').setInputFiles(bad);
  const problems = office.getByTestId('rubric-problems');
  await expect(problems).toContainText('“组织机构”各项分值合计 17，与该类总分 15 不符');
  await expect(problems).toContainText('细则有 1 处问题，未保存');
  await office.getByTestId('rubric-file').setInputFiles(good);
  const preview = office.getByRole('dialog');
  await expect(preview).toContainText('检查通过');
  await expect(preview.getByLabel('作为正式细则（不再标注“示例”）')).not.toBeChecked();
  await preview.getByLabel('作为正式细则（不再标注“示例”）').check();
  await shot(office, '83-rubric-preview');
  await preview.getByRole('button', { name: '保存细则' }).click();
  await expect(office.getByRole('row', { name: new RegExp(`${year}.*电子政务工作考核评价细则（县区）`) })).toBeVisible();

  await office.getByRole('menuitem', { name: '签发政策包' }).click();
  await expect(office.getByLabel(`${year} 年 县（区） 第 1 版`)).toBeChecked();
  await office.getByLabel(`附上 ${year} 年度考核结果`).check();
  await office.getByLabel('您的登录密码').fill(AUDITOR.password);
  const published = await download(office, () => office.getByRole('button', { name: '签名并导出政策包' }).click());

  await unit.getByRole('menuitem', { name: '数据包与政策' }).click();
  await unit.getByTestId('policy-file').setInputFiles(published);
  await expect(unit.getByTestId('policy-state')).toContainText(`考核细则：电子政务工作考核评价细则（县区）（${year} 年第 1 版）`);
  await expect(unit.getByTestId('policy-state')).toContainText(`考核结果：${year} 年度`);
  await unit.getByRole('menuitem', { name: '年度自评' }).click();
  await expect(unit.getByText('电子政务工作考核评价细则（县区）', { exact: true })).toBeVisible();
  await expect(unit.getByText('尚未收到市信息办发布的考核评价细则')).toHaveCount(0);
  // The results went with it: one unit in its group, first, every item the office scored.
  const result = unit.getByTestId('evaluation-result');
  await expect(result).toContainText(`市信息办 ${year} 年度考核结果`);
  await expect(result).toContainText('/ 共 1 个单位');
  await expect(result.getByRole('row', { name: /隔离卡使用/ })).toBeVisible();
  await shot(unit, '84-unit-result');
});
