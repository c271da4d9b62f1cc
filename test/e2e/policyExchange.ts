import { expect, type Browser, type Page } from '@playwright/test';
import { ADMIN, AUDITOR, downloaded, officeAsAuditor } from './helpers';


/**
 * The shortest way a unit gets its address ranges: the office enrols the
 * unit's key, takes in one bundle, and signs a policy naming the ranges,
 * which the unit imports trusting the office key on first use. The steps
 * themselves are tested in policy.spec.ts.
 */
export async function assignRanges(browser: Browser, unit: Page, unitName: string, ranges: string): Promise<void> {
  await exchangePolicy(browser, unit, unitName, ranges, {});
}

/**
 * assignRanges with the policy's other choices: `sendAttachments` ticks
 * 要求随数据包报送附件; `keepOffice` leaves the office signed in and returns
 * its page (the caller closes its context), for a spec that goes on to send
 * the office a bundle.
 */
export async function exchangePolicy(browser: Browser, unit: Page, unitName: string, ranges: string, options: { sendAttachments?: boolean; keepOffice?: boolean }): Promise<Page | null> {
  const office = await officeAsAuditor(browser);

  await unit.getByRole('menuitem', { name: '数据包与政策' }).click();
  const enrolment = (await downloaded(unit, () => unit.getByRole('button', { name: '下载登记文件' }).click())).path;
  const exportCard = unit.getByTestId('export-card');
  await exportCard.getByLabel('管理员密码').fill(ADMIN.password);
  const bundle = (await downloaded(unit, () => exportCard.getByRole('button', { name: '签名并导出' }).click())).path;

  await office.getByRole('menuitem', { name: '单位密钥登记' }).click();
  await office.getByTestId('enrolment-file').setInputFiles(enrolment);
  await office.getByRole('dialog').getByRole('button', { name: '指纹一致，登记' }).click();
  await office.getByRole('menuitem', { name: '导入数据包' }).click();
  await office.getByTestId('bundle-files').setInputFiles(bundle);
  await expect(office.getByTestId('import-results').locator('[data-verdict]')).toHaveText('有效');

  await office.getByRole('menuitem', { name: '签发政策包' }).click();
  await office.getByLabel(`${unitName} 地址段`).fill(ranges);
  if (options.sendAttachments) await office.getByRole('checkbox', { name: '要求随数据包报送附件' }).check();
  await office.getByLabel('您的登录密码').fill(AUDITOR.password);
  // Browser mode has no OS keystore: the key's administrator lets the auditor in once.
  await office.getByRole('button', { name: '签名并导出政策包' }).click();
  await expect(office.getByTestId('issue-result')).toContainText('本账号还不能打开本单位的签名密钥', { timeout: 30_000 });
  await office.getByLabel('密钥管理员的密码（仅首次授权）').fill(ADMIN.password);
  const policy = (await downloaded(office, () => office.getByRole('button', { name: '签名并导出政策包' }).click())).path;

  await unit.getByTestId('policy-file').setInputFiles(policy);
  const dialog = unit.getByRole('dialog');
  await unit.waitForTimeout(400); // the modal's opening animation
  await dialog.getByRole('button', { name: '指纹一致，导入' }).click();
  await expect(unit.getByTestId('policy-state')).toContainText(`本单位 IP 地址段：${ranges.split(/,\s*/).join('，')}`);
  if (options.keepOffice) return office;
  // Closing the office's context deletes what it downloaded: only once the unit has the policy.
  await office.context().close();
  return null;
}
