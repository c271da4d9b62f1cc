import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import config from '../../../build/electron-builder.config.mjs';

// The installers cannot be built here (no Electron binary can be
// downloaded), so what they would be is checked from their configuration,
// the icons it names and the code that would be packed.
const root = resolve(import.meta.dirname, '../../..');
const require = createRequire(join(root, 'package.json'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; scripts: Record<string, string> };

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

/** The sizes an .ico holds (0 in its directory means 256). */
function icoSizes(bytes: Buffer): number[] {
  expect(bytes.readUInt16LE(2)).toBe(1);
  return Array.from({ length: bytes.readUInt16LE(4) }, (_, i) => bytes[6 + 16 * i] || 256);
}

describe('the installers, as configured', () => {
  it('is a configuration electron-builder itself accepts', async () => {
    // Resolved through electron-builder, whose schema this is: the version that would build the installers.
    const builder = createRequire(require.resolve('electron-builder/package.json'));
    const { validateConfiguration } = builder('app-builder-lib/out/util/config/config') as { validateConfiguration: (c: unknown, log: unknown) => Promise<void> };
    const { DebugLogger } = builder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...structuredClone(config), win: { ...config.win, icons: 'assets/icons/app.ico' } }, new DebugLogger(false))).rejects.toThrow(/configuration/);
  });

  it('builds NSIS for Windows and deb for Linux, x64 and arm64, and nothing else', () => {
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }]);
    expect(config.linux?.target).toEqual([{ target: 'deb', arch: ['x64', 'arm64'] }]);
    expect(config.mac).toBeUndefined();
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false });
    for (const name of ['dist', 'dist:win', 'dist:linux']) expect(pkg.scripts[name]).toContain('--config build/electron-builder.config.mjs');
  });

  it('publishes nowhere and updates nothing by itself: the PCs are offline', () => {
    expect(config.publish).toBeNull();
    const deps = { ...pkg.dependencies, ...(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies };
    expect(Object.keys(deps).filter((d) => /updater/.test(d))).toEqual([]);
    const mainCode = readdirSync(join(root, 'main'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    for (const f of mainCode) expect(readFileSync(join(root, 'main', f), 'utf8'), f).not.toMatch(/autoUpdater|electron-updater/);
  });

  it('sets the fuses: no running as Node, no NODE_OPTIONS or inspector flags, the app only from its checked asar', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      // Checked by Electron on Windows; on Linux Electron has no asar integrity check to turn on.
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the built code and the icons, never node_modules', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**', 'assets/icons/**', '!**/node_modules/**']));
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
  });

  it('takes its icons from assets/, at the sizes each target needs', () => {
    expect(config.win?.icon).toBe('assets/icons/app.ico');
    expect(config.nsis).toMatchObject({ installerIcon: 'assets/icons/app.ico', uninstallerIcon: 'assets/icons/app.ico' });
    expect(icoSizes(readFileSync(join(root, 'assets/icons/app.ico')))).toEqual([16, 24, 32, 48, 64, 128, 256]);
    expect(config.linux?.icon).toBe('assets/icons/linux');
    const set = readdirSync(join(root, 'assets/icons/linux')).sort((a, b) => parseInt(a) - parseInt(b));
    expect(set).toEqual(['16x16.png', '24x24.png', '32x32.png', '48x48.png', '64x64.png', '128x128.png', '256x256.png', '512x512.png']);
    for (const f of set) {
      const n = parseInt(f);
      expect(pngSize(readFileSync(join(root, 'assets/icons/linux', f))), f).toEqual([n, n]);
    }
    // The window's, and the tray's with its @2x and the variant shown while a check-in is due.
    expect(pngSize(readFileSync(join(root, 'assets/icons/app.png')))).toEqual([512, 512]);
    for (const name of ['tray', 'tray-due']) {
      expect(pngSize(readFileSync(join(root, `assets/icons/${name}.png`)))).toEqual([16, 16]);
      expect(pngSize(readFileSync(join(root, `assets/icons/${name}@2x.png`)))).toEqual([32, 32]);
    }
  });

  it('ships no native module: nothing the app imports, nor anything they depend on, is compiled', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    // The packages the app's own code imports (Vite bundles them), and everything they depend on.
    const imported = new Set<string>();
    for (const dir of ['main', 'preload', 'renderer', 'shared']) {
      for (const f of readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })) {
        if (!/\.(ts|tsx)$/.test(f)) continue;
        const code = readFileSync(join(root, dir, f), 'utf8');
        const statements = [...code.matchAll(/^\s*(?:import|export)\b[^'";]*?from\s*'([^']+)'/gm), ...code.matchAll(/^\s*import\s*'([^']+)'/gm), ...code.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)];
        for (const m of statements) {
          const spec = m[1]!;
          if (spec.startsWith('.') || spec.startsWith('node:') || spec === 'electron') continue;
          imported.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
        }
      }
    }
    expect(imported.size).toBeGreaterThan(5);
    const seen = new Map<string, string>();
    const visit = (name: string, from: string) => {
      if (seen.has(name)) return;
      let manifest: string;
      try {
        manifest = createRequire(join(from, 'package.json')).resolve(`${name}/package.json`);
      } catch {
        return; // a package that hides its package.json: found again through its files below
      }
      const dir = dirname(manifest);
      seen.set(name, dir);
      const p = JSON.parse(readFileSync(manifest, 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string>; gypfile?: boolean };
      expect(p.gypfile ?? false, name).toBe(false);
      for (const d of [...Object.keys(p.dependencies ?? {}), ...Object.keys(p.optionalDependencies ?? {})]) visit(d, dir);
    };
    for (const name of imported) visit(name, root);
    expect([...imported].filter((n) => !seen.has(n) && !existsSync(join(root, 'node_modules', n)))).toEqual([]);
    for (const [name, dir] of seen) {
      expect(existsSync(join(dir, 'binding.gyp')), `${name} has binding.gyp`).toBe(false);
      const compiled = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.node') && !f.includes('node_modules') && statSync(join(dir, f)).isFile());
      expect(compiled, name).toEqual([]);
    }
    expect(require.resolve('dexie')).toContain('node_modules');
  });
});
