import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { ADMIN, addAccount, completeSetup, downloaded, setIdleMinutes, shot, signIn, signOut } from './helpers';

// The office marks next year's holidays and adjusted working days by clicking
// days, before the State Council's calendar reaches the app, and publishes
// the year in its signed policy.
test.describe.configure({ mode: 'serial' });

const OFFICE = { name: '平凉市政务信息办公室', code: 'PL-XXB' };
const AUDITOR = { username: 'kaohe', name: '考核员', password: 'Kaohe2026!' };
let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.clock.install({ time: new Date('2026-11-24T09:00:00+08:00') });
  await completeSetup(page, OFFICE);
  await signIn(page, ADMIN.username, ADMIN.password);
  await setIdleMinutes(page, 120);
  await addAccount(page, { ...AUDITOR, role: '考核人员（市信息办）' });
  await signOut(page);
  await signIn(page, AUDITOR.username, AUDITOR.password);
});

test('the office clicks 2027’s holidays and adjusted days, saves the year and publishes it in the policy', async () => {
  await page.getByRole('menuitem', { name: '签发政策包' }).click();
  await page.getByRole('button', { name: '编辑节假日与调休' }).click();
  const drawer = page.getByRole('dialog');
  // 2026 ships with the app: editing starts from the State Council's year.
  await drawer.getByRole('combobox', { name: '年份' }).click();
  await page.getByTitle('2026 年').click();
  await expect(drawer.getByTestId('caledit-start')).toHaveText('从软件内置的国务院安排开始修改');
  await expect(drawer.getByRole('button', { name: '2026-10-01 放假' })).toBeVisible();
  await expect(drawer.getByRole('button', { name: '2026-09-20 调休上班' })).toBeVisible();

  // 2027 is not loaded: weekends only, then the clicks.
  await drawer.getByRole('combobox', { name: '年份' }).click();
  await page.getByTitle('2027 年').click();
  await expect(drawer.getByTestId('caledit-start')).toContainText('该年尚无日历');
  await expect(drawer.getByTestId('caledit-summary')).toHaveText('放假 0 天，调休上班 0 天');
  await expect(drawer.getByRole('button', { name: '2027-01-02 周末' })).toBeVisible();
  await drawer.getByRole('button', { name: '2027-01-01 工作日' }).click(); // a Friday
  await drawer.getByRole('button', { name: '2027-01-02 周末' }).click(); // a Saturday inside the break
  await drawer.getByRole('button', { name: '2027-01-03 周末' }).click();
  for (let i = 0; i < 2; i++) await drawer.getByRole('button', { name: /^2027-02-06 / }).click(); // a Saturday worked
  await drawer.getByRole('button', { name: '2027-03-01 工作日' }).click(); // a slip…
  await drawer.getByRole('button', { name: '2027-03-01 放假' }).click(); // …clicked back
  await expect(drawer.getByRole('button', { name: '2027-01-01 放假' })).toHaveAttribute('data-mark', 'holiday');
  await expect(drawer.getByRole('button', { name: '2027-02-06 调休上班' })).toBeVisible();
  await expect(drawer.getByRole('button', { name: '2027-03-01 工作日' })).toBeVisible();
  await expect(drawer.getByTestId('caledit-summary')).toHaveText('放假 3 天，调休上班 1 天');
  await shot(page, 'calendar-editor');
  await drawer.getByRole('button', { name: '保存 2027 年日历' }).click();
  await expect(page.getByText('已保存 2027 年日历')).toBeVisible();
  await expect(drawer).toBeHidden();
  await expect(page.getByRole('checkbox', { name: '2027' })).toBeChecked();

  // Reopened, the year starts from what was saved.
  await page.getByRole('button', { name: '编辑节假日与调休' }).click();
  await expect(page.getByRole('dialog').getByTestId('caledit-start')).toHaveText('从已载入的日历（平凉市政务信息办公室）开始修改');
  await expect(page.getByRole('dialog').getByTestId('caledit-summary')).toHaveText('放假 3 天，调休上班 1 天');
  await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();

  // Signed into the policy (the first time the key's administrator lets the auditor in once).
  await page.getByLabel('您的登录密码').fill(AUDITOR.password);
  await page.getByRole('button', { name: '签名并导出政策包' }).click();
  await expect(page.getByTestId('issue-result')).toContainText('本账号还不能打开本单位的签名密钥');
  await page.getByLabel('密钥管理员的密码（仅首次授权）').fill(ADMIN.password);
  const file = await downloaded(page, () => page.getByRole('button', { name: '签名并导出政策包' }).click());
  const policy = JSON.parse(strFromU8(unzipSync(new Uint8Array(readFileSync(file.path)))['policy.json']!)) as { calendar: { year: number; holidays: string[]; workdays: string[]; source: string }[] };
  expect(policy.calendar.find((y) => y.year === 2027)).toEqual({ year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: ['2027-02-06'], source: '平凉市政务信息办公室' });
  await shot(page, 'calendar-editor-published');
});
