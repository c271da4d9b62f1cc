import { test, expect, type Page } from '@playwright/test';
import { ADMIN, completeSetup, fillDevice, saveDrawer, shot, signIn } from './helpers';

// "校验数据完整性" sees what a page script does to IndexedDB behind the
// repository's back: a device edited in place, and one planted without a log
// entry, each named by its IP and owner.
test.describe.configure({ mode: 'serial' });

let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await (await browser.newContext()).newPage();
  await completeSetup(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await page.getByRole('button', { name: '登记设备' }).click();
  await fillDevice(page, { ip: '10.62.1.10', mac: 'AA-BB-CC-DD-EE-10', owner: '李明', office: '信息科', location: '三楼 302' });
  await saveDrawer(page);
  await expect(page.getByTestId('device-count')).toHaveText('共 1 / 1 台');
});

async function verify() {
  await page.getByRole('menuitem', { name: '数据完整性' }).click();
  await page.getByRole('button', { name: '校验数据完整性' }).click();
}

test('an untouched database passes, records and chain alike', async () => {
  await verify();
  await expect(page.getByText('数据完整，共 3 条变更记录')).toBeVisible();
  await expect(page.getByText('3 条在用记录均与变更日志中最后一次保存的内容一致')).toBeVisible();
});

test('a device edited and one added straight in IndexedDB are named by IP and owner', async () => {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('zwledger');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          const tx = idb.transaction('devices', 'readwrite');
          const store = tx.objectStore('devices');
          const all = store.getAll();
          all.onsuccess = () => {
            const [device] = all.result as Array<Record<string, unknown>>;
            store.put({ ...device, owner: '篡改者' });
            store.put({ ...device, id: 'planted-0001', ip: '10.62.1.99', mac: 'AA-BB-CC-DD-EE-99', owner: '冒名' });
          };
          tx.oncomplete = () => {
            idb.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await page.getByRole('button', { name: '校验数据完整性' }).click();
  // Toasts are alerts too; the finding is the one that speaks of the log.
  const alert = page.getByRole('alert').filter({ hasText: '变更日志' });
  await expect(alert).toContainText('有 2 条记录与变更日志不符');
  await expect(alert).toContainText('未记入日志 1 条，被改动 1 条，被删除 0 条');
  await expect(alert).toContainText('变更日志本身完整（共 3 条）');
  const edited = page.getByRole('row', { name: /10\.62\.1\.10 李明/ });
  await expect(edited).toContainText('入网计算机');
  await expect(edited).toContainText('与最后一次保存的内容不符');
  await expect(edited).toContainText('负责人：李明 → 篡改者');
  await expect(page.getByRole('row', { name: /10\.62\.1\.99 冒名/ })).toContainText('未记入变更日志');
  await expect(page.getByText('数据完整，共')).toBeHidden();
  await shot(page, 'integrity-tampered');
});
