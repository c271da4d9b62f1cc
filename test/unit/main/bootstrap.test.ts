import { describe, expect, it, vi } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { bootstrap, type ElectronApi } from '../../../main/bootstrap';
import { APP_ENTRY, CONTENT_SECURITY_POLICY } from '../../../main/hardening';

// Electron itself cannot run here; bootstrap takes the modules it uses, so
// the wiring is checked against recording fakes.
function fakeElectron() {
  const ipc = new Map<string, (event: unknown, request: unknown) => unknown>();
  const appEvents = new Map<string, (...args: unknown[]) => void>();
  const windows: { options: Record<string, unknown>; url?: string }[] = [];
  const trays: { image: unknown }[] = [];
  let protocolHandler: ((request: Request) => Promise<Response>) | undefined;
  const fake = {
    app: {
      requestSingleInstanceLock: () => true,
      quit: vi.fn(),
      on: (name: string, fn: (...args: unknown[]) => void) => appEvents.set(name, fn),
      whenReady: () => Promise.resolve(),
      paths: new Map<string, string>([['appData', '/home/u/.config']]),
      getPath(name: string) {
        return this.paths.get(name) ?? '';
      },
      setPath(name: string, value: string) {
        this.paths.set(name, value);
      },
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(),
      handle: (_scheme: string, fn: (request: Request) => Promise<Response>) => {
        protocolHandler = fn;
      },
    },
    ipcMain: { handle: (channel: string, fn: (event: unknown, request: unknown) => unknown) => ipc.set(channel, fn) },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: (t: unknown) => t },
    Tray: class {
      constructor(readonly image: unknown) {
        trays.push(this);
      }
      setToolTip() {}
      setImage() {}
      on() {}
    },
    Notification: class {
      static isSupported() {
        return false;
      }
    },
    nativeImage: { createFromPath: (path: string) => ({ path }) },
    dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }) },
    safeStorage: { isEncryptionAvailable: () => false, getSelectedStorageBackend: () => 'basic_text', encryptString: (s: string) => Buffer.from(s), decryptString: (b: Buffer) => b.toString() },
    BrowserWindow: class {
      constructor(options: Record<string, unknown>) {
        windows.push({ options });
      }
      once() {}
      on() {}
      loadURL(url: string) {
        windows[windows.length - 1]!.url = url;
        return Promise.resolve();
      }
    },
  };
  return { electron: fake as unknown as ElectronApi, fake, ipc, appEvents, windows, trays, protocol: () => protocolHandler! };
}

function outDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zw-out-'));
  mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'renderer', 'index.html'), '<html><head></head></html>');
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  return dir;
}

describe('bootstrap', () => {
  it('registers the privileged app scheme and opens a hardened window on the app page', async () => {
    const f = fakeElectron();
    const dir = outDir();
    await bootstrap(f.electron, { outDir: dir, version: '0.1.0', isPackaged: true });
    expect(f.fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(f.windows).toHaveLength(1);
    expect(f.windows[0]!.url).toBe(APP_ENTRY);
    expect(f.windows[0]!.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload: join(dir, 'preload', 'index.cjs') });
    expect(f.fake.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(f.fake.app.getPath('userData')).toBe(join('/home/u/.config', 'zwledger'));
    expect(f.fake.session.defaultSession.setPermissionCheckHandler).toHaveBeenCalled();
    // The icons come from assets/, beside out/ in the repository and in the asar.
    expect(f.windows[0]!.options.icon).toBe(join(dir, '..', 'assets', 'icons', 'app.png'));
    expect(f.trays.map((t) => t.image)).toEqual([{ path: join(dir, '..', 'assets', 'icons', 'tray.png') }]);
  });

  it('serves the renderer with the CSP and refuses paths outside it', async () => {
    const f = fakeElectron();
    await bootstrap(f.electron, { outDir: outDir(), version: '0.1.0', isPackaged: true });
    const ok = await f.protocol()(new Request('app://zwledger/index.html'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await f.protocol()(new Request('app://zwledger/%2e%2e/secret.txt'))).status).toBe(404);
  });

  it('IPC: a malformed argument is rejected by main, and so is any frame that is not the app', async () => {
    const f = fakeElectron();
    await bootstrap(f.electron, { outDir: outDir(), version: '0.1.0', isPackaged: true });
    const trusted = { senderFrame: { url: APP_ENTRY } };
    const confirm = f.ipc.get('auth:confirm')!;
    expect(await confirm(trusted, { accountId: 'a-1', password: 12345 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await confirm(trusted, { accountId: 'a-1', password: 'ok-pass-1', extra: 1 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await confirm({ senderFrame: { url: 'https://evil.example/' } }, { accountId: 'a-1', password: 'ok-pass-1' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await confirm({ senderFrame: null }, { accountId: 'a-1', password: 'ok-pass-1' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await f.ipc.get('app:info')!(trusted, {})).toMatchObject({ ok: true, value: { mode: 'electron', version: '0.1.0', dataDir: join('/home/u/.config', 'zwledger') } });
  });

  it('every web contents denies navigation, new windows and webviews', async () => {
    const f = fakeElectron();
    await bootstrap(f.electron, { outDir: outDir(), version: '0.1.0', isPackaged: true });
    const listeners = new Map<string, (event: { preventDefault: () => void }, url?: string) => void>();
    let openHandler: (() => unknown) | undefined;
    f.appEvents.get('web-contents-created')!({}, { on: (n: string, fn: never) => listeners.set(n, fn), setWindowOpenHandler: (fn: () => unknown) => (openHandler = fn) });
    const prevented = (name: string, url?: string) => {
      let yes = false;
      listeners.get(name)!({ preventDefault: () => (yes = true) }, url);
      return yes;
    };
    expect(prevented('will-navigate', 'https://example.com/')).toBe(true);
    expect(prevented('will-navigate', APP_ENTRY)).toBe(false);
    expect(prevented('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(prevented('will-attach-webview')).toBe(true);
    expect(openHandler!()).toEqual({ action: 'deny' });
  });

  it('a second instance quits and leaves the first one', async () => {
    const f = fakeElectron();
    f.fake.app.requestSingleInstanceLock = () => false;
    await bootstrap(f.electron, { outDir: outDir(), version: '0.1.0', isPackaged: true });
    expect(f.fake.app.quit).toHaveBeenCalled();
    expect(f.windows).toHaveLength(0);
  });
});
