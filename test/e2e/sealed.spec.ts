import { test, expect, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { ADMIN, AUDITOR, completeSetup, downloaded, fillDevice, officeAsAuditor, saveDrawer, setIdleMinutes, shot, signIn } from './helpers';

// A unit and the city information office on one host. Before the office
// names an encryption key the unit's bundles travel unsealed, and the export
// card says so; once a policy names one, every export is sealed to it, the
// office opens it with the auditor's password, and a file cut short is refused.
test.describe.configure({ mode: 'serial' });

let unit: Page;
let office: Page;

const download = async (page: Page, click: () => Promise<void>) => (await downloaded(page, click)).path;

test.beforeAll(async ({ browser }) => {
  unit = await (await browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 768 } })).newPage();
  await completeSetup(unit);
  await signIn(unit, ADMIN.username, ADMIN.password);
  await setIdleMinutes(unit, 120);
  office = await officeAsAuditor(browser, { viewport: { width: 1366, height: 768 } });
});

test('before any encryption key the export is unsealed and says so; the office enrols the unit', async () => {
  await unit.getByRole('menuitem', { name: '数据包与政策' }).click();
  const enrolment = await download(unit, () => unit.getByRole('button', { name: '下载登记文件' }).click());
  const exportCard = unit.getByTestId('export-card');
  await expect(exportCard.getByTestId('export-seal')).toContainText('本次导出的数据包不加密');
  await office.getByRole('menuitem', { name: '单位密钥登记' }).click();
  await office.getByTestId('enrolment-file').setInputFiles(enrolment);
  await office.getByRole('dialog').getByRole('button', { name: '指纹一致，登记' }).click();
});

test('the office sets its encryption key and the policy carries it; the unit sees its fingerprint at first use', async () => {
  await office.getByRole('menuitem', { name: '签发政策包' }).click();
  const card = office.getByTestId('seal-key-card');
  await expect(card).toContainText('尚未设置加密密钥');
  await office.getByLabel('您的登录密码').fill(AUDITOR.password);
  await card.getByTestId('seal-key-make').click();
  await expect(card.getByTestId('seal-key-result')).toContainText('本账号还不能打开本单位的签名密钥');
  await office.getByLabel('密钥管理员的密码（仅首次授权）').fill(ADMIN.password);
  await card.getByTestId('seal-key-make').click();
  await expect(card.getByTestId('seal-key-result')).toContainText('已设置新的加密密钥');
  const sealFingerprint = (await card.getByTestId('seal-fingerprint').textContent())!;
  await shot(office, '90-seal-key');
  const policy = await download(office, () => office.getByRole('button', { name: '签名并导出政策包' }).click());

  await unit.getByTestId('policy-file').setInputFiles(policy);
  const dialog = unit.getByRole('dialog');
  await expect(dialog.getByTestId('office-seal-fingerprint')).toHaveText(sealFingerprint);
  await unit.waitForTimeout(400);
  await shot(unit, '91-seal-first-use');
  await dialog.getByRole('button', { name: '指纹一致，导入' }).click();
  await expect(unit.getByTestId('policy-seal-key')).toContainText(sealFingerprint.replace(/\s+/g, '').slice(0, 5));
});

test('the unit’s export is sealed; the office opens it with the auditor’s password and refuses a file cut short', async () => {
  await unit.getByRole('menuitem', { name: '入网计算机登记' }).click();
  await unit.getByRole('button', { name: '登记设备' }).click();
  await fillDevice(unit, { ip: '10.30.1.11', mac: '00-1A-2B-3C-6D-11', owner: '李明', office: '信息科' });
  await saveDrawer(unit);
  await expect(unit.getByRole('dialog')).toBeHidden();
  await unit.getByRole('menuitem', { name: '数据包与政策' }).click();
  const exportCard = unit.getByTestId('export-card');
  await expect(exportCard.getByTestId('export-seal')).toContainText('数据包将加密，只有市信息办能打开');
  await exportCard.getByLabel('管理员密码').fill(ADMIN.password);
  await shot(unit, '92-export-sealed');
  const bundle = await download(unit, () => exportCard.getByRole('button', { name: '签名并导出' }).click());
  const bytes = readFileSync(bundle);
  expect(bytes.subarray(0, 17).toString()).toBe('zwledger-sealed/1');
  expect(bytes.includes(Buffer.from('10.30.1.11'))).toBe(false);
  const cut = `${bundle}-cut.zwb`;
  writeFileSync(cut, bytes.subarray(0, bytes.length - 200));

  await office.getByRole('menuitem', { name: '导入数据包' }).click();
  // Without the password the sealed file waits, nothing written.
  await office.getByTestId('bundle-files').setInputFiles(bundle);
  await expect(office.getByTestId('import-results').locator('[data-verdict]')).toHaveText('未能解密');
  await office.getByLabel('您的登录密码').fill(AUDITOR.password);
  await office.getByTestId('bundle-files').setInputFiles([bundle, cut]);
  await expect(office.getByTestId('import-results').locator('[data-verdict]')).toHaveText(['有效', '文件不完整']);
  await shot(office, '93-import-sealed');
});
