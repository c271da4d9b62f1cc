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
  await expect(drawer.getByTestId('reason-2')).toHaveText('修改：负责人由“李明”改为“李明明”');
  await expect(drawer.getByTestId('reason-4')).toHaveText('MAC 地址：MAC 地址与表中第 3 行重复');
  await expect(drawer.getByTestId('reason-5')).toHaveText('IP 地址：IP 地址每段应在 0–255 之间');
  await expect(drawer.getByTestId('reason-6')).toContainText('IP 地址与在用设备冲突：王芳（办公室）10.20.1.12');
  await shot(page, '41-import-preview');
  // The refused rows come back as a file with their reasons, to fix and import again.
  const refusedFile = page.waitForEvent('download');
  await drawer.getByRole('button', { name: '下载被拒绝的 3 行' }).click();
  const refused = (await readSheet(await readFile(await (await refusedFile).path()))) as (string | number | null)[][];
  expect(refused[3]!.slice(-2)).toEqual(['原表行号', '拒绝原因']);
  expect(refused.slice(4).map((r) => [r[0], r.at(-2), r.at(-1)])).toEqual([
    ['10.20.1.14', 4, 'MAC 地址：MAC 地址与表中第 3 行重复'],
    ['10.20.1.300', 5, 'IP 地址：IP 地址每段应在 0–255 之间'],
    ['10.20.1.12', 6, expect.stringContaining('IP 地址与在用设备冲突：王芳（办公室）10.20.1.12')],
  ]);
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

function xlsx(rows: (string | null)[][]): Promise<Buffer> {
  return writeXlsxFile(rows.map((r) => r.map((v) => (v === null ? null : { value: v, type: String })))).toBuffer();
}

async function pick(name: string, buffer: Buffer) {
  const drawer = page.getByRole('dialog');
  await drawer.getByTestId('import-file').setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
  return drawer;
}

test('an old .xls is sent back to be saved as .xlsx, and the drawer takes the next file without a reload', async () => {
  const ole = Buffer.alloc(2048);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
  let drawer = await pick('登记表.et', ole);
  await expect(drawer.getByText('另存为” .xlsx 格式')).toBeVisible();
  drawer = await pick('登记表.xlsx', ole);
  await expect(drawer.getByText('另存为” .xlsx 格式')).toBeVisible();
  drawer = await pick('登记表.xlsx', await xlsx([['IP 地址', 'MAC 地址', '负责人', '科室'], ['10.20.1.40', '00-1A-2B-3C-4D-40', '吴十', '信息科']]));
  await expect(drawer.getByRole('combobox', { name: 'IP 地址' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
});

test('a sheet without the compliance columns leaves them as registered', async () => {
  await page.getByRole('button', { name: '登记设备' }).click();
  await fillDevice(page, { ip: '10.20.1.21', mac: '00-1A-2B-3C-4D-21', owner: '郑一', office: '信息科', internet: true, card: true });
  await saveDrawer(page);
  await expect(page.getByRole('dialog')).toBeHidden();

  await page.getByRole('button', { name: '导入 Excel' }).click();
  const drawer = await pick('WPS登记.xlsx', await xlsx([['IP地址', 'MAC地址', '使用人', '部门'], ['10.20.1.21', '00-1A-2B-3C-4D-21', '郑一一', '信息科']]));
  await drawer.getByRole('button', { name: '下一步：预览' }).click();
  await expect(drawer.getByTestId('import-summary')).toHaveText('新增 0 台，更新 1 台，无变化 0 台，拒绝 0 行');
  await expect(drawer.getByTestId('reason-2')).toHaveText('修改：负责人由“郑一”改为“郑一一”');
  await drawer.getByRole('button', { name: '导入 1 台' }).click();
  await expect(page.getByText('导入完成：新增 0 台，更新 1 台')).toBeVisible();
  const stored = await registered(page, '00:1A:2B:3C:4D:21');
  expect(stored).toMatchObject({ owner: '郑一一', internetCapable: true, isolationCard: true, rev: 2 });
});

/** A device as the register holds it, read from the page's own database. */
async function registered(p: Page, mac: string): Promise<Record<string, unknown> | undefined> {
  return p.evaluate(async (m) => {
    const open = indexedDB.open('zwledger');
    const idb = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
      const req = idb.transaction('devices').objectStore('devices').getAll();
      req.onsuccess = () => resolve(req.result as Record<string, unknown>[]);
      req.onerror = () => reject(req.error);
    });
    idb.close();
    return all.find((d) => d.mac === m && d.retiredAt === null);
  }, mac);
}

test('20,000 rows, the documented cap: read, preview, apply, counted and sampled', async () => {
  test.setTimeout(180_000);
  const N = 20_000;
  const header = ['IP 地址', 'MAC 地址', '负责人', '科室', '位置', '设备类型', '状态', '专机专用', '可上互联网', '隔离卡', '备注'];
  const ipOf = (i: number) => `10.${30 + Math.floor(i / 62500)}.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`;
  const macOf = (i: number) => `02-7A-00-${((i >> 16) & 255).toString(16).padStart(2, '0')}-${((i >> 8) & 255).toString(16).padStart(2, '0')}-${(i & 255).toString(16).padStart(2, '0')}`.toUpperCase();
  const rows = Array.from({ length: N }, (_, i) => [ipOf(i), macOf(i), `负责人${i}`, ['办公室', '信息科', '财务科'][i % 3]!, `${(i % 9) + 1} 楼`, i % 7 === 0 ? '笔记本' : '台式机', '在用', '是', i % 50 === 0 ? '是' : '否', i % 50 === 0 ? '是' : '否', '']);
  const started = Date.now();
  const drawer = await (async () => {
    await page.getByRole('button', { name: '导入 Excel' }).click();
    return pick('两万行.xlsx', await xlsx([['入网计算机登记'], ['庄浪县'], [], header, ...rows]));
  })();
  await expect(drawer.getByRole('combobox', { name: 'IP 地址' })).toBeVisible({ timeout: 30_000 });
  await drawer.getByRole('button', { name: '下一步：预览' }).click();
  await expect(drawer.getByTestId('import-summary')).toHaveText(`新增 ${N} 台，更新 0 台，无变化 0 台，拒绝 0 行`, { timeout: 30_000 });
  await shot(page, '42-import-20000-preview');
  await drawer.getByRole('button', { name: `导入 ${N} 台` }).click();
  await expect(page.getByText(`导入完成：新增 ${N} 台，更新 0 台`)).toBeVisible({ timeout: 120_000 });
  const before = 3 + 1; // the first test's three devices and the compliance test's one
  await expect(page.getByTestId('device-count')).toHaveText(`共 ${before + N} / ${before + N} 台`);
  for (const i of [0, 49, 50, 12_345, N - 1]) {
    expect(await registered(page, macOf(i).replace(/-/g, ':'))).toMatchObject({ ip: ipOf(i), owner: `负责人${i}`, kind: i % 7 === 0 ? 'laptop' : 'desktop', internetCapable: i % 50 === 0, isolationCard: i % 50 === 0, location: `${(i % 9) + 1} 楼` });
  }
  console.log(`20,000-row import through the UI: ${Date.now() - started} ms`);
});

test('one row over the cap is refused while reading, with the limit named', async () => {
  const rows = Array.from({ length: 20_011 }, (_, i) => [`10.40.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`, 'x', 'y', 'z']);
  await page.getByRole('button', { name: '导入 Excel' }).click();
  const drawer = await pick('太多行.xlsx', await xlsx([['IP 地址', 'MAC 地址', '负责人', '科室'], ...rows]));
  await expect(drawer.getByText('表格超过 20000 行，请拆分后分批导入')).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('Escape');
});
