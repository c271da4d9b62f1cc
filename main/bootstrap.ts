import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as Electron from 'electron';
import { CHANNELS } from '../shared/ipc/contract';
import { createHandlers, dispatch } from './services/dispatch';
import {
  APP_ENTRY,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  denyPermissionCheck,
  denyPermissionRequest,
  denyWindowOpen,
  isTrustedSender,
  mimeType,
  resolveAppFile,
  secureWebPreferences,
  shouldBlockNavigation,
} from './hardening';
import { applicationMenu } from './menu';
import { createReminderService } from './services/reminderService';
import { createBackupFiles } from './services/backupFiles';
import { createUnitKeys } from './services/unitKey';
import { sealWithUnitKeys } from './services/backupSeal';
import { createBackupPassphrase } from './services/backupPassphrase';
import { createSigninGuard, keyHolders } from './services/signinGuard';
import { consoleHolders, createConsoleStore } from './services/consoleStore';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { OPEN_CHECKIN_EVENT } from '../shared/ipc/channels';

/** The parts of Electron the app uses, passed in so tests can hand fakes. */
export type ElectronApi = Pick<typeof Electron, 'app' | 'BrowserWindow' | 'protocol' | 'ipcMain' | 'session' | 'Menu' | 'Tray' | 'Notification' | 'nativeImage' | 'dialog' | 'safeStorage'>;

export interface BootstrapOptions {
  /** out/ of the build: holds renderer/ and preload/ */
  outDir: string;
  version: string;
  isPackaged: boolean;
}

export function bootstrap(electron: ElectronApi, options: BootstrapOptions): Promise<void> {
  const { app, BrowserWindow, protocol, ipcMain, session, Menu, Tray, Notification, nativeImage, dialog, safeStorage } = electron;
  // Before ready, or the scheme is not privileged and IndexedDB is refused.
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

  // One fixed, ASCII folder for the data, whatever the product name's
  // language: %APPDATA%\zwledger on Windows, ~/.config/zwledger on Linux.
  app.setPath('userData', join(app.getPath('appData'), 'zwledger'));

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return Promise.resolve();
  }

  let mainWindow: Electron.BrowserWindow | undefined;
  const rendererDir = join(options.outDir, 'renderer');

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  // Every web contents, not just ours: deny navigation, windows, webviews.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (shouldBlockNavigation(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (shouldBlockNavigation(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(denyWindowOpen);
  });

  app.on('window-all-closed', () => app.quit());

  return app.whenReady().then(() => {
    // assets/ sits beside out/, in the repository and in the packaged app's asar alike.
    const icons = join(options.outDir, '..', 'assets', 'icons');
    // Each with its @2x beside it, which Electron picks on high-DPI screens.
    const trayIcons = { idle: nativeImage.createFromPath(join(icons, 'tray.png')), due: nativeImage.createFromPath(join(icons, 'tray-due.png')) };
    const tray = new Tray(trayIcons.idle);
    tray.setToolTip('专网台账');
    const openCheckin = () => {
      if (!mainWindow) return;
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.show();
      mainWindow.focus();
      mainWindow.webContents.send(OPEN_CHECKIN_EVENT);
    };
    tray.on('click', openCheckin);
    const reminders = createReminderService({
      clock: { now: () => Date.now(), setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
      setStatus: (text, due) => {
        tray.setToolTip(`专网台账 · ${text}`);
        tray.setImage(due ? trayIcons.due : trayIcons.idle);
      },
      notify: (title, body) => {
        if (!Notification.isSupported()) return;
        const notification = new Notification({ title, body });
        notification.on('click', openCheckin);
        notification.show();
      },
    });
    const chooseFolder = async () => {
      const options = { title: '选择自动备份文件夹', properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[] };
      const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    };
    // safeStorage only where a real keystore backs it; Linux without one falls back to plain text, so use the password there.
    const osKeystore = safeStorage.isEncryptionAvailable() && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text');
    const guard = createSigninGuard({
      fs,
      dir: app.getPath('userData'),
      file: path.join(app.getPath('userData'), 'accounts.json'),
      monotonic: () => performance.now(),
      now: () => Date.now(),
      randomToken: () => randomBytes(32).toString('hex'),
    });
    const osProtector = osKeystore ? { encrypt: (plain: string) => safeStorage.encryptString(plain), decrypt: (sealed: Buffer) => safeStorage.decryptString(sealed) } : null;
    const unitKeys = createUnitKeys({
      fs,
      dir: path.join(app.getPath('userData'), 'keys'),
      join: path.join,
      os: osProtector,
      now: () => Date.now(),
      holders: keyHolders(guard),
    });
    const consoleStore = createConsoleStore({ fs, file: path.join(app.getPath('userData'), 'console-database.json'), os: osProtector, holders: consoleHolders(guard), now: () => Date.now() });
    app.on('will-quit', () => void consoleStore.close());
    
    const backupPassphrase = createBackupPassphrase({ fs, file: path.join(app.getPath('userData'), 'backup-passphrase.json'), os: osProtector, now: () => Date.now(), randomId: () => randomBytes(16).toString('hex') });
    const backupSeal = sealWithUnitKeys(unitKeys, (password, hashes) => guard.checkBackupAdmin(password, hashes));
    const backups = createBackupFiles({
      fs,
      path,
      now: () => new Date(),
      configFile: path.join(app.getPath('userData'), 'backup-folder.json'),
      fallbackDir: path.join(app.getPath('userData'), 'before-restore'),
      seal: backupSeal,
      randomId: () => randomBytes(16).toString('hex'),
      passphrase: backupPassphrase,
    });
    // The page lays out its document for print (CSS @page, A4); this is the same print, to a file.
    const savePdf = async (fileName: string) => {
      if (!mainWindow) return null;
      const target = await dialog.showSaveDialog(mainWindow, { title: '保存为 PDF', defaultPath: path.join(app.getPath('documents'), fileName), filters: [{ name: 'PDF', extensions: ['pdf'] }] });
      if (target.canceled || !target.filePath) return null;
      const pdf = await mainWindow.webContents.printToPDF({ pageSize: 'A4', preferCSSPageSize: true, printBackground: true });
      await fs.writeFile(target.filePath, pdf);
      return target.filePath;
    };
    const handlers = createHandlers({ version: options.version, mode: 'electron', dataDir: app.getPath('userData'), platform: process.platform, reminders, backups, chooseFolder, savePdf, unitKeys, guard, consoleStore, backupPassphrase });

    protocol.handle(APP_SCHEME, async (request) => {
      const file = resolveAppFile(rendererDir, new URL(request.url).pathname);
      if (!file) return new Response('not found', { status: 404 });
      try {
        const body = await readFile(file);
        return new Response(body, {
          headers: { 'content-type': mimeType(file), 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' },
        });
      } catch {
        return new Response('not found', { status: 404 });
      }
    });

    session.defaultSession.setPermissionRequestHandler(denyPermissionRequest);
    session.defaultSession.setPermissionCheckHandler(denyPermissionCheck);

    for (const channel of CHANNELS) {
      ipcMain.handle(channel, (event, request: unknown) => {
        if (!isTrustedSender(event.senderFrame)) return { ok: false, error: { code: 'FORBIDDEN', message: 'untrusted sender' } };
        return dispatch(handlers, channel, request);
      });
    }

    Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenu(options.isPackaged)));

    mainWindow = new BrowserWindow({
      width: 1280,
      height: 800,
      minWidth: 1024,
      minHeight: 680,
      title: '专网台账',
      icon: join(icons, 'app.png'),
      show: false,
      backgroundColor: '#f3f4f6',
      webPreferences: secureWebPreferences(join(options.outDir, 'preload', 'index.cjs')),
    });
    const win = mainWindow;
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      mainWindow = undefined;
    });
    void win.loadURL(APP_ENTRY);
  });
}
