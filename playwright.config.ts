import { defineConfig } from '@playwright/test';

// End-to-end tests drive Debian's Chromium against browser mode: the real
// renderer build and the real main-process handlers, over the host's HTTP
// transport. Never download a browser (no network on our machines).
const PORT = Number(process.env.ZW_E2E_PORT ?? 47899);

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '.reports/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
    trace: 'retain-on-failure',
    viewport: { width: 1366, height: 820 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
    },
  },
  webServer: {
    command: 'node out/host/host.mjs',
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 30_000,
    env: { ZW_PORT: String(PORT), ZW_DATA_DIR: 'test-results/host-data' },
  },
});
