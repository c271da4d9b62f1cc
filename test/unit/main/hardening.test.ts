import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import {
  APP_ENTRY,
  CONTENT_SECURITY_POLICY,
  denyPermissionCheck,
  denyPermissionRequest,
  denyWindowOpen,
  isTrustedSender,
  resolveAppFile,
  secureWebPreferences,
  shouldBlockNavigation,
} from '../../../main/hardening';

describe('Electron hardening', () => {
  it('web preferences follow the security checklist', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });

  it('the CSP allows only the app itself, and never eval', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
    });
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(directives['script-src']).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
  });

  it('only the app page may call IPC', () => {
    expect(isTrustedSender({ url: APP_ENTRY })).toBe(true);
    expect(isTrustedSender({ url: 'app://zwledger/index.html#/devices' })).toBe(true);
    expect(isTrustedSender({ url: 'app://evil/index.html' })).toBe(false);
    expect(isTrustedSender({ url: 'https://example.com/' })).toBe(false);
    expect(isTrustedSender({ url: 'file:///etc/passwd' })).toBe(false);
    expect(isTrustedSender({ url: APP_ENTRY, parent: {} })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });

  it('navigation away from the app and new windows are denied', () => {
    expect(shouldBlockNavigation('https://example.com/')).toBe(true);
    expect(shouldBlockNavigation('file:///C:/Windows/')).toBe(true);
    expect(shouldBlockNavigation('javascript:alert(1)')).toBe(true);
    expect(shouldBlockNavigation(APP_ENTRY)).toBe(false);
    expect(denyWindowOpen()).toEqual({ action: 'deny' });
  });

  it('every permission request is refused', () => {
    let granted: boolean | undefined;
    denyPermissionRequest({}, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
    expect(denyPermissionCheck()).toBe(false);
  });

  it('serves files inside the renderer folder only', () => {
    const dir = resolve('/srv/app/renderer');
    expect(resolveAppFile(dir, '/')).toBe(join(dir, 'index.html'));
    expect(resolveAppFile(dir, '/assets/index-abc.js')).toBe(join(dir, 'assets', 'index-abc.js'));
    expect(resolveAppFile(dir, '/assets/a.js?v=1')).toBe(join(dir, 'assets', 'a.js'));
    for (const evil of ['/../main/index.cjs', '/assets/../../secret', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc/passwd', '/%00', '/%E0%A4%A']) {
      expect(resolveAppFile(dir, evil), evil).toBeNull();
    }
  });
});
