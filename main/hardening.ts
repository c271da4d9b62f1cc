import { normalize, relative, resolve, sep, extname } from 'node:path';
import type { WebPreferences } from 'electron';

/**
 * Electron's security checklist, as plain values and functions so that unit
 * tests check them without Electron (DESIGN.md, Electron hardening).
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'zwledger';
// IndexedDB lives at the page's origin: never change scheme or host, or every
// user's data is orphaned.
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/**
 * 'unsafe-inline' for styles only: antd's CSS-in-JS injects <style> elements
 * at run time. Scripts are 'self' alone; no eval, no remote anything.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  };
}

export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Only the app's own top-level page may call IPC. */
export function isTrustedSender(frame: { url: string; parent?: unknown } | null | undefined): boolean {
  if (!frame) return false;
  if (frame.parent) return false;
  return isAppUrl(frame.url);
}

/** will-navigate: the app is one page; any navigation away is refused. */
export function shouldBlockNavigation(url: string): boolean {
  return !isAppUrl(url);
}

/** setWindowOpenHandler: never a new window, and never hand the URL to the OS. */
export function denyWindowOpen(): { action: 'deny' } {
  return { action: 'deny' };
}

export function denyPermissionRequest(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

export function denyPermissionCheck(): boolean {
  return false;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export function mimeType(path: string): string {
  return MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a request path (`/assets/x.js`) to a file inside `rendererDir`, or
 * null if it would leave it. `/` is the app's page.
 */
export function resolveAppFile(rendererDir: string, requestPath: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(requestPath.split(/[?#]/)[0] ?? '/');
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  if (path === '/' || path === '') path = '/index.html';
  const root = resolve(rendererDir);
  const target = resolve(root, normalize(`.${path.replace(/\\/g, '/')}`));
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith('..') || rel.split(sep).includes('..') || resolve(root, rel) !== target) return null;
  return target;
}
