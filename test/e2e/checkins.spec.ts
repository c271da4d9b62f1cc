import { test, expect, type Page } from '@playwright/test';
import { ADMIN, addAccount, completeSetup, setIdleMinutes, shot, signIn, signOut } from './helpers';

// The document officer's day: the calendar decides the slots, the banner
// reminds as the clock moves, a check-in changes the compliance figure.
test.describe.configure({ mode: 'serial' });

let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await (await browser.newContext()).newPage();
  // Tuesday 24 November 2026, 08:20 in Gansu: a working day on winter hours.
  await page.clock.install({ time: new Date('2026-11-24T08:20:00+08:00') });
});

test('the administrator sees the slots of a day, a holiday without any, and loads next year\'s calendar', async () => {
  await completeSetup(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  // This PC's idle lock at two hours, so the jumps of the clock below don't lock it.
  await setIdleMinutes(page, 120);
  await page.getByRole('menuitem', { name: '工作日历' }).click();
  await expect(page.getByTestId('slot-preview')).toContainText('08:30');
  await expect(page.getByTestId('slot-preview')).toContainText('17:30');
  await page.getByRole('textbox', { name: '查看某日应查收时间' }).fill('2026-10-01');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('slot-preview')).toContainText('法定节假日，无应查收时间');
  await expect(page.getByText('2027 年日历未加载').first()).toBeVisible();

  await page.getByTestId('calendar-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"years":[{"year":2027,"holidays":["2026-12-31"],"workdays":[],"source":"x"}]}') });
  await expect(page.getByText('无法读取日历文件：日期不存在或不属于该年份')).toBeVisible();
  const calendar2027 = { years: [{ year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: ['2027-01-04'], source: '市信息办' }] };
  await page.getByTestId('calendar-file').setInputFiles({ name: '2027.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(calendar2027)) });
  await expect(page.getByRole('cell', { name: '市信息办' })).toBeVisible();
  await shot(page, '20-calendar');

  // The administrator adds the document officer, then hands over the PC.
  await addAccount(page, { username: 'wangfang', name: '王芳', password: 'Wenshu2026' });
  await signOut(page);
  await signIn(page, 'wangfang', 'Wenshu2026');
});

test('the banner reminds before and at the slot', async () => {
  const banner = page.getByTestId('reminder-banner');
  await expect(banner).toContainText('下一次查收：08:30');
  await page.clock.fastForward('06:00'); // 08:26
  await expect(banner).toContainText('08:30 应查收电子公文，还有 4 分钟');
  await page.clock.fastForward('05:00'); // 08:31
  await expect(banner).toContainText('现在该查收电子公文了（08:30）');
  await shot(page, '21-reminder-due');
});

test('one click checks in, and the reminder moves on', async () => {
  await page.getByTestId('reminder-banner').getByRole('button', { name: '查收签到' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('checkin-slot')).toContainText('08:30');
  await dialog.getByLabel('收到公文（件）').fill('3');
  await shot(page, '22-checkin');
  await dialog.getByRole('button', { name: '查收签到' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('reminder-banner')).toContainText('下一次查收：09:00');
});

test('compliance: on time, then a missed slot lowers the rate', async () => {
  await page.getByRole('menuitem', { name: '公文查收' }).click();
  await expect(page.getByTestId('slot-08:30')).toHaveText('按时');
  await expect(page.getByTestId('slot-09:00')).toHaveText('未到时间');
  await expect(page.getByTestId('unit-rate')).toContainText('100.0%');
  await page.clock.fastForward('01:15:00'); // 09:46
  await expect(page.getByTestId('slot-09:00')).toHaveText('漏查');
  await expect(page.getByTestId('unit-rate')).toContainText('50.0%');
  await shot(page, '23-compliance-day');
});

test('a past check-in must say why, and is shown as filled in', async () => {
  await page.keyboard.press('F8');
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('补录过去的查收').check();
  await dialog.getByLabel('查收时间').fill('2026-11-24 09:02');
  await dialog.getByLabel('查收时间').press('Enter');
  await dialog.getByRole('button', { name: '查收签到' }).click();
  await expect(dialog.getByText('补录过去的签到须填写原因')).toBeVisible();
  await dialog.getByLabel('补录原因').fill('9 点已查收，忘记签到');
  await dialog.getByRole('button', { name: '查收签到' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('slot-09:00')).toHaveText('按时');
  await expect(page.getByRole('row', { name: /09:00/ })).toContainText('补录');
  await expect(page.getByTestId('unit-rate')).toContainText('100.0%');
});

test('the month shows each day on the heat map; a holiday has no slots', async () => {
  await page.getByTitle('月', { exact: true }).click();
  await expect(page.getByTestId('heat-2026-11-24')).toContainText('100.0%');
  await expect(page.getByTestId('heat-2026-11-23')).toContainText('—');
  await expect(page.getByTestId('heat-2026-11-22')).toContainText('—'); // before the unit began
  await expect(page.getByTestId('heat-2026-11-28')).toContainText('休');
  await shot(page, '24-compliance-month');
  await page.getByTitle('日', { exact: true }).click();
  // New Year 2027, from the calendar the administrator imported.
  await page.getByRole('textbox', { name: '日期' }).fill('2027-01-01');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('day-note')).toContainText('休息日，无应查收时间');
  await page.getByRole('textbox', { name: '日期' }).fill('2028-03-01');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('day-note')).toContainText('2028 年工作日历未加载');
});
