import { test, expect, type Page } from '@playwright/test';
import { ADMIN, addAccount, completeSetup, enterDate, setIdleMinutes, shot, signIn, signOut } from './helpers';

// The document officer's day: the calendar decides the slots, the banner
// reminds as the clock moves, the dialog says how each check-in will count
// (on time, late, early), and the banner and day view follow at once.
test.describe.configure({ mode: 'serial' });

let page: Page;

/**
 * Moves the page's clock forward to a time of 24 November 2026, firing the
 * timers on the way. The clock runs on between steps, so each jump goes to
 * the exact minute rather than by an amount that would add up the drift.
 */
async function clockTo(hhmm: string): Promise<void> {
  const target = new Date(`2026-11-24T${hhmm}:00+08:00`).getTime();
  const now = await page.evaluate(() => Date.now());
  await page.clock.fastForward(Math.max(0, target - now));
}

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
  await clockTo('08:26');
  await expect(banner).toContainText('08:30 应查收电子公文，还有 4 分钟');
  await clockTo('08:31');
  await expect(banner).toContainText('现在该查收电子公文了（08:30）');
  await shot(page, '21-reminder-due');
});

test('one click checks in, and the reminder moves on', async () => {
  await page.getByTestId('reminder-banner').getByRole('button', { name: '查收签到' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('checkin-slot')).toHaveText('将计入 08:30（按时）');
  await dialog.getByLabel('收到公文（件）').fill('3');
  await shot(page, '22-checkin');
  await dialog.getByRole('button', { name: '查收签到' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('已签到 2026-11-24 08:31，计入 08:30（按时）')).toBeVisible();
  // At once, not at the next tick of a timer.
  await expect(page.getByTestId('reminder-banner')).toContainText('下一次查收：09:00', { timeout: 2000 });
});

test('compliance: on time; a slot is missed only once its late window has closed', async () => {
  await page.getByRole('menuitem', { name: '公文查收' }).click();
  await expect(page.getByTestId('slot-08:30')).toHaveText('按时');
  await expect(page.getByTestId('slot-09:00')).toHaveText('未到时间');
  await expect(page.getByTestId('unit-rate')).toContainText('100.0%');
  await clockTo('09:46'); // 09:00's window closed at 09:10, 10:00's opens at 09:50
  await expect(page.getByTestId('slot-09:00')).toHaveText('未查收，可迟查');
  await expect(page.getByTestId('reminder-banner')).toContainText('09:00 尚未查收，现在签到记为迟查');
  await expect(page.getByTestId('unit-rate')).toContainText('100.0%');
  await shot(page, '23-compliance-overdue');
  await clockTo('09:51');
  await expect(page.getByTestId('slot-09:00')).toHaveText('漏查');
  await expect(page.getByTestId('reminder-banner')).not.toContainText('09:00 尚未查收');
  await expect(page.getByTestId('unit-rate')).toContainText('50.0%');
  await shot(page, '23-compliance-day');
});

test('a past check-in needs its time and its reason, never a future time, and is shown as filled in', async () => {
  await page.keyboard.press('F8');
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('补录过去的查收').check();
  await dialog.getByRole('button', { name: '查收签到' }).click();
  await expect(dialog.getByText('请填写补录的查收时间')).toBeVisible();
  await expect(dialog.getByText('请填写补录原因')).toBeVisible();
  await shot(page, '28-checkin-backfill-refused');
  await enterDate(dialog.getByLabel('查收时间'), '2026-11-24 10:30');
  await dialog.getByLabel('补录原因').fill('9 点已查收，忘记签到');
  await dialog.getByRole('button', { name: '查收签到' }).click();
  await expect(dialog.getByText('补录时间晚于现在：只能补录已经做过的查收')).toBeVisible();
  await enterDate(dialog.getByLabel('查收时间'), '2026-11-24 09:02');
  await expect(dialog.getByTestId('checkin-slot')).toHaveText('将计入 09:00（按时）');
  await expect(dialog.getByText('补录时间晚于现在')).toBeHidden();
  await dialog.getByRole('button', { name: '查收签到' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('slot-09:00')).toHaveText('按时');
  await expect(page.getByRole('row', { name: /09:00/ })).toContainText('补录');
  await expect(page.getByTestId('unit-rate')).toContainText('100.0%');
});

test('a late check-in: the banner urges it, the dialog says it is late, both change at once', async () => {
  await clockTo('10:15');
  const banner = page.getByTestId('reminder-banner');
  await expect(banner).toContainText('10:00 尚未查收，现在签到记为迟查');
  await expect(page.getByTestId('slot-10:00')).toHaveText('未查收，可迟查');
  await banner.getByRole('button', { name: '查收签到' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('checkin-slot')).toHaveText('将计入 10:00（迟查）');
  await dialog.getByRole('button', { name: '查收签到' }).click();
  await expect(dialog).toBeHidden();
  await expect(banner).toContainText('下一次查收：11:00', { timeout: 2000 });
  await expect(page.getByTestId('slot-10:00')).toHaveText('迟查', { timeout: 2000 });
  await expect(page.getByRole('row', { name: /10:00/ })).toContainText('10:15');
  await expect(page.getByTestId('unit-rate')).toContainText('66.7%');
});

test('an early check-in: the dialog says it counts for no slot and asks; the day view shows it as early', async () => {
  await clockTo('10:35'); // 11:00's window opens at 10:50
  await page.keyboard.press('F8');
  const dialog = page.getByRole('dialog', { name: '查收电子公文签到' });
  await expect(dialog.getByTestId('checkin-slot')).toHaveText('10:35 早于 11:00 的签到时间（10:50 起），不计入任何时段。');
  await dialog.getByRole('button', { name: '查收签到' }).click();
  const confirm = page.getByRole('dialog', { name: '本次签到不计入任何时段' });
  await expect(confirm).toContainText('10:35 早于 11:00 的签到时间（10:50 起），不计入任何时段。仍要签到吗？');
  await shot(page, '25-checkin-early');
  // Cancelled: nothing saved, the check-in dialog still open.
  await confirm.getByRole('button', { name: '取消' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('uncounted-10:35')).toHaveCount(0);
  await dialog.getByRole('button', { name: '查收签到' }).click();
  await page.getByRole('dialog', { name: '本次签到不计入任何时段' }).getByRole('button', { name: '仍要签到' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('已签到 2026-11-24 10:35，不计入任何时段')).toBeVisible();
  await expect(page.getByTestId('uncounted-10:35')).toHaveText('提前', { timeout: 2000 });
  await expect(page.getByRole('row', { name: /10:35/ })).toContainText('早于 11:00 的签到时间（10:50 起），不计入');
  await expect(page.getByTestId('slot-11:00')).toHaveText('未到时间');
  await expect(page.getByTestId('reminder-banner')).toContainText('下一次查收：11:00');
  await expect(page.getByTestId('unit-rate')).toContainText('66.7%');
  await shot(page, '26-compliance-early');
});

test('the month shows each day on the heat map; a holiday has no slots', async () => {
  await page.getByTitle('月', { exact: true }).click();
  await expect(page.getByTestId('heat-2026-11-24')).toContainText('66.7%');
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

test('a day in a year whose calendar is not loaded: the dialog says so too, and the check-in waits for the calendar', async ({ browser }) => {
  const other = await (await browser.newContext()).newPage();
  // Tuesday 2 March 2027 on a PC whose unit has only the bundled calendars (to 2026), set up before work.
  await other.clock.install({ time: new Date('2027-03-02T08:00:00+08:00') });
  await completeSetup(other);
  await signIn(other, ADMIN.username, ADMIN.password);
  await setIdleMinutes(other, 120);
  await addAccount(other, { username: 'wangfang', name: '王芳', password: 'Wenshu2026' });
  await signOut(other);
  await signIn(other, 'wangfang', 'Wenshu2026');
  const nineOhThree = new Date('2027-03-02T09:03:00+08:00').getTime();
  await other.clock.fastForward(nineOhThree - (await other.evaluate(() => Date.now())));
  await expect(other.getByTestId('reminder-banner')).toContainText('2027 年工作日历未加载，无法提醒');
  await other.keyboard.press('F8');
  const dialog = other.getByRole('dialog');
  await expect(dialog.getByTestId('checkin-slot')).toHaveText('2027 年工作日历未加载，无法判断今天是否工作日：签到会保存，加载日历后再计入相应时段。');
  await expect(dialog).not.toContainText('今天不是工作日');
  await shot(other, '27-checkin-no-calendar');
  await dialog.getByRole('button', { name: '查收签到' }).click();
  await expect(dialog).toBeHidden();
  await other.getByRole('menuitem', { name: '公文查收' }).click();
  await expect(other.getByTestId('day-note')).toContainText('2027 年工作日历未加载');
  await expect(other.getByTestId('uncounted-09:03')).toHaveText('待定');
  // Once the administrator loads 2027, the saved check-in counts for its slot.
  await signOut(other);
  await signIn(other, ADMIN.username, ADMIN.password);
  await other.getByRole('menuitem', { name: '工作日历' }).click();
  const calendar2027 = { years: [{ year: 2027, holidays: ['2027-01-01'], workdays: [], source: '市信息办' }] };
  await other.getByTestId('calendar-file').setInputFiles({ name: '2027.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(calendar2027)) });
  await expect(other.getByRole('cell', { name: '市信息办' })).toBeVisible();
  await other.getByRole('menuitem', { name: '公文查收' }).click();
  await expect(other.getByTestId('slot-09:00')).toHaveText('按时');
  await expect(other.getByRole('row', { name: /09:00/ })).toContainText('09:03');
  await other.context().close();
});
