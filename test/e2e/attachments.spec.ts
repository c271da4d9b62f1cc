import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { ADMIN, completeSetup, downloaded, saveDrawer, setIdleMinutes, shot, signIn } from './helpers';

// Signed paper kept with its record: the training's sign-in sheet as a PDF
// and a photo, a zip renamed .png refused by its content, a removal that
// retires the file with a reason.
test.describe.configure({ mode: 'serial' });

let page: Page;
const FIXTURES = 'test/fixtures/attachments';

test.beforeAll(async ({ browser }) => {
  page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.clock.install({ time: new Date('2026-11-24T09:00:00+08:00') });
  await completeSetup(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await setIdleMinutes(page, 120);
});

test('a training keeps its scanned sign-in sheet and a photo; a wrong file is refused by what it is', async () => {
  await page.getByRole('menuitem', { name: '业务培训' }).click();
  await page.getByRole('button', { name: '新增培训记录' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('组织单位').fill('平凉市信息办');
  await form.getByLabel('培训内容').fill('政务专网安全管理与电子公文查收');
  await saveDrawer(page);
  await expect(form).toBeHidden();
  await page.getByTestId('grid-row').first().getByRole('button', { name: '详情' }).click();
  const drawer = page.getByRole('dialog');
  const section = drawer.getByTestId('attachments');
  await expect(section).toContainText('暂无附件');

  const input = section.locator('input[type=file]');
  await input.setInputFiles(`${FIXTURES}/sheet.pdf`);
  await expect(section.getByTestId('attachment')).toHaveCount(1);
  await expect(section.getByTestId('attachment').first()).toContainText('sheet.pdf');

  // A zip archive renamed to .png: judged by its bytes, refused beside the button, nothing kept.
  const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]), Buffer.from('word/document.xml'), Buffer.alloc(300)]);
  await input.setInputFiles({ name: '签到表.png', mimeType: 'image/png', buffer: zip });
  await expect(section.getByTestId('attach-error')).toHaveText('“签到表.png”未上传：文件内容不是 PDF、JPG 或 PNG（按文件内容判断，与文件扩展名无关）');
  // A photo cut off in transfer.
  const png = readFileSync(`${FIXTURES}/photo.png`);
  await input.setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: png.subarray(0, png.length - 30) });
  await expect(section.getByTestId('attach-error')).toContainText('文件不完整或已损坏');
  await expect(section.getByTestId('attachment')).toHaveCount(1);

  // A real photo with a misleading name is taken for what it is and shown as an image.
  await input.setInputFiles({ name: '签到表照片.pdf', mimeType: 'application/pdf', buffer: readFileSync(`${FIXTURES}/photo.jpg`) });
  await expect(section.getByTestId('attachment')).toHaveCount(2);
  await expect(section.getByTestId('attach-error')).toHaveCount(0);
  await expect(section.locator('img')).toHaveCount(1);
  await shot(page, 'attachments-training');

  const file = await downloaded(page, () => section.getByTestId('attachment').filter({ hasText: 'sheet.pdf' }).getByRole('button', { name: '下载' }).click());
  expect(file.name).toBe('sheet.pdf');
  expect(readFileSync(file.path).equals(readFileSync(`${FIXTURES}/sheet.pdf`))).toBe(true);

  // Removing retires it with a reason; the history keeps both the attachment and its removal.
  await section.getByTestId('attachment').filter({ hasText: '签到表照片.pdf' }).getByRole('button', { name: '移除' }).click();
  const modal = page.getByRole('dialog').filter({ hasText: '移除附件' });
  await modal.getByLabel('作废原因').fill('照片不清晰，已重新扫描');
  await modal.getByRole('button', { name: /作\s?废/ }).click();
  await expect(section.getByTestId('attachment')).toHaveCount(1);
  await expect(section.getByTestId('attach-retired')).toContainText('已移除“签到表照片.pdf”');
  await expect(section.getByTestId('attach-retired')).toContainText('照片不清晰，已重新扫描');
  await shot(page, 'attachments-removed');
});
