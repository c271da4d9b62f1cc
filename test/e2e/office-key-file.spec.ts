import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { readOfficeKeyFile } from '../../shared/bundle/officeKeyFile';
import { sealFingerprint } from '../../shared/bundle/seal';
import { ADMIN, AUDITOR, downloaded, officeAsAuditor, shot } from './helpers';

// The office exports its encryption keys as the password-sealed file the
// command line reads (`verify`/`ingest --office-key`), from the console's
// keys page: the auditor's password opens the keys in main, the file's
// passphrase (typed twice, strong enough) seals them.
const PASSPHRASE = '信息办密钥文件Key2026';

test('the auditor exports the office key file, which opens with its passphrase and holds the key the units seal to', async ({ browser }) => {
  const office = await officeAsAuditor(browser, { viewport: { width: 1366, height: 768 } });

  await office.getByRole('menuitem', { name: '签发政策包' }).click();
  const sealCard = office.getByTestId('seal-key-card');
  await office.getByLabel('您的登录密码').fill(AUDITOR.password);
  await sealCard.getByTestId('seal-key-make').click();
  await expect(sealCard.getByTestId('seal-key-result')).toContainText('本账号还不能打开本单位的签名密钥');
  await office.getByLabel('密钥管理员的密码（仅首次授权）').fill(ADMIN.password);
  await sealCard.getByTestId('seal-key-make').click();
  await expect(sealCard.getByTestId('seal-key-result')).toContainText('已设置新的加密密钥');
  const shown = (await sealCard.getByTestId('seal-fingerprint').textContent())!.replace(/\s+/g, '');

  await office.getByRole('menuitem', { name: '单位密钥登记' }).click();
  const card = office.getByTestId('office-key-file');
  await expect(card).toContainText('只能留在本信息办');
  await card.getByLabel('您的登录密码').fill(AUDITOR.password);
  await card.getByLabel('密钥文件口令', { exact: true }).fill('short1A');
  await card.getByLabel('再次输入密钥文件口令').fill('short1A');
  await card.getByRole('button', { name: '导出密钥文件' }).click();
  await expect(card).toContainText('口令至少 12 位');
  await card.getByLabel('密钥文件口令', { exact: true }).fill(PASSPHRASE);
  await card.getByLabel('再次输入密钥文件口令').fill(`${PASSPHRASE}x`);
  await card.getByRole('button', { name: '导出密钥文件' }).click();
  await expect(card).toContainText('两次输入的密码不一致');
  await card.getByLabel('再次输入密钥文件口令').fill(PASSPHRASE);
  await card.scrollIntoViewIfNeeded();
  await shot(office, 'office-key-file-card');
  const file = await downloaded(office, () => card.getByRole('button', { name: '导出密钥文件' }).click());
  await expect(card.getByTestId('office-key-file-result')).toContainText('已导出');
  expect(file.name).toMatch(/^office-key-PL-XXB-\d{8}\.json$/);

  const text = readFileSync(file.path, 'utf8');
  expect(await readOfficeKeyFile(text, 'wrong passphrase 1A')).toMatchObject({ ok: false });
  const read = await readOfficeKeyFile(text, PASSPHRASE);
  expect(read.ok).toBe(true);
  if (!read.ok) return;
  expect(read.keys).toHaveLength(1);
  expect(sealFingerprint(read.keys[0]!.suite, read.keys[0]!.publicKey).replace(/\s+/g, '')).toBe(shown);
  expect(await office.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await office.context().close();
});
