import { expect, type Browser, type BrowserContextOptions, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

export const ADMIN = { username: 'admin', password: 'Zhuanwang2026' };

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync('test-results/screens', { recursive: true });
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: false });
}

/**
 * Types a date (or date and time) into a picker and commits it with Enter, as
 * a user does. Playwright types and presses faster than the picker re-renders,
 * and on a loaded machine the Enter can reach it before the typed text has:
 * the value is then not taken, and leaving the field puts the old one back.
 * So the entry is checked after leaving the field and made again until the
 * picker holds it.
 */
export async function enterDate(input: Locator, text: string): Promise<void> {
  await expect(async () => {
    await input.fill(text);
    await input.press('Enter');
    await input.blur();
    await expect(input).toHaveValue(text, { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
}

/** The wizard's three steps, each filled with valid data unless told otherwise. */
export interface UnitFields {
  name: string;
  code: string;
}

export const UNIT: UnitFields = { name: '庄浪县人民政府办公室', code: 'ZL-001' };

export async function fillUnitStep(page: Page, unit: UnitFields = UNIT): Promise<void> {
  await page.getByLabel('单位名称').fill(unit.name);
  await page.getByLabel('单位代码').fill(unit.code);
  await page.getByLabel('乡镇（故障 3 小时内到达）').check();
  await page.getByRole('button', { name: '下一步' }).click();
}

export async function fillPeopleStep(page: Page, adminPhone = '13909330001'): Promise<void> {
  await page.getByLabel('分管领导').fill('张建国');
  await page.getByLabel('承办科室').fill('信息科');
  await page.getByLabel('管理员姓名').fill('李明');
  await page.getByLabel('管理员电话').fill(adminPhone);
  await page.getByLabel('文档员姓名').fill('王芳');
  await page.getByLabel('文档员手机（须 24 小时开机）').fill('13909330002');
  await page.getByRole('button', { name: '下一步' }).click();
}

export async function fillAccountStep(page: Page, password = ADMIN.password): Promise<void> {
  await page.getByLabel('用户名', { exact: true }).fill(ADMIN.username);
  await page.getByLabel('姓名', { exact: true }).fill('李明');
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByLabel('确认密码').fill(password);
  await page.getByRole('button', { name: '完成登记' }).click();
}

/** The city information office, as the specs that exchange bundles and policies set it up. */
export const OFFICE: UnitFields = { name: '平凉市政务信息办公室', code: 'PL-XXB' };
export const AUDITOR = { username: 'kaohe', name: '考核员', password: 'Kaohe2026!' };

/** A new office PC: set up, an auditor account added by its administrator, and signed in as that auditor. */
export async function officeAsAuditor(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const office = await (await browser.newContext({ acceptDownloads: true, ...options })).newPage();
  await completeSetup(office, OFFICE);
  await signIn(office, ADMIN.username, ADMIN.password);
  await setIdleMinutes(office, 120);
  await addAccount(office, { ...AUDITOR, role: '考核人员（市信息办）' });
  await signOut(office);
  await signIn(office, AUDITOR.username, AUDITOR.password);
  return office;
}

/** A new unit: set up, signed in as its administrator, with one computer registered. */
export async function unitWithDevice(page: Page, device: DeviceFields): Promise<void> {
  await completeSetup(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await setIdleMinutes(page, 120);
  await page.getByRole('menuitem', { name: '入网计算机登记' }).click();
  await page.getByRole('button', { name: '登记设备' }).click();
  await fillDevice(page, device);
  await saveDrawer(page);
  await expect(page.getByRole('dialog')).toBeHidden();
}

/** Walks the first-run wizard with valid data. */
export async function completeSetup(page: Page, unit: UnitFields = UNIT): Promise<void> {
  await page.goto('/');
  await expect(page.getByText('首次使用：单位登记')).toBeVisible({ timeout: 30_000 });
  await fillUnitStep(page, unit);
  await fillPeopleStep(page);
  await fillAccountStep(page);
  // The first account's password is hashed with scrypt (N=2^17): seconds on a busy machine.
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible({ timeout: 60_000 });
}

/** The page each role's specs were written from, before every role landed on its home page (工作台). */
const WORK_PAGE: Record<string, string> = { admin: '入网计算机登记', duty: '入网计算机登记', docOfficer: '公文查收', auditor: '各单位汇总' };

/**
 * Signs in. Every role lands on its home page; unless `home` is asked for,
 * the helper then opens the page the role works from (the register, the
 * inbox checks, the units view), which is where the specs begin. A refused
 * sign-in stays on the sign-in page with its message.
 */
export async function signIn(page: Page, username: string, password: string, opts: { home?: boolean } = {}): Promise<void> {
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  const button = page.getByRole('button', { name: '登录' });
  await button.click();
  const home = page.getByTestId('home');
  // The sign-in card's own message, not a toast (a toast is an alert too): a refusal. A page named
  // in the address (the one the previous user was on) opens instead of the home page.
  const refused = page.locator('.signin-card').getByRole('alert');
  const signedIn = page.getByTestId('user-menu');
  await expect.poll(async () => (await home.isVisible()) || (await signedIn.isVisible()) || ((await button.isVisible()) && (await refused.isVisible())), { timeout: 20_000 }).toBe(true);
  if (opts.home || !(await home.isVisible())) return;
  const role = (await home.getAttribute('data-role')) ?? '';
  await page.getByRole('menuitem', { name: WORK_PAGE[role] }).click();
}

export interface DeviceFields {
  ip: string;
  mac: string;
  owner: string;
  office: string;
  location?: string;
  internet?: boolean;
  card?: boolean;
}

export async function fillDevice(page: Page, d: DeviceFields): Promise<void> {
  const drawer = page.getByRole('dialog');
  await drawer.getByLabel('IP 地址').fill(d.ip);
  await drawer.getByLabel('MAC 地址').fill(d.mac);
  await drawer.getByLabel('负责人').fill(d.owner);
  await drawer.getByLabel('科室').fill(d.office);
  if (d.location) await drawer.getByLabel('位置').fill(d.location);
  if (d.internet) await drawer.getByLabel('可上互联网').check();
  if (d.card) await drawer.getByLabel('已装网络隔离卡').check();
}

export async function saveDrawer(page: Page): Promise<void> {
  // "保存", or "loading 保存" while a save runs; never "保存为 PDF", which a record's detail offers beside it.
  await page.getByRole('dialog').getByRole('button', { name: /(^|\s)保存$/ }).click();
}

/**
 * Picks an option of the antd select named `name` and waits until the select shows it. A select clicked just as a
 * dialog closes can lose its dropdown to the dialog handing focus back, so the pick is retried until it took.
 */
export async function chooseOption(page: Page, name: string, option: string): Promise<void> {
  const box = page.getByRole('combobox', { name });
  const shown = page.locator('.ant-select', { has: box }).getByTitle(option, { exact: true });
  await expect(async () => {
    if ((await box.getAttribute('aria-expanded')) !== 'true') await box.click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle(option, { exact: true }).click({ timeout: 2_000 });
    await expect(shown).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}

/** The administrator adds an account from the accounts page. */
export async function addAccount(page: Page, a: { username: string; name: string; password: string; role?: string }): Promise<void> {
  await page.getByRole('menuitem', { name: '账号管理' }).click();
  await page.getByRole('button', { name: '新增账号' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('用户名', { exact: true }).fill(a.username);
  await dialog.getByLabel('姓名', { exact: true }).fill(a.name);
  await dialog.getByLabel('密码', { exact: true }).fill(a.password);
  await dialog.getByLabel('确认密码').fill(a.password);
  if (a.role) {
    await dialog.getByRole('combobox', { name: '角色' }).click();
    await page.getByTitle(a.role).click();
  }
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(page.getByRole('cell', { name: a.username })).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').hover();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
}

/** The administrator sets this PC's idle lock on the settings page. */
export async function setIdleMinutes(page: Page, minutes: number): Promise<void> {
  await page.getByRole('menuitem', { name: '设置' }).click();
  const idle = page.getByRole('spinbutton', { name: '无操作自动锁定（分钟）' });
  await idle.fill(String(minutes));
  await idle.blur();
  await expect(page.getByText('已保存').first()).toBeVisible();
}

/** Clicks something that downloads a file and returns where Playwright saved it. */
export async function downloaded(page: Page, click: () => Promise<void>): Promise<{ path: string; name: string }> {
  const waiting = page.waitForEvent('download');
  await click();
  const d = await waiting;
  return { path: await d.path(), name: d.suggestedFilename() };
}

export interface PrintedPdf {
  file: string;
  pages: number;
  /** `pdftotext -layout` of the whole document, and with all white space removed (Chinese lines break anywhere). */
  text: string;
  flat: string;
  /** One page's text. */
  pageText: (n: number) => string;
}

/**
 * Prints the page to PDF as Electron's printToPDF does (A4 from the CSS page,
 * print media), reads it back with poppler, and turns every page into a PNG
 * under test-results/screens/NAME-N.png to look at.
 */
export async function printedPdf(page: Page, name: string): Promise<PrintedPdf> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  mkdirSync('test-results/documents', { recursive: true });
  mkdirSync('test-results/screens', { recursive: true });
  const file = `test-results/documents/${name}.pdf`;
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  execFileSync('pdftoppm', ['-png', '-r', '60', file, `test-results/screens/${name}`]);
  const pageText = (n: number) => execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' });
  return { file, pages, text, flat: text.replace(/\s+/g, ''), pageText };
}
