import { test, expect, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { ADMIN, addAccount, completeSetup, downloaded, setIdleMinutes, shot, signIn, signOut } from './helpers';
import { readPolicy } from '../../shared/bundle/policy';

// The office console on a PostgreSQL server: the administrator points it at
// the server on the settings page (tested, schema created on request, the
// password kept by main), the auditor imports bundles into it and sees the
// units and a unit's records from it, and the administrator switches back to
// the PC's own database. A real server: ZW_TEST_PG, as the store's unit tests.
const PG_URL = process.env.ZW_TEST_PG ?? '';
test.skip(PG_URL === '', 'ZW_TEST_PG is not set: this spec needs a PostgreSQL server (scripts/pg-throwaway.sh start DIR)');
test.describe.configure({ mode: 'serial' });

const AUDITOR = { username: 'kaohe', name: '市信息办考核员', password: 'Kaohe2026!' };
const DB_PASSWORD = '库口令-2026';
let page: Page;
let dir: string;
let database: string;
let dbUrl: string;
const run = promisify(execFile);

async function onServer(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

test.beforeAll(async ({ browser }) => {
  dir = await mkdtemp(join(tmpdir(), 'zw-e2e-console-pg-'));
  await run(process.execPath, ['out/cli/zwledger.mjs', 'fixture', '--units', '3', '--entries', '300', '--per-bundle', '150', '--out', dir]);
  database = `zwe2e_${process.pid}_${Date.now().toString(36)}`;
  await onServer(`create database ${database}`);
  const url = new URL(PG_URL);
  url.pathname = `/${database}`;
  dbUrl = url.toString();

  page = await (await browser.newContext()).newPage();
  await completeSetup(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await setIdleMinutes(page, 120);
  await addAccount(page, { ...AUDITOR, role: '考核人员（市信息办）' });
});

test.afterAll(async () => {
  await onServer(`drop database if exists ${database} with (force)`).catch(() => undefined);
});

test('the administrator points the console at the server: tested, schema created, password kept by main', async () => {
  const server = new URL(PG_URL);
  await page.getByRole('menuitem', { name: '设置' }).click();
  const card = page.getByTestId('console-db');
  await expect(card.getByTestId('db-status')).toHaveText('当前使用本机数据库。');
  await card.getByRole('radio', { name: 'PostgreSQL' }).check();

  // Bad input is said beside its field, and nothing is asked of main.
  await card.getByLabel('服务器地址').fill('host name');
  await card.getByRole('button', { name: '测试连接' }).click();
  await expect(card.getByText('地址只能包含字母、数字、点、冒号和短横线')).toBeVisible();
  await expect(card.getByText('请填写数据库名')).toBeVisible();

  await card.getByLabel('服务器地址').fill(server.hostname);
  await card.getByLabel('端口').fill(server.port);
  await card.getByLabel('数据库名').fill('zw_no_such_database');
  await card.getByLabel('用户名').fill(decodeURIComponent(server.username));
  await card.getByLabel('密码', { exact: true }).fill(DB_PASSWORD);
  await card.getByRole('button', { name: '测试连接' }).click();
  await expect(card.getByTestId('db-finding')).toHaveText('服务器上没有这个数据库，请检查数据库名。');

  await card.getByLabel('数据库名').fill(database);
  await card.getByRole('button', { name: '测试连接' }).click();
  const offer = card.getByTestId('db-finding');
  await expect(offer).toContainText('该数据库还没有本程序的数据结构');
  await expect(offer).toContainText('GRANT CREATE ON SCHEMA public');
  await offer.scrollIntoViewIfNeeded();
  await shot(page, 'pg-01-migrate-offer');
  await offer.getByRole('button', { name: '建立或升级数据库结构' }).click();
  await expect(card.getByTestId('db-finding')).toContainText('数据库结构已建立');
  await card.getByRole('button', { name: '保存并改用 PostgreSQL' }).click();
  await expect(card.getByTestId('db-status')).toContainText(`当前使用 PostgreSQL 汇总数据库：${decodeURIComponent(server.username)}@${server.hostname}:${server.port}/${database}`);
  // The form never gets the password back.
  await expect(card.getByLabel('密码', { exact: true })).toHaveValue('');
  await shot(page, 'pg-02-settings-saved');
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(scroll).toBeLessThanOrEqual(0);

});

test('the auditor imports bundles into the server and sees the units and a unit\'s records from it', async () => {
  await signOut(page);
  await signIn(page, AUDITOR.username, AUDITOR.password);
  await page.getByRole('menuitem', { name: '各单位汇总' }).click();
  await expect(page.getByTestId('pg-source')).toHaveText('数据来自 PostgreSQL 汇总数据库');
  await expect(page.getByText('尚未导入任何数据包')).toBeVisible();

  // Keys enrolled into the server after comparing fingerprints, as on this PC's database.
  await page.getByRole('menuitem', { name: '单位密钥登记' }).click();
  await expect(page.getByTestId('pg-source')).toBeVisible();
  const keyFiles = (await readdir(join(dir, 'keys'))).sort().map((f) => join(dir, 'keys', f));
  await page.getByTestId('enrolment-file').setInputFiles(keyFiles);
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('核对 3 个登记文件的指纹');
  for (const f of ['PL-0001.json', 'PL-0002.json', 'PL-0003.json']) await dialog.getByRole('checkbox', { name: f }).check();
  await dialog.getByRole('button', { name: '指纹已逐一核对，登记选中的 3 个' }).click();
  await expect(page.getByText('已登记 3 个单位的密钥')).toBeVisible();
  await expect(page.getByRole('row')).toHaveCount(4);
  await shot(page, 'pg-06-keys');
  await expect.poll(async () => {
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    const n = (await c.query('select count(*)::int as n from enrolled_keys')).rows[0].n as number;
    await c.end();
    return n;
  }).toBe(3);

  // Enrolled, nothing received yet: every unit is listed with nothing received.
  await page.getByRole('menuitem', { name: '各单位汇总' }).click();
  await expect(page.getByTestId('units-table').getByRole('row')).toHaveCount(4);

  await page.getByRole('menuitem', { name: '导入数据包' }).click();
  const bundles = (await readdir(join(dir, 'bundles'))).sort().map((f) => join(dir, 'bundles', f));
  expect(bundles).toHaveLength(6);
  // The second halves first: each waits for its first half, and is completed when it arrives.
  await page.getByTestId('bundle-files').setInputFiles([...bundles.filter((b) => b.endsWith('-151-300.zwb')), bundles[0]!]);
  const results = page.getByTestId('import-results');
  await expect(results).toContainText('共 4 个文件：导入 4 个，无变化 0 个，拒收 0 个');
  await page.getByTestId('bundle-files').setInputFiles(bundles);
  await expect(results).toContainText('共 6 个文件：导入 2 个，无变化 4 个，拒收 0 个');
  await shot(page, 'pg-03-import');

  await page.getByRole('menuitem', { name: '各单位汇总' }).click();
  const table = page.getByTestId('units-table');
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table.getByText('完整', { exact: true })).toHaveCount(3);
  await shot(page, 'pg-04-units');
  await table.getByRole('row').nth(1).getByRole('button').first().click();
  const drawer = page.getByTestId('unit-records');
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole('tab', { name: /入网计算机/ })).toBeVisible();
  await drawer.getByRole('tab', { name: /公文查收签到/ }).click();
  await expect(page.getByTestId('unit-checkin-slots')).toBeVisible();
  await page.waitForTimeout(400); // the drawer's opening animation
  await shot(page, 'pg-05-unit-drawer');
  await page.keyboard.press('Escape');

});

test('the auditor ranks the server\'s units in 综合考评 and drafts and issues a 网络通报 from them', async () => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const noSideways = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await page.getByRole('menuitem', { name: '综合考评' }).click();
  await expect(page.getByTestId('pg-source')).toHaveText('数据来自 PostgreSQL 汇总数据库');
  await expect(page.getByRole('tab', { name: '县（区）（3）' })).toBeVisible();
  const ranking = page.getByTestId('office-ranking');
  await expect(ranking.getByRole('row')).toHaveCount(4);
  for (const code of ['PL-0001', 'PL-0002', 'PL-0003']) await expect(ranking).toContainText(`（${code}）`);
  await expect(page.getByTestId('pg-problem')).toHaveCount(0);
  await shot(page, 'pg-07-evaluation');
  await noSideways();

  // Last month, after the fixtures' entries and before their bundles arrived: every unit falls short.
  await page.getByRole('menuitem', { name: '专网应用通报' }).click();
  await expect(page.getByTestId('pg-source')).toBeVisible();
  await page.getByRole('button', { name: '查看未达要求的单位' }).click();
  const draft = page.getByTestId('notice-draft');
  await expect(draft.getByRole('row')).toHaveCount(4);
  await expect(draft).toContainText('（PL-0001）');
  await shot(page, 'pg-08-notice-draft');
  await noSideways();
  // The notice is the office's own record, issued as on this PC's database; the evaluation counts it.
  await page.getByRole('button', { name: '发布通报（3 个单位）' }).click();
  await expect(page.getByText('通报已发布')).toBeVisible();
  await page.setViewportSize({ width: 1366, height: 820 });
});

test('the auditor\'s home page and 签发政策包 read the server: the units\' figures, and the checkpoints of what the server holds', async () => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByRole('menuitem', { name: '工作台' }).click();
  await expect(page.getByTestId('home').getByTestId('pg-source')).toHaveText('数据来自 PostgreSQL 汇总数据库');
  await expect(page.getByTestId('home-ready')).toBeVisible();
  // The three units imported above, each complete and reporting; none of them has submitted a self-assessment.
  const reporting = page.getByTestId('card-reporting');
  for (const [state, n] of [['current', '3'], ['gap', '0'], ['silent', '0']] as const) await expect(reporting.locator(`[data-state="${state}"] .ant-statistic-content-value`)).toHaveText(n);
  await expect(page.getByTestId('card-standing')).toContainText('已提交自评：0/3 个单位');
  await expect(page.getByTestId('card-last-import')).toContainText('有效');
  await shot(page, 'pg-08-office-home');
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

  await page.getByRole('menuitem', { name: '签发政策包' }).click();
  await expect(page.getByTestId('pg-source')).toBeVisible();
  await expect(page.getByTestId('issue-checkpoints')).toContainText('市信息办对 3 个单位的接收情况');
  const ranges = page.getByLabel(/ 地址段$/);
  await expect(ranges).toHaveCount(3);
  await shot(page, 'pg-09-policy-issue');
  await ranges.first().fill('10.20.1.0/24');
  await shot(page, 'pg-10-policy-issue-units');
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await page.getByLabel('您的登录密码').fill(AUDITOR.password);
  // Browser mode has no OS keystore: the key's administrator lets the auditor in once.
  await page.getByRole('button', { name: '签名并导出政策包' }).click();
  await expect(page.getByTestId('issue-result')).toContainText('本账号还不能打开本单位的签名密钥', { timeout: 30_000 });
  await page.getByLabel('密钥管理员的密码（仅首次授权）').fill(ADMIN.password);
  const file = (await downloaded(page, () => page.getByRole('button', { name: '签名并导出政策包' }).click())).path;
  await expect(page.getByTestId('issue-result')).toContainText('已导出');

  // Read back: signed, every unit in the directory, and each unit's checkpoint is the server's top segment.
  const read = readPolicy(new Uint8Array(await readFile(file)), null, null);
  if (!read.ok) throw new Error(`policy unreadable: ${read.failure} ${read.detail}`);
  expect(read.policy.directory).toHaveLength(3);
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  const held = (
    await c.query<{ unit_id: string; to_seq: number; hash: string; received_at: string }>(
      `select b.unit_id, b.to_seq, s.hashes[cardinality(s.hashes)] as hash, (select max(received_at) from received_bundles x where x.unit_id = b.unit_id) as received_at
         from received_bundles b join received_segments s using (file_hash)
        where b.to_seq = (select max(to_seq) from received_bundles x where x.unit_id = b.unit_id) order by b.unit_id`,
    )
  ).rows;
  await c.end();
  expect(held).toHaveLength(3);
  expect(read.policy.checkpoints).toEqual(held.map((h) => ({ unitId: h.unit_id, seq: h.to_seq, hash: h.hash, missing: [], receivedAt: Number(h.received_at) })));
  expect(read.policy.checkpoints!.every((cp) => cp.seq === 300)).toBe(true);
  await page.setViewportSize({ width: 1366, height: 820 });
});

test('the administrator switches back to the PC\'s own database; the console reads it again', async () => {
  await signOut(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await page.getByRole('menuitem', { name: '设置' }).click();
  const card = page.getByTestId('console-db');
  await card.getByRole('radio', { name: '本机' }).check();
  await card.getByRole('button', { name: '改回本机数据库' }).click();
  await page.getByRole('button', { name: /确\s?定|OK/ }).click();
  await expect(card.getByTestId('db-status')).toHaveText('当前使用本机数据库。');

  await signOut(page);
  await signIn(page, AUDITOR.username, AUDITOR.password);
  await page.getByRole('menuitem', { name: '各单位汇总' }).click();
  await expect(page.getByText('尚未导入任何数据包')).toBeVisible();
  await expect(page.getByTestId('pg-source')).toHaveCount(0);
});
