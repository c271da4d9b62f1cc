import { test, expect, type Page } from '@playwright/test';
import writeXlsxFile from 'write-excel-file/node';
import { ADMIN, addAccount, enterDate, fillAccountStep, fillPeopleStep, fillUnitStep, fillDevice, printedPdf, saveDrawer, setIdleMinutes, shot, signIn, signOut, type PrintedPdf } from './helpers';

// The unit's paper: every A4 form it signs and files, printed from where its
// records are, each with the unit, the period, "第 N 页 共 M 页" and the lines
// to sign. Records are entered through the app as a user would.
test.describe.configure({ mode: 'serial' });

let page: Page;
const UNIT_NAME = '庄浪县人民政府办公室';
const DEVICES = 49;

async function open(name: string) {
  await page.getByRole('menuitem', { name }).click();
}

async function addRecord(button: string) {
  await page.getByRole('button', { name: button }).click();
  return page.getByRole('dialog');
}

/** Moves the page's clock to a time of 7 December 2026, firing the timers on the way there. */
async function clockTo(hhmm: string): Promise<void> {
  const target = new Date(`2026-12-07T${hhmm}:00+08:00`).getTime();
  const now = await page.evaluate(() => Date.now());
  // The installed clock runs on in real time: on a busy machine the earlier forms can take the page past the
  // time wanted, and a check-in meant for 08:31 was then recorded at 08:33. Then the clock is set back to it.
  if (target >= now) await page.clock.fastForward(target - now);
  else await page.clock.setSystemTime(target);
}

/** What every form carries: the unit, its period, its page numbers and a date line to sign against. */
function expectFormFrame(pdf: PrintedPdf, period: string) {
  expect(pdf.flat).toContain(`单位：${UNIT_NAME}`);
  expect(pdf.flat).toContain(period.replace(/\s+/g, ''));
  for (let n = 1; n <= pdf.pages; n++) expect(pdf.pageText(n).replace(/\s+/g, '')).toContain(`第${n}页共${pdf.pages}页`);
  expect(pdf.flat).toContain('日期：年月日');
  // Nothing of the app's screen is printed.
  expect(pdf.flat).not.toContain('保存为PDF');
  expect(pdf.flat).not.toContain('数据完整性');
}

/** Opens the print dialog of a form. */
async function openPaper(button: string) {
  await page.getByRole('button', { name: button }).click();
  const dialog = page.getByRole('dialog', { name: button });
  await expect(dialog).toBeVisible();
  return dialog;
}

test.beforeAll(async ({ browser }) => {
  page = await (await browser.newContext()).newPage();
  await page.setViewportSize({ width: 1366, height: 768 });
  // Monday 7 December 2026, 08:20 in Gansu: a working day on winter hours.
  await page.clock.install({ time: new Date('2026-12-07T08:20:00+08:00') });
  // The wizard as completeSetup walks it, with time for the password hash on a machine shared by many runs.
  await page.goto('/');
  await fillUnitStep(page);
  await fillPeopleStep(page);
  await fillAccountStep(page);
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible({ timeout: 60_000 });
  await signIn(page, ADMIN.username, ADMIN.password);
  await setIdleMinutes(page, 120);
});

test('the register is seeded from a spreadsheet, swept for viruses, and one PC on the internet is added without a card', async () => {
  await open('入网计算机登记');
  const rows = [
    ['IP 地址', 'MAC 地址', '负责人', '科室', '位置'],
    ...Array.from({ length: DEVICES }, (_, i) => [`10.20.1.${i + 11}`, `00-1A-2B-3C-4D-${(i + 16).toString(16).toUpperCase().padStart(2, '0')}`, `职工${i + 1}`, i % 2 ? '办公室' : '信息科', `三楼 ${301 + (i % 9)}`]),
  ].map((r) => r.map((v) => ({ value: v, type: String })));
  const buffer = await writeXlsxFile(rows).toBuffer();
  await page.getByRole('button', { name: '导入 Excel' }).click();
  const drawer = page.getByRole('dialog');
  await drawer.getByTestId('import-file').setInputFiles({ name: '登记表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
  await drawer.getByRole('button', { name: '下一步：预览' }).click();
  await drawer.getByRole('button', { name: `导入 ${DEVICES} 台` }).click();
  await expect(page.getByTestId('device-count')).toHaveText(`共 ${DEVICES} / ${DEVICES} 台`);

  await open('病毒查杀');
  const dialog = await addRecord('新增查杀记录');
  await dialog.getByRole('button', { name: `选择全部 ${DEVICES} 台在用设备` }).click();
  await dialog.getByLabel('查杀工具').fill('奇安信天擎');
  await dialog.getByLabel('病毒库版本').fill('2026.12.03.01');
  await enterDate(dialog.getByLabel('查杀日期'), '2026-12-04');
  await enterDate(dialog.getByLabel('病毒库日期'), '2026-12-03');
  await saveDrawer(page);
  await expect(dialog).toBeHidden();

  await open('入网计算机登记');
  await page.getByRole('button', { name: '登记设备' }).click();
  await fillDevice(page, { ip: '10.20.1.200', mac: '00-1A-2B-3C-4E-00', owner: '赵六', office: '财务科', internet: true });
  await saveDrawer(page);
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByText('违规 1 台')).toBeVisible();
});

test('入网计算机登记表: every device in use over two pages, the header on each, the violation marked', async () => {
  const dialog = await openPaper('打印入网计算机登记表');
  await expect(dialog.getByTestId('paper-summary')).toHaveText(`截至 2026-12-07：共 ${DEVICES + 1} 条记录`);
  await shot(page, '90-paper-dialog-register');
  const pdf = await printedPdf(page, '91-register');
  expect(pdf.pages).toBeGreaterThanOrEqual(2);
  expectFormFrame(pdf, '截至 2026-12-07');
  expect(pdf.flat).toContain('入网计算机登记表');
  expect(pdf.flat).toContain('10.20.1.11');
  expect(pdf.flat).toContain(`10.20.1.${DEVICES + 10}`);
  expect(pdf.flat).toContain('10.20.1.200');
  expect(pdf.flat).toMatch(/赵六财务科.*违规：上互联网未装隔离卡/);
  expect(pdf.flat).toContain(`在用设备${DEVICES + 1}台，其中违规1台`);
  // The table's header row again at the top of the second page.
  expect(pdf.pageText(2).replace(/\s+/g, '')).toMatch(/IP地址MAC地址负责人科室/);
  for (const label of ['填表人：', '审核人：', '分管领导：']) expect(pdf.flat).toContain(label);
  await dialog.getByRole('button', { name: '取消' }).click();
});

test('病毒查杀记录 for a period, with the coverage on its last day', async () => {
  await open('病毒查杀');
  const dialog = await openPaper('打印病毒查杀记录');
  await expect(dialog.getByTestId('paper-summary')).toHaveText(`2026-12-01 至 2026-12-07：共 ${DEVICES} 条记录`);
  const pdf = await printedPdf(page, '92-scans');
  expectFormFrame(pdf, '2026-12-01 至 2026-12-07');
  expect(pdf.flat).toContain('病毒查杀记录');
  expect(pdf.flat).toContain('2026-12-0410.20.1.11职工1奇安信天擎');
  expect(pdf.flat).toContain('截至2026-12-07的查杀覆盖情况');
  expect(pdf.flat).toContain(`在用设备${DEVICES + 1}台，达标${DEVICES}台`);
  expect(pdf.flat).toMatch(/10\.20\.1\.200赵六财务科从未从未查杀/);
  expect(pdf.pageText(2).replace(/\s+/g, '')).toContain('查杀日期IP地址负责人查杀工具');
  await dialog.getByRole('button', { name: '取消' }).click();
});

test('维修单 from a fault ticket, and the month\'s 核减报告 per maintainer', async () => {
  await open('维护单位');
  let dialog = await addRecord('新增维护单位');
  await dialog.getByLabel('单位名称').fill('中国电信庄浪分公司');
  await dialog.getByLabel('月租赁费（元）').fill('3000');
  await saveDrawer(page);
  await expect(dialog).toBeHidden();

  await open('故障报修');
  dialog = await addRecord('新增故障报修');
  await enterDate(dialog.getByLabel('报修时间'), '2026-12-07 04:00');
  await dialog.getByLabel('故障现象').fill('信息科专网无法访问市政务平台');
  await saveDrawer(page);
  await expect(dialog).toBeHidden();
  const row = page.getByTestId('grid-row').first();
  // Three urges while waiting, each its own time after the one before, then the technician's arrival (now, late).
  const urges = ['2026-12-07 05:10', '2026-12-07 05:20', '2026-12-07 05:30'];
  for (const [i, time] of urges.entries()) {
    await row.getByRole('button', { name: '督促' }).click();
    await enterDate(page.getByRole('dialog').last().getByLabel('督促时间'), time);
    await saveDrawer(page);
    await expect(row.getByTestId('stage')).toHaveText(`已督促 ${i + 1} 次`);
  }
  await row.getByRole('button', { name: '到达', exact: true }).click();
  await saveDrawer(page);
  await expect(row.getByTestId('stage')).toHaveText('已到达');
  await expect(row.getByTestId('consequence')).toHaveText('建议核减 5–10%（督促三次仍未按时到达）');
  await row.getByRole('button', { name: '编辑' }).click();
  dialog = page.getByRole('dialog');
  // Resolved this minute: after the urges, so all three count as made while waiting.
  const minute = await page.evaluate(() => {
    const d = new Date();
    return `2026-12-07 ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  });
  await enterDate(dialog.getByLabel('故障排除时间'), minute);
  await dialog.getByLabel('处理结果').fill('更换光猫电源适配器，线路恢复');
  await dialog.getByRole('combobox', { name: '故障原因' }).click();
  await page.getByTitle('停电或电源故障').click();
  await dialog.getByLabel('维修内容').fill('检测光猫，更换电源适配器，测试访问正常');
  await dialog.getByLabel('核减比例（%）').fill('8');
  await saveDrawer(page);
  await expect(dialog).toBeHidden();

  await row.getByRole('button', { name: '详情' }).click();
  await expect(page.getByRole('button', { name: '打印维修单' })).toBeVisible();
  await shot(page, '93-fault-detail-print');
  let pdf = await printedPdf(page, '94-repair-sheet');
  expect(pdf.pages).toBe(1);
  expectFormFrame(pdf, '报修日期：2026-12-07');
  expect(pdf.flat).toContain('维修单');
  expect(pdf.flat).toContain('报修时间2026-12-0704:00');
  expect(pdf.flat).toContain('中国电信庄浪分公司');
  expect(pdf.flat).toContain('3小时内（最迟2026-12-0707:00）');
  expect(pdf.flat).toContain("第1次2026-12-0705:10；第2次2026-12-0705:20；第3次2026-12-0705:30");
  expect(pdf.flat).toMatch(/迟到1小时\d+分钟/);
  expect(pdf.flat).toContain('停电或电源故障');
  expect(pdf.flat).toContain('检测光猫，更换电源适配器，测试访问正常');
  expect(pdf.flat).toContain('建议核减5–10%（督促三次仍未按时到达）');
  expect(pdf.flat).toContain('信息办决定核减8%');
  for (const label of ['报修人：', '维修技术人员：', '本单位确认人：']) expect(pdf.flat).toContain(label);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: '打印维修单' })).toBeHidden();

  const report = await openPaper('打印租赁费核减报告');
  await expect(report.getByTestId('paper-summary')).toHaveText('2026年12月：共 1 条记录');
  pdf = await printedPdf(page, '95-lease-report');
  expectFormFrame(pdf, '2026年12月');
  expect(pdf.flat).toContain('租赁费核减报告');
  expect(pdf.flat).toContain('维护单位：中国电信庄浪分公司');
  expect(pdf.flat).toContain('月租赁费：3,000.00元');
  expect(pdf.flat).toContain('已定核减8%，金额240.00元（月租3,000.00元）');
  for (const label of ['填表人：', '维护单位确认：', '审核人：']) expect(pdf.flat).toContain(label);
  await report.getByRole('button', { name: '取消' }).click();
});

test('值班日志 for a month, with a line for each shift to sign', async () => {
  await open('值班日志');
  let dialog = await addRecord('新增值班日志');
  await dialog.getByLabel('值班事件').fill('8:30 开机检查专网设备，运行正常');
  await dialog.getByLabel('交接班说明').fill('无');
  await saveDrawer(page);
  await expect(dialog).toBeHidden();
  dialog = await addRecord('新增值班日志');
  await enterDate(dialog.getByLabel('日期'), '2026-12-04');
  await dialog.getByRole('combobox', { name: '专网设备状态' }).click();
  await page.getByTitle('异常').click();
  await dialog.getByLabel('异常情况').fill('核心交换机 3 口指示灯闪烁');
  await saveDrawer(page);
  await expect(dialog).toBeHidden();

  const paper = await openPaper('打印值班日志');
  await expect(paper.getByTestId('paper-summary')).toHaveText('2026年12月：共 2 条记录');
  const pdf = await printedPdf(page, '96-duty');
  expectFormFrame(pdf, '2026年12月');
  expect(pdf.flat).toContain('值班日志');
  expect(pdf.flat).toContain('值班人签字');
  // Oldest first, as the paper book runs.
  const older = pdf.flat.indexOf('2026-12-04白班李明异常：核心交换机3口指示灯闪烁');
  expect(older).toBeGreaterThan(-1);
  expect(pdf.flat.indexOf('2026-12-07白班李明正常8:30开机检查专网设备')).toBeGreaterThan(older);
  expect(pdf.flat).toContain('已记1天');
  for (const label of ['审核人：', '分管领导：']) expect(pdf.flat).toContain(label);
  await paper.getByRole('button', { name: '取消' }).click();
});

test('培训记录 for a year and the 复制备案登记表', async () => {
  await open('业务培训');
  let dialog = await addRecord('新增培训记录');
  await dialog.getByLabel('组织单位').fill('平凉市信息办');
  await dialog.getByLabel('培训内容').fill('政务专网安全管理与电子公文查收');
  await saveDrawer(page);
  await expect(dialog).toBeHidden();
  let paper = await openPaper('打印培训记录');
  await expect(paper.getByTestId('paper-summary')).toHaveText('2026年：共 1 条记录');
  let pdf = await printedPdf(page, '97-training');
  expectFormFrame(pdf, '2026年');
  expect(pdf.flat).toContain('培训记录');
  expect(pdf.flat).toContain('12026-12-07平凉市信息办');
  for (const part of ['政务专网安全管理', '李明、王芳']) expect(pdf.flat).toContain(part);
  expect(pdf.flat).toContain('本期共培训1次，2人次。');
  await paper.getByRole('button', { name: '取消' }).click();

  await open('复制备案');
  dialog = await addRecord('新增复制备案');
  await dialog.getByLabel('内容说明').fill('核心交换机配置文件');
  await dialog.getByLabel('复制原因').fill('设备更换前备份');
  await dialog.getByLabel('信息办同意文号').fill('平信办〔2026〕12号');
  await saveDrawer(page);
  await expect(dialog).toBeHidden();
  paper = await openPaper('打印复制备案登记表');
  pdf = await printedPdf(page, '98-copies');
  expectFormFrame(pdf, '2026年');
  expect(pdf.flat).toContain('复制备案登记表');
  expect(pdf.flat).toContain('2026-12-07网络配置');
  for (const part of ['核心交换机配置', '设备更换前备份', '平信办〔2026〕12', '手工登记']) expect(pdf.flat).toContain(part);
  expect(pdf.flat).toContain('审批人签字');
  await paper.getByRole('button', { name: '取消' }).click();
});

test('查收签到情况 for a month: each slot served on time, missed or still to come, and each officer\'s rate', async () => {
  await addAccount(page, { username: 'wangfang', name: '王芳', password: 'Wenshu2026' });
  await signOut(page);
  await signIn(page, 'wangfang', 'Wenshu2026');
  await clockTo('08:31');
  const banner = page.getByTestId('reminder-banner');
  await banner.getByRole('button', { name: '查收签到' }).click();
  let dialog = page.getByRole('dialog', { name: '查收电子公文签到' });
  await dialog.getByRole('button', { name: '查收签到' }).click();
  await expect(page.getByText('已签到 2026-12-07 08:31，计入 08:30（按时）')).toBeVisible();
  await clockTo('10:02');
  await banner.getByRole('button', { name: '查收签到' }).click();
  dialog = page.getByRole('dialog', { name: '查收电子公文签到' });
  await dialog.getByRole('button', { name: '查收签到' }).click();
  await expect(page.getByText('已签到 2026-12-07 10:02，计入 10:00（按时）')).toBeVisible();

  await open('公文查收');
  const paper = await openPaper('打印公文查收签到情况');
  await expect(paper.getByTestId('paper-summary')).toHaveText('2026年12月');
  await expect(paper.getByRole('textbox', { name: '月份' })).toHaveValue('2026-12');
  await shot(page, '99-paper-dialog-checkins');
  const pdf = await printedPdf(page, '99-checkins');
  expectFormFrame(pdf, '2026年12月');
  expect(pdf.flat).toContain('公文查收签到情况');
  // The day's row: 08:30 on time at 08:31, 09:00 missed, 10:00 on time at 10:02, the rest blank until due; 2 of 3 on time.
  expect(pdf.flat).toMatch(/12-07按时漏查按时66\.7%/);
  expect(pdf.flat).toContain('08:3110:02');
  expect(pdf.flat).toMatch(/王芳\d+201/);
  for (const label of ['文档员：', '审核人：']) expect(pdf.flat).toContain(label);
  await paper.getByRole('button', { name: '取消' }).click();
});
