import { test, expect, type Page } from '@playwright/test';
import { ADMIN, completeSetup, printedPdf, setIdleMinutes, shot, signIn } from './helpers';
import { assignRanges } from './policyExchange';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Checkpoint } from '../../shared/bundle/checkpoint';
import { packPolicy, policyBytes, POLICY_FORMAT, type Policy } from '../../shared/bundle/policy';
import { generateKeyPair, keyIdOf, sign } from '../../shared/bundle/suites';

// A checkpoint back to the unit: the office takes in the unit's bundle and
// signs a policy that says how far it holds the unit's chain; the unit
// imports it, sees that the office holds exactly its history, and prints the
// receipt it files.
test.describe.configure({ mode: 'serial' });

const UNIT_NAME = '庄浪县人民政府办公室';
let unit: Page;

test.beforeAll(async ({ browser }) => {
  unit = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await unit.setViewportSize({ width: 1366, height: 768 });
  await completeSetup(unit);
  await signIn(unit, ADMIN.username, ADMIN.password);
  await setIdleMinutes(unit, 120);
});

test('the unit sees that the office holds its history, on the policy card and the home page', async ({ browser }) => {
  await assignRanges(browser, unit, UNIT_NAME, '10.30.1.0/24');
  const status = unit.getByTestId('policy-card').getByTestId('checkpoint');
  await expect(status).toHaveAttribute('data-verdict', 'agree');
  await expect(status).toContainText(/市信息办已收到至第 \d+ 条，与本机一致。/);
  await status.scrollIntoViewIfNeeded();
  await shot(unit, 'checkpoint-policy-card');
  expect(await unit.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  await unit.getByRole('menuitem', { name: '工作台' }).click();
  const card = unit.getByTestId('card-policy');
  await expect(card.getByTestId('checkpoint')).toContainText(/市信息办已收到至第 \d+ 条，与本机一致。/);
  await card.scrollIntoViewIfNeeded();
  await shot(unit, 'checkpoint-home-card');
});

test('the unit prints the receipt of what the office holds', async () => {
  await unit.getByRole('menuitem', { name: '数据包与政策' }).click();
  const status = unit.getByTestId('policy-card').getByTestId('checkpoint');
  const n = /第 (\d+) 条/.exec((await status.textContent()) ?? '')![1]!;
  await status.getByRole('button', { name: '打印接收回执' }).click();
  const dialog = unit.getByRole('dialog', { name: '打印市信息办数据接收回执' });
  await expect(dialog).toBeVisible();
  await shot(unit, 'checkpoint-receipt-dialog');
  const pdf = await printedPdf(unit, 'checkpoint-receipt');
  expect(pdf.pages).toBe(1);
  expect(pdf.flat).toContain('市信息办数据接收回执');
  expect(pdf.flat).toContain(`单位：${UNIT_NAME}`);
  expect(pdf.flat).toContain(`市信息办已收到至第${n}条`);
  expect(pdf.flat).toContain('核对结论一致');
  expect(pdf.flat).toContain(`市信息办已收到至第${n}条，与本机一致。`);
  expect(pdf.flat).toContain('经办人：');
  expect(pdf.flat).toContain('日期：年月日');
  // The office's check code and this PC's own at the same entry are the same code.
  const codes = [...pdf.flat.matchAll(/校验码([0-9a-f]{64})/g)].map((m) => m[1]);
  expect(codes).toHaveLength(2);
  expect(codes[0]).toBe(codes[1]);
  expect(pdf.flat).toContain(`本机第${n}条的校验码`);
  expect(pdf.flat).not.toContain('保存为PDF');
  await dialog.getByRole('button', { name: '取消' }).click();
});

test('a checkpoint claiming entries this unit never wrote is shown loudly, with what to do', async ({ browser }) => {
  const other = await (await browser.newContext()).newPage();
  await other.setViewportSize({ width: 1366, height: 768 });
  await completeSetup(other);
  await signIn(other, ADMIN.username, ADMIN.password);
  await setIdleMinutes(other, 120);
  const unitId = await other.evaluate(() => new Promise<string>((resolve, reject) => {
    const open = indexedDB.open('zwledger');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const read = open.result.transaction('units').objectStore('units').getAll();
      read.onsuccess = () => {
        open.result.close();
        resolve((read.result as { id: string }[])[0]!.id);
      };
    };
  }));
  const file = join(mkdtempSync(join(tmpdir(), 'zw-e2e-checkpoint-')), 'forged-history.zwp');
  writeFileSync(file, officePolicy([{ unitId, seq: 500, hash: 'ab'.repeat(32), missing: [], receivedAt: Date.now() }]));

  await other.getByRole('menuitem', { name: '数据包与政策' }).click();
  await other.getByTestId('policy-file').setInputFiles(file);
  await other.waitForTimeout(400); // the modal's opening animation
  await other.getByRole('dialog').getByRole('button', { name: '指纹一致，导入' }).click();
  const status = other.getByTestId('policy-card').getByTestId('checkpoint');
  await expect(status).toHaveAttribute('data-verdict', 'beyond');
  await expect(status.getByRole('alert')).toContainText('市信息办声称收到的记录多于本机');
  await expect(status).toContainText('不要删除、修改任何记录');
  await status.scrollIntoViewIfNeeded();
  await shot(other, 'checkpoint-beyond-policy-card');

  await other.getByRole('menuitem', { name: '工作台' }).click();
  const card = other.getByTestId('card-policy');
  await expect(card.getByRole('alert')).toContainText('市信息办声称收到的记录多于本机');
  await expect(card).toHaveClass(/tone-bad/);
  await card.scrollIntoViewIfNeeded();
  await shot(other, 'checkpoint-beyond-home-card');
  expect(await other.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await other.context().close();
});

/** A policy an office signs in this process, trusted on first use by a unit that has none yet. */
function officePolicy(checkpoints: Checkpoint[]): Uint8Array {
  const key = generateKeyPair('sm2-sm3');
  const policy: Policy = {
    format: POLICY_FORMAT,
    issuer: { unitId: 'office', name: '平凉市政务信息办公室', code: 'PL-XXB', suite: 'sm2-sm3', publicKey: key.publicKey, keyId: keyIdOf('sm2-sm3', key.publicKey) },
    issuedAt: Date.now(),
    acceptedSuites: ['sm2-sm3'],
    calendar: [],
    schedule: null,
    ipRanges: [],
    directory: [],
    checkpoints,
  };
  const bytes = policyBytes(policy);
  return packPolicy(bytes, sign('sm2-sm3', key.privateKey, bytes));
}
