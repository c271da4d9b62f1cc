import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// scripts/bench.mjs decides what to run before it builds or launches
// anything; --dry-run prints that decision, so group selection is tested
// without running a benchmark.
const appDir = mkdtempSync(join(tmpdir(), 'zw-bench-app-'));
for (const name of ['excel-import.mjs', 'excel.mjs', 'backup.mjs', 'backup-office.mjs', 'notes.txt']) writeFileSync(join(appDir, name), '');
afterAll(() => rmSync(appDir, { recursive: true, force: true }));

function plan(args: string[], env: Record<string, string> = {}) {
  const out = execFileSync(process.execPath, ['scripts/bench.mjs', '--dry-run', ...args], { env: { ...process.env, ZW_BENCH_ONLY: '', ZW_BENCH_APP_DIR: appDir, ...env } });
  return JSON.parse(out.toString()) as { groups: string[]; builtin: string[]; scripts: string[] };
}

describe('npm run bench groups', () => {
  it('runs every group, built-in and app scripts, when none is named', () => {
    const p = plan([]);
    expect(p.groups).toEqual(['cli', 'console', 'devices', 'checkins', 'ledgers', 'excel', 'integrity', 'evaluation', 'backup']);
    expect(p.scripts).toEqual(['backup-office.mjs', 'backup.mjs', 'excel-import.mjs', 'excel.mjs']);
  });

  it('runs only the named groups: their built-in figures and their scripts', () => {
    const p = plan(['excel', 'devices']);
    expect(p.builtin).toEqual(['devices', 'excel']);
    expect(p.scripts).toEqual(['excel-import.mjs', 'excel.mjs']);
  });

  it('a group made only of app scripts runs no built-in figure', () => {
    expect(plan(['backup'])).toMatchObject({ builtin: [], scripts: ['backup-office.mjs', 'backup.mjs'] });
  });

  it('keeps ZW_BENCH_ONLY, with one group or several', () => {
    expect(plan([], { ZW_BENCH_ONLY: 'console' })).toMatchObject({ groups: ['console'], scripts: [] });
    expect(plan([], { ZW_BENCH_ONLY: 'excel,cli' })).toMatchObject({ groups: ['cli', 'excel'] });
  });

  it('refuses a group that does not exist, naming the ones that do', () => {
    const run = spawnSync(process.execPath, ['scripts/bench.mjs', '--dry-run', 'exel'], { env: { ...process.env, ZW_BENCH_APP_DIR: appDir } });
    expect(run.status).toBe(2);
    expect(run.stderr.toString()).toContain('unknown group exel');
    expect(run.stderr.toString()).toContain('devices');
  });
});
