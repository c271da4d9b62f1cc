import { test, expect, _electron as electron } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ADMIN, completeSetup, fillDevice, saveDrawer, shot, signIn } from './helpers';

// The same journey in the real Electron shell, where its binary exists. The
// binary is found by its files; requiring the 'electron' package would try to
// download it.
function electronBinary(): string | undefined {
  const dir = join('node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

const binary = electronBinary();

test.describe('Electron', () => {
  test.skip(binary === undefined, 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD): the Electron journey is skipped; browser mode covers it');

  test('setup, sign in, register a device, refuse a duplicate, survive a restart', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'zw-electron-'));
    const launch = () => electron.launch({ executablePath: binary!, args: ['.', `--user-data-dir=${userData}`], env: { ...process.env, ZW_E2E: '1' } });
    let app = await launch();
    let page = await app.firstWindow();
    const prefs = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.getURL());
    expect(prefs.startsWith('app://zwledger/')).toBe(true);
    await completeSetup(page);
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('button', { name: '登记设备' }).click();
    await fillDevice(page, { ip: '10.62.1.10', mac: 'AA-BB-CC-DD-EE-10', owner: '李明', office: '信息科' });
    await saveDrawer(page);
    await expect(page.getByTestId('grid-row')).toHaveCount(1);
    await page.getByRole('button', { name: '登记设备' }).click();
    await fillDevice(page, { ip: '10.62.1.10', mac: 'AA-BB-CC-DD-EE-11', owner: '王芳', office: '秘书科' });
    await saveDrawer(page);
    await expect(page.getByText('IP 地址与在用设备冲突')).toBeVisible();
    await shot(page, 'electron-duplicate');
    await app.close();

    app = await launch();
    page = await app.firstWindow();
    await signIn(page, ADMIN.username, ADMIN.password);
    await expect(page.getByTestId('grid-row')).toHaveCount(1);
    await app.close();
  });
});
