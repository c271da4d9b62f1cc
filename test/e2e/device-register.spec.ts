import { test, expect, type Page } from '@playwright/test';
import { ADMIN, addAccount, chooseOption, fillAccountStep, fillDevice, fillPeopleStep, fillUnitStep, saveDrawer, shot, signIn, signOut } from './helpers';

// One journey of a unit administrator, in order, on one browser profile:
// setup → sign in → register devices → refusals → retire → history → lock →
// accounts → integrity → lockout → everything survives a reload.
test.describe.configure({ mode: 'serial' });

let page: Page;

test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext();
  page = await context.newPage();
});

const rows = () => page.getByTestId('grid-row');

test('first run: the setup wizard refuses a bad phone number, then registers the unit', async () => {
  await page.goto('/');
  await expect(page.getByText('首次使用：单位登记')).toBeVisible();
  await shot(page, '01-setup');
  // Step 1 cannot be skipped with empty fields.
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByText('请填写单位名称')).toBeVisible();
  await fillUnitStep(page);
  await fillPeopleStep(page, '1390933');
  await expect(page.getByText('电话号码格式不正确')).toBeVisible();
  await shot(page, '02-setup-bad-phone');
  await page.getByLabel('管理员电话').fill('0933-6621234');
  await page.getByRole('button', { name: '下一步' }).click();
  await fillAccountStep(page, 'short1');
  await expect(page.getByText('密码至少 8 位')).toBeVisible();
  await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('确认密码').fill(ADMIN.password);
  await page.getByRole('button', { name: '完成登记' }).click();
  // Setup makes the unit's key and hashes the password with a memory-hard function: slow on a busy machine.
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('庄浪县人民政府办公室')).toBeVisible();
});

test('sign in and register devices', async () => {
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { name: '入网计算机登记' })).toBeVisible();
  await page.getByRole('button', { name: '登记设备' }).click();
  await fillDevice(page, { ip: '10.62.1.10', mac: 'AA-BB-CC-DD-EE-10', owner: '李明', office: '信息科', location: '三楼 302' });
  await saveDrawer(page);
  await expect(rows()).toHaveCount(1);
  await expect(rows().first()).toContainText('AA:BB:CC:DD:EE:10');
  await expect(page.getByTestId('device-count')).toHaveText('共 1 / 1 台');
});

test('a duplicate IP is refused, naming the other device, and nothing is saved', async () => {
  await page.getByRole('button', { name: '登记设备' }).click();
  await fillDevice(page, { ip: '10.62.1.10', mac: 'AA-BB-CC-DD-EE-11', owner: '王芳', office: '秘书科' });
  await saveDrawer(page);
  await expect(page.getByText('IP 地址与在用设备冲突：李明（信息科）10.62.1.10')).toBeVisible();
  await shot(page, '03-duplicate-ip');
  await page.getByRole('dialog').getByLabel('IP 地址').fill('10.62.1.11');
  // A multicast MAC is refused with its reason beside the field.
  await page.getByRole('dialog').getByLabel('MAC 地址').fill('01-00-5E-00-00-01');
  await saveDrawer(page);
  await expect(page.getByText('组播 MAC 地址（首字节为奇数）不是网卡地址，不能登记')).toBeVisible();
  await page.getByRole('dialog').getByLabel('MAC 地址').fill('aa-bb-cc-dd-ee-zz');
  await saveDrawer(page);
  await expect(page.getByText('MAC 地址格式不正确')).toBeVisible();
  await shot(page, '04-bad-mac');
  await expect(page.getByTestId('device-count')).toHaveText('共 1 / 1 台');
  // Fixed, and an internet-capable PC without isolation card: saved with a violation mark.
  await page.getByRole('dialog').getByLabel('MAC 地址').fill('aabb.ccdd.ee11');
  // The refusal under the field goes as the value changes, and the fields below move up: click once they have.
  await expect(page.getByText('MAC 地址格式不正确')).toBeHidden();
  await page.getByRole('dialog').getByLabel('可上互联网').check();
  await expect(page.getByText('违规：上互联网未装隔离卡')).toBeVisible();
  await saveDrawer(page);
  await expect(rows()).toHaveCount(2);
  await expect(page.getByTestId('violation-tag')).toHaveCount(1);
});

test('search as you type and the violation filter', async () => {
  const search = page.getByPlaceholder('搜索 IP 前缀');
  await search.fill('aabbccddee11');
  await expect(rows()).toHaveCount(1);
  await expect(rows().first()).toContainText('10.62.1.11');
  await search.fill('10.62.1.1');
  await expect(rows()).toHaveCount(2);
  await search.fill('信息科');
  await expect(rows()).toHaveCount(1);
  // Pinyin being composed is not searched for; the chosen word is.
  await search.fill('');
  await expect(rows()).toHaveCount(2);
  await search.focus();
  const ime = await page.context().newCDPSession(page);
  await ime.send('Input.imeSetComposition', { text: 'wang', selectionStart: 4, selectionEnd: 4 });
  await expect(search).toHaveValue('wang');
  await expect(rows()).toHaveCount(2);
  await ime.send('Input.insertText', { text: '王' });
  await expect(search).toHaveValue('王');
  await expect(rows()).toHaveCount(1);
  await expect(rows().first()).toContainText('王芳');
  // Escape clears the box, and so does its clear button.
  await search.press('Escape');
  await expect(search).toHaveValue('');
  await expect(rows()).toHaveCount(2);
  await search.fill('10.62.1.11');
  await expect(rows()).toHaveCount(1);
  await page.getByRole('button', { name: '清除' }).click();
  await expect(search).toHaveValue('');
  await expect(rows()).toHaveCount(2);
  await page.getByRole('switch', { name: '只看违规' }).click();
  await expect(rows()).toHaveCount(1);
  await expect(rows().first()).toContainText('王芳');
  await shot(page, '05-violations');
  await page.getByRole('switch', { name: '只看违规' }).click();
  await expect(rows()).toHaveCount(2);
});

test('edit a device, then retire it with who cleared its configuration', async () => {
  const row = rows().filter({ hasText: '10.62.1.11' });
  await row.getByRole('button', { name: '编辑' }).click();
  await page.getByRole('dialog').getByLabel('已装网络隔离卡').check();
  await saveDrawer(page);
  await expect(page.getByTestId('violation-tag')).toHaveCount(0);

  await rows().filter({ hasText: '10.62.1.10' }).getByRole('button', { name: '退网' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: '退网' }).click();
  await expect(dialog.getByText('请填写退网原因')).toBeVisible();
  await dialog.getByLabel('退网原因').fill('改作他用，调往档案室');
  // The attestation starts unticked: the person ticks it.
  await dialog.getByLabel('已清除网络配置').check();
  await dialog.getByLabel('清除人').fill('李明');
  await shot(page, '06-retire');
  await dialog.getByRole('button', { name: '退网' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('device-count')).toHaveText('共 1 / 1 台');
  await chooseOption(page, '状态', '全部');
  await expect(rows()).toHaveCount(2);
  await expect(rows().filter({ hasText: '10.62.1.10' })).toContainText('已退网');
});

test('each device shows its history: who, when and what changed', async () => {
  await rows().filter({ hasText: '10.62.1.11' }).getByRole('button', { name: '变更记录' }).click();
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByTestId('history-entry')).toHaveCount(2);
  await expect(drawer.getByTestId('history-entry').nth(0)).toContainText('新建');
  await expect(drawer.getByTestId('history-entry').nth(1)).toContainText('修改');
  await expect(drawer.getByTestId('history-entry').nth(1)).toContainText('已装网络隔离卡');
  await expect(drawer.getByTestId('history-entry').nth(1)).toContainText('李明（admin）');
  // Which change it is, in words: never "rev 2".
  await expect(drawer.getByTestId('history-entry').nth(1)).toContainText('第 1 次修改');
  await expect(drawer.getByTestId('history-entry').nth(0)).toContainText(/第 \d+ 条变更记录/);
  await expect(drawer).not.toContainText('rev');
  await shot(page, '07-history');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
});

test('lock and unlock', async () => {
  await page.getByRole('button', { name: '锁定' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText('会话已锁定')).toBeVisible();
  await dialog.getByLabel('密码', { exact: true }).fill('wrong-pass1');
  await dialog.getByRole('button', { name: '解锁' }).click();
  await expect(dialog.getByText('用户名或密码错误')).toBeVisible();
  await shot(page, '08-locked');
  await dialog.getByLabel('密码', { exact: true }).fill(ADMIN.password);
  await dialog.getByRole('button', { name: '解锁' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: '入网计算机登记' })).toBeVisible();
});

test('the administrator adds a document officer account', async () => {
  await addAccount(page, { username: 'wangfang', name: '王芳', password: 'Wenshu2026' });
  await shot(page, '09-accounts');
});

test('the administrator renames an account and changes its role, and cannot leave the unit without an administrator', async () => {
  const row = page.getByRole('row', { name: /wangfang/ });
  await row.getByRole('button', { name: '修改' }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByLabel('姓名', { exact: true }).fill('王芳芳');
  await dialog.getByRole('combobox', { name: '角色' }).click();
  await page.locator('.ant-select-item-option[title="考核人员（市信息办）"]').click();
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText('王芳芳');
  await expect(row).toContainText('考核人员');
  // Back to document officer for the rest of the journey.
  await row.getByRole('button', { name: '修改' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: '角色' }).click();
  await page.locator('.ant-select-item-option[title="文档员"]').click();
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText('文档员');
  await expect(row).toContainText('王芳芳');

  await page.getByRole('row', { name: /admin/ }).getByRole('button', { name: '修改' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: '角色' }).click();
  await page.locator('.ant-select-item-option[title="值班人员"]').click();
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(dialog.getByText('至少保留一个在用的管理员账号')).toBeVisible();
  await shot(page, '09b-last-admin');
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(page.getByRole('row', { name: /admin/ })).toContainText('管理员');
});

test('integrity check reports an intact chain', async () => {
  await page.getByRole('menuitem', { name: '数据完整性' }).click();
  await page.getByRole('button', { name: '校验数据完整性' }).click();
  // unit + admin + 2 devices + edit + retire + document officer account + its two edits
  await expect(page.getByText('数据完整，共 9 条变更记录')).toBeVisible();
  await shot(page, '10-integrity');
});

test('five wrong passwords lock the account for five minutes', async () => {
  await signOut(page);
  for (let i = 1; i <= 4; i++) {
    await signIn(page, 'admin', `Wrong${i}pass`);
    await expect(page.locator('.ant-alert')).toContainText('用户名或密码错误');
  }
  await signIn(page, 'admin', 'Wrong5pass');
  await expect(page.locator('.ant-alert')).toContainText('账号已锁定');
  // Even the right password is refused while locked.
  await signIn(page, 'admin', ADMIN.password);
  await expect(page.locator('.ant-alert')).toContainText('账号已锁定');
  await shot(page, '11-lockout');
});

test('everything survives a reload; a document officer sees but cannot edit the register', async () => {
  await page.reload();
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
  await signIn(page, 'wangfang', 'Wenshu2026');
  // The document officer lands on the inbox checks, and may read the register.
  await expect(page.getByRole('heading', { name: '公文查收' })).toBeVisible();
  await page.getByRole('menuitem', { name: '入网计算机登记' }).click();
  await expect(page.getByRole('heading', { name: '入网计算机登记' })).toBeVisible();
  await expect(rows()).toHaveCount(1);
  await expect(page.getByRole('button', { name: '登记设备' })).toHaveCount(0);
  await expect(rows().first().getByRole('button', { name: '编辑' })).toHaveCount(0);
  await expect(page.getByRole('menuitem', { name: '账号管理' })).toHaveCount(0);
  await shot(page, '12-doc-officer');
});

test('every user changes their own password: the current one, then the new one twice', async () => {
  await page.getByTestId('user-menu').hover();
  await page.getByRole('menuitem', { name: '修改密码' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('当前密码').fill('NotMine2026');
  await dialog.getByLabel('新密码', { exact: true }).fill('Wenshu2027');
  await dialog.getByLabel('确认新密码').fill('Wenshu2028');
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(dialog.getByText('两次输入的密码不一致')).toBeVisible();
  await dialog.getByLabel('确认新密码').fill('Wenshu2027');
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(dialog.getByText('当前密码错误，再错 4 次账号将锁定 5 分钟')).toBeVisible();
  await shot(page, '12b-change-password');
  await dialog.getByLabel('当前密码').fill('Wenshu2026');
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('密码已修改')).toBeVisible();
  await signOut(page);
  await signIn(page, 'wangfang', 'Wenshu2026');
  await expect(page.locator('.ant-alert')).toContainText('用户名或密码错误');
  await signIn(page, 'wangfang', 'Wenshu2027');
  await expect(page.getByTestId('user-menu')).toContainText('王芳芳');
});

test('English is available and remembered', async () => {
  await page.getByText('English').click();
  await expect(page.getByRole('heading', { name: 'Networked computers' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await page.getByText('中文').click();
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
});
