import { test, expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { readSheet } from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { ADMIN, completeSetup, fillDevice, saveDrawer, setIdleMinutes, shot, signIn } from './helpers';

// The register's Excel round trip: export, edit the file as a user would in
// WPS, import it back through mapping and preview, and only then apply.
test.describe.configure({ mode: 'serial' });

let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await completeSetup(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await setIdleMinutes(page, 120);
  await page.getByRole('menuitem', { name: '入网计算机登记' }).click();
  for (const d of [
    { ip: '10.20.1.11', mac: '00-1A-2B-3C-4D-11', owner: '李明', office: '信息科' },
    { ip: '10.20.1.12', mac: '00-1A-2B-3C-4D-12', owner: '王芳', office: '办公室', location: '=HYPERLINK("x")' },
  ]) {
    await page.getByRole('button', { name: '登记设备' }).click();
    await fillDevice(page, d);
    await saveDrawer(page);
    await expect(page.getByRole('dialog')).toBeHidden();
  }
});

test('export, edit, import with preview, apply', async () => {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const file = await (await download).path();
  const sheet = (await readSheet(await readFile(file))) as (string | number | null)[][];
  expect(sheet[0]![0]).toBe('入网计算机登记');
  const header = sheet[3]!;
  expect(header.slice(0, 4)).toEqual(['IP 地址', 'MAC 地址', '负责人', '科室']);
  const body = sheet.slice(4);
  expect(body.map((r) => r[0]).sort()).toEqual(['10.20.1.11', '10.20.1.12']);
  // A formula-looking value went out as text, not as a formula.
  expect(body.find((r) => r[0] === '10.20.1.12')![4]).toBe('=HYPERLINK("x")');

  const li = body.find((r) => r[0] === '10.20.1.11')!;
  const edited = [
    header,
    [li[0], li[1], '李明明', ...li.slice(3)],
    ['10.20.1.13', '00:1a:2b:3c:4d:13', '赵六', '财务科', '二楼', '笔记本', '在用', '是', '否', '否', ''],
    ['10.20.1.14', '001a.2b3c.4d13', '钱七', '财务科'],
    ['10.20.1.300', '00-1A-2B-3C-4D-15', '孙八', '财务科'],
    ['10.20.1.12', '00-1A-2B-3C-4D-16', '周九', '财务科'],
  ].map((r) => r.map((v) => (v === null || v === undefined ? null : { value: String(v), type: String })));
  const buffer = await writeXlsxFile(edited).toBuffer();

  await page.getByRole('button', { name: '导入 Excel' }).click();
  const drawer = page.getByRole('dialog');
  await drawer.getByTestId('import-file').setInputFiles({ name: '登记表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
  await expect(drawer.getByRole('combobox', { name: 'IP 地址' })).toBeVisible();
  await shot(page, '40-import-mapping');
  await drawer.getByRole('button', { name: '下一步：预览' }).click();
  await expect(drawer.getByTestId('import-summary')).toHaveText('新增 1 台，更新 1 台，无变化 0 台，拒绝 3 行');
  await expect(drawer.getByTestId('reason-2')).toHaveText('修改：负责人');
  await expect(drawer.getByTestId('reason-4')).toHaveText('MAC 地址：MAC 地址与表中第 3 行重复');
  await expect(drawer.getByTestId('reason-5')).toHaveText('IP 地址：IP 地址每段应在 0–255 之间');
  await expect(drawer.getByTestId('reason-6')).toContainText('IP 地址与在用设备冲突：王芳（办公室）10.20.1.12');
  await shot(page, '41-import-preview');
  await drawer.getByRole('button', { name: '导入 2 台' }).click();
  await expect(page.getByText('导入完成：新增 1 台，更新 1 台')).toBeVisible();
  await expect(page.getByTestId('device-count')).toHaveText('共 3 / 3 台');
  await expect(page.getByRole('cell', { name: '李明明' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '00:1A:2B:3C:4D:13' })).toBeVisible();
});

test('a file that is not a spreadsheet is refused with a clear message', async () => {
  await page.getByRole('button', { name: '导入 Excel' }).click();
  const drawer = page.getByRole('dialog');
  await drawer.getByTestId('import-file').setInputFiles({ name: '登记表.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('not a zip') });
  await expect(drawer.getByText('无法读取该文件，请确认是 .xlsx 格式的 Excel 文件')).toBeVisible();
});
