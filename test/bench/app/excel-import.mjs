// excel.importInApp: a 20,000-row register read to a shown preview inside the
// BUILT app (its CSP, its same-origin worker), through the drawer's real file
// input and buttons, against a raw read-excel-file read of the same file in a
// page without a CSP, in the same run; and the app page's peak JS heap.
// Standalone: `node test/bench/app/excel-import.mjs` (ZW_BENCH_NO_BUILD=1 to reuse out/).
import { join } from 'node:path';
import writeXlsxFile from 'write-excel-file/node';
import { buildApp, launchChromium, median, root, setUpUnit, signInAdmin, startHost } from '../builtApp.mjs';

const ROWS = Number(process.env.ZW_BENCH_IMPORT_APP_ROWS ?? 20_000);
const RUNS = Math.max(1, Math.floor(Number(process.env.ZW_BENCH_REPEATS ?? 3)));
/**
 * In-page marks, timed like the raw read (inside the page): from the file
 * input's change to the mapping step painted, plus from the click on
 * 下一步：预览 to the summary painted. Left out: sending the file over CDP
 * and Playwright's wait before it clicks — neither is the import, and the
 * raw read's timing has neither.
 */
function probe(summary) {
  const marks = (window.__importMarks = {});
  const painted = (key) => requestAnimationFrame(() => setTimeout(() => (marks[key] ??= performance.now()), 0));
  const button = (el) => el instanceof Element && el.closest('button')?.textContent?.replace(/\s/g, '') === '下一步：预览';
  window.addEventListener('change', (e) => e.target instanceof HTMLInputElement && e.target.type === 'file' && (marks.picked ??= performance.now()), { capture: true, once: true });
  window.addEventListener('click', (e) => button(e.target) && (marks.previewClicked ??= performance.now()), { capture: true });
  let mapSeen = false;
  let previewSeen = false;
  const seen = new MutationObserver(() => {
    if (!mapSeen && marks.picked && [...document.querySelectorAll('.ant-drawer button')].some(button)) {
      mapSeen = true;
      painted('mapShown');
    }
    if (!previewSeen && marks.previewClicked && document.querySelector('[data-testid="import-summary"]')?.textContent === summary) {
      previewSeen = true;
      seen.disconnect();
      painted('previewShown');
    }
  });
  seen.observe(document.body, { subtree: true, childList: true, characterData: true });
}

buildApp();
const { url, stop } = await startHost('zw-bench-import-');
let browser;
try {
  const header = ['IP 地址', 'MAC 地址', '负责人', '科室', '位置', '设备类型', '状态', '专机专用', '可上互联网', '隔离卡', '备注'];
  const hex = (n) => n.toString(16).padStart(2, '0').toUpperCase();
  const rows = Array.from({ length: ROWS }, (_, i) => [`10.${30 + Math.floor(i / 62500)}.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`, `02-7A-00-${hex((i >> 16) & 255)}-${hex((i >> 8) & 255)}-${hex(i & 255)}`, `负责人${i}`, ['办公室', '信息科', '财务科'][i % 3], `${(i % 9) + 1} 楼`, i % 7 === 0 ? '笔记本' : '台式机', '在用', '是', i % 50 === 0 ? '是' : '否', i % 50 === 0 ? '是' : '否', '']);
  const text = (v) => ({ value: v, type: String });
  const buffer = await writeXlsxFile([[text('入网计算机登记')], [text('基准测试单位')], [], header.map(text), ...rows.map((r) => r.map(text))]).toBuffer();
  const file = { name: '两万行.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer };

  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });

  const page = await context.newPage();
  await setUpUnit(page, url, { name: '基准测试单位', code: 'BENCH-01', password: 'Zhuanwang2026' });
  await signInAdmin(page, 'Zhuanwang2026');
  await page.getByRole('menuitem', { name: '入网计算机登记' }).click();

  // Raw: read-excel-file's own browser bundle in a page with no CSP, so its blob: workers run.
  const rawPage = await context.newPage();
  await rawPage.setContent('<input type="file" id="f">');
  await rawPage.addScriptTag({ path: join(root, 'node_modules/read-excel-file/bundle/read-excel-file.min.js') });
  await rawPage.locator('#f').setInputFiles(file);
  const rawRead = async () => {
    const got = await rawPage.evaluate(async () => {
      const t = performance.now();
      const data = await window.readXlsxFile(document.getElementById('f').files[0]);
      const sheet = Array.isArray(data[0]?.data) ? data[0].data : data;
      return { ms: performance.now() - t, rows: sheet.length };
    });
    if (got.rows < ROWS) throw new Error(`raw read ${got.rows} rows`);
    return got.ms;
  };

  const cdp = await context.newCDPSession(page);
  await cdp.send('Runtime.enable');
  let peak = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      peak = Math.max(peak, usedSize);
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  const raw = [];
  const app = [];
  const wall = [];
  const steps = [];
  const summary = `新增 ${ROWS} 台，更新 0 台，无变化 0 台，拒绝 0 行`;
  // Alternating: each app run has a raw read beside it, so a machine that slows down moves both.
  for (let r = 0; r < RUNS; r++) {
    raw.push(await rawRead());
    // With the raw page open too, headless Chromium treats the app's page as hidden and runs its frames once a second; a user's window is in front.
    await page.bringToFront();
    await page.getByRole('button', { name: '导入 Excel' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByTestId('import-file').waitFor({ state: 'attached' });
    await page.evaluate(probe, summary);
    const t = performance.now();
    await drawer.getByTestId('import-file').setInputFiles(file);
    await drawer.getByRole('button', { name: '下一步：预览' }).click({ timeout: 60_000 });
    await drawer.getByTestId('import-summary').filter({ hasText: summary }).waitFor({ timeout: 60_000 });
    wall.push(performance.now() - t);
    await page.waitForFunction(() => window.__importMarks.previewShown !== undefined);
    const marks = await page.evaluate(() => window.__importMarks);
    if (!marks.mapShown || !marks.previewShown) throw new Error(`marks ${JSON.stringify(marks)}`);
    steps.push({ read: marks.mapShown - marks.picked, preview: marks.previewShown - marks.previewClicked });
    app.push(steps.at(-1).read + steps.at(-1).preview);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
  }
  sampling = false;
  await sampler;
  await rawPage.close();
  const rawMs = median(raw);
  const appMs = median(app);
  const pairRatios = app.map((a, i) => Math.round((a / raw[i]) * 1000) / 1000);
  console.log(JSON.stringify({ bench: 'excel.importInApp', rows: ROWS, fileKB: Math.round(buffer.length / 1024), rawReadMs: Math.round(rawMs), appMs: Math.round(appMs), appWallMs: Math.round(median(wall)), readToMappingMs: Math.round(median(steps.map((x) => x.read))), previewMs: Math.round(median(steps.map((x) => x.preview))), appOverRaw: median(pairRatios), pairRatios, peakHeapMB: Math.round((peak / 1024 / 1024) * 10) / 10 }));
} finally {
  await browser?.close();
  stop();
}
