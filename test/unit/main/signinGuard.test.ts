import { describe, expect, it } from 'vitest';
import { randomBytes, scryptSync } from 'node:crypto';
import * as fs from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSigninGuard, GuardError, type SigninGuardDeps } from '../../../main/services/signinGuard';
import { SIGNIN_LOCK_MS } from '../../../shared/domain/account';

const UNIT = 'unit-1';
const ADMIN = 'acct-admin';
const PASSWORD = 'Zhuanwang2026';

/** A fake clock pair: the monotonic one only moves when the test says so; the wall one can be set anywhere. */
function clocks() {
  const c = { mono: 1000, wall: Date.parse('2026-03-24T08:30:00+08:00') };
  return c;
}

function guardIn(dir: string, c = clocks(), extra: Partial<SigninGuardDeps> = {}) {
  let n = 0;
  const guard = createSigninGuard({
    fs,
    dir,
    file: join(dir, 'accounts.json'),
    monotonic: () => c.mono,
    now: () => c.wall,
    randomToken: () => (n++).toString(16).padStart(64, '0'),
    // Fast stand-ins for scrypt: the guard's rules are what is tested here.
    hashPassword: async (p) => `fake:${p}`,
    verifyPassword: async (p, h) => h === `fake:${p}`,
    ...extra,
  });
  return { guard, c };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'zw-guard-'));

async function withAdmin(dir = tmp(), c = clocks(), extra: Partial<SigninGuardDeps> = {}) {
  const made = guardIn(dir, c, extra);
  await made.guard.setupAdmin({ unitId: UNIT, accountId: ADMIN, username: 'admin', password: PASSWORD });
  return { ...made, dir };
}

/** A hash as an older build made it (N=2^10), the way the renderer kept them. */
function oldHash(password: string, n = 1024): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFC'), salt, 32, { N: n, r: 8, p: 1 });
  return `scrypt$${n}$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
}

describe('sign-in guard', () => {
  it('counts eight wrong passwords sent at once one after another, and ends locked', async () => {
    const { guard } = await withAdmin();
    const results = await Promise.all(Array.from({ length: 8 }, () => guard.signIn({ unitId: UNIT, username: 'admin', password: 'wrong-1' })));
    expect(results.filter((r) => 'left' in r).map((r) => (r as { left: number }).left)).toEqual([4, 3, 2, 1]);
    expect(results.filter((r) => 'lockedUntil' in r)).toHaveLength(4);
    // Locked: even the right password is refused.
    expect(await guard.signIn({ unitId: UNIT, username: 'admin', password: PASSWORD })).toMatchObject({ ok: false, lockedUntil: expect.any(Number) });
  });

  it('a try while locked neither resets nor lifts the lock', async () => {
    const { guard, c } = await withAdmin();
    for (let i = 0; i < 5; i++) await guard.signIn({ unitId: UNIT, username: 'admin', password: 'wrong-1' });
    c.mono += SIGNIN_LOCK_MS - 1000;
    const during = await guard.signIn({ unitId: UNIT, username: 'admin', password: 'wrong-2' });
    expect(during).toMatchObject({ ok: false, lockedUntil: c.wall + 1000 });
    c.mono += 999;
    expect(await guard.signIn({ unitId: UNIT, username: 'admin', password: PASSWORD })).toMatchObject({ ok: false });
    c.mono += 2;
    expect(await guard.signIn({ unitId: UNIT, username: 'admin', password: PASSWORD })).toMatchObject({ ok: true, accountId: ADMIN });
  });

  it('moving the wall clock six minutes on does not unlock; only time passing on the monotonic clock does', async () => {
    const { guard, c } = await withAdmin();
    for (let i = 0; i < 5; i++) await guard.signIn({ unitId: UNIT, username: 'admin', password: 'wrong-1' });
    c.wall += 6 * 60 * 1000;
    expect(await guard.signIn({ unitId: UNIT, username: 'admin', password: PASSWORD })).toMatchObject({ ok: false, lockedUntil: expect.any(Number) });
    c.mono += SIGNIN_LOCK_MS;
    expect(await guard.signIn({ unitId: UNIT, username: 'admin', password: PASSWORD })).toMatchObject({ ok: true });
  });

  it('the lock screen, key and export checks count against the same lock as sign-in', async () => {
    const { guard } = await withAdmin();
    for (let i = 0; i < 3; i++) await guard.confirm({ accountId: ADMIN, password: 'wrong-1' });
    expect(await guard.signIn({ unitId: UNIT, username: 'ADMIN ', password: 'wrong-1' })).toEqual({ ok: false, left: 1 });
    expect(await guard.confirm({ accountId: ADMIN, password: 'wrong-1' })).toMatchObject({ lockedUntil: expect.any(Number) });
    expect(await guard.confirm({ accountId: ADMIN, password: PASSWORD })).toMatchObject({ ok: false, lockedUntil: expect.any(Number) });
    // A changed password is a counted check too.
    expect(await guard.changePassword({ accountId: ADMIN, current: PASSWORD, next: 'Another2026' })).toMatchObject({ ok: false, lockedUntil: expect.any(Number) });
  });

  it('a lock survives a restart of main, and so does the count', async () => {
    const { guard, dir, c } = await withAdmin();
    for (let i = 0; i < 5; i++) await guard.signIn({ unitId: UNIT, username: 'admin', password: 'wrong-1' });
    const after = guardIn(dir, { mono: 5, wall: c.wall + 60_000 }).guard;
    expect(await after.signIn({ unitId: UNIT, username: 'admin', password: PASSWORD })).toMatchObject({ ok: false, lockedUntil: expect.any(Number) });
  });

  it('unknown usernames are counted and locked the same way', async () => {
    const { guard } = await withAdmin();
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await guard.signIn({ unitId: UNIT, username: 'nobody', password: 'x' }));
    expect(results.map((r) => ('left' in r ? r.left : 'locked'))).toEqual([4, 3, 2, 1, 'locked']);
  });

  it('runs at most two hashes at once, however many checks arrive', async () => {
    let running = 0;
    let peak = 0;
    const slow = async (p: string, h: string) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running -= 1;
      return h === `fake:${p}`;
    };
    const { guard } = await withAdmin(tmp(), clocks(), { verifyPassword: slow });
    await Promise.all(Array.from({ length: 10 }, (_, i) => guard.signIn({ unitId: UNIT, username: `user${i}`, password: 'x' })));
    expect(peak).toBe(2);
  });

  it('takes a hash kept by the page only once, only when its own password opens it, then upgrades it', async () => {
    const dir = tmp();
    const { guard } = guardIn(dir, clocks(), { hashPassword: undefined, verifyPassword: undefined });
    const legacy = { accountId: 'acct-old', role: 'admin' as const, hash: oldHash(PASSWORD) };
    // A hash planted with the wrong password is not kept.
    expect(await guard.signIn({ unitId: UNIT, username: 'old', password: 'guess-123', legacy })).toEqual({ ok: false, left: 4 });
    expect(await guard.signIn({ unitId: UNIT, username: 'old', password: PASSWORD, legacy })).toMatchObject({ ok: true, accountId: 'acct-old' });
    const stored = JSON.parse(await fs.readFile(join(dir, 'accounts.json'), 'utf8')) as { accounts: Record<string, { hash: string }> };
    expect(stored.accounts['acct-old']!.hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    // From now on the page's copy is not believed: a hash of another password does not open the account.
    const swapped = { ...legacy, hash: oldHash('Attacker-1') };
    expect(await guard.signIn({ unitId: UNIT, username: 'old', password: 'Attacker-1', legacy: swapped })).toEqual({ ok: false, left: 4 });
    expect(await guard.signIn({ unitId: UNIT, username: 'old', password: PASSWORD })).toMatchObject({ ok: true });
  }, 20_000);

  it('account changes need an administrator session, and the unit keeps an administrator', async () => {
    const { guard } = await withAdmin();
    const signed = await guard.signIn({ unitId: UNIT, username: 'admin', password: PASSWORD });
    if (!signed.ok || !signed.session) throw new Error('sign-in failed');
    const session = signed.session;
    await expect(guard.saveAccount({ session: 'f'.repeat(64), accountId: 'acct-2', username: 'duty1', role: 'duty', retired: false, password: 'Duty2026x' })).rejects.toEqual(new GuardError('noSession'));
    await guard.saveAccount({ session, accountId: 'acct-2', username: 'duty1', role: 'duty', retired: false, password: 'Duty2026x' });
    const duty = await guard.signIn({ unitId: UNIT, username: 'duty1', password: 'Duty2026x' });
    if (!duty.ok || !duty.session) throw new Error('duty sign-in failed');
    // A duty officer's session cannot make themselves an administrator.
    await expect(guard.saveAccount({ session: duty.session, accountId: 'acct-2', username: 'duty1', role: 'admin', retired: false })).rejects.toEqual(new GuardError('forbidden'));
    await expect(guard.saveAccount({ session, accountId: ADMIN, username: 'admin', role: 'auditor', retired: false })).rejects.toEqual(new GuardError('lastAdmin'));
    await guard.saveAccount({ session, accountId: 'acct-2', username: 'duty1', role: 'admin', retired: false });
    await guard.saveAccount({ session, accountId: ADMIN, username: 'admin', role: 'auditor', retired: false });
    expect(guard.allowed(ADMIN, 'accounts.manage')).toBe(false);
    expect(guard.allowed('acct-2', 'accounts.manage')).toBe(true);
    // setup cannot be run again to plant a second "first" administrator.
    await expect(guard.setupAdmin({ unitId: UNIT, accountId: 'acct-3', username: 'evil', password: 'Evil2026x' })).rejects.toEqual(new GuardError('exists'));
  });

  it('a changed password replaces the old one', async () => {
    const { guard } = await withAdmin();
    expect(await guard.changePassword({ accountId: ADMIN, current: PASSWORD, next: 'Another2026' })).toMatchObject({ ok: true, hash: 'fake:Another2026' });
    expect(await guard.signIn({ unitId: UNIT, username: 'admin', password: PASSWORD })).toMatchObject({ ok: false });
    expect(await guard.signIn({ unitId: UNIT, username: 'admin', password: 'Another2026' })).toMatchObject({ ok: true });
  });

  it('a backup administrator password on a fresh PC is counted and locked too', async () => {
    const { guard } = guardIn(tmp());
    for (let i = 0; i < 5; i++) expect(await guard.checkBackupAdmin('wrong-1', ['fake:Right2026'])).toBe(false);
    expect(await guard.checkBackupAdmin('Right2026', ['fake:Right2026'])).toBe(false);
  });
});
