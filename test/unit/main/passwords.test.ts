import { describe, expect, it } from 'vitest';
import { randomBytes, scryptSync } from 'node:crypto';
import { hashPassword, needsUpgrade, parseHash, verifyPassword } from '../../../main/services/passwords';

describe('passwords', () => {
  it('stores salted scrypt and verifies only the right password', async () => {
    const a = await hashPassword('Zhuanwang2026');
    const b = await hashPassword('Zhuanwang2026');
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('Zhuanwang2026', a)).toBe(true);
    expect(await verifyPassword('zhuanwang2026', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it.each([
    ['', 'empty'],
    ['bcrypt$x', 'another scheme'],
    ['scrypt$32768$8$1$AAAA', 'too few parts'],
    ['scrypt$1073741824$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', 'absurd N'],
    ['scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', 'N not a power of two'],
    ['scrypt$32768$64$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', 'absurd r'],
    ['scrypt$32768$8$1$$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', 'no salt'],
  ])('refuses a malformed stored hash (%s: %s) without throwing', async (stored) => {
    expect(await verifyPassword('anything1', stored)).toBe(false);
  });

  it('new hashes meet the OWASP minimum (N=2^17, r=8, p=1); older ones are marked for upgrade and still verify', async () => {
    expect(needsUpgrade(await hashPassword('Zhuanwang2026'))).toBe(false);
    const salt = randomBytes(16);
    const old = `scrypt$32768$8$1$${salt.toString('base64')}$${scryptSync('Zhuanwang2026', salt, 32, { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }).toString('base64')}`;
    expect(needsUpgrade(old)).toBe(true);
    expect(await verifyPassword('Zhuanwang2026', old)).toBe(true);
  });

  it.each([
    ['scrypt$1048576$8$1', '1 GiB'],
    ['scrypt$131072$16$1', '256 MiB by r'],
    ['scrypt$131072$8$2', 'doubled by p'],
    ['scrypt$262144$8$1', '256 MiB by N'],
  ])('refuses stored parameters costing more than the cap (%s: %s) before any work', (prefix) => {
    expect(parseHash(`${prefix}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`)).toBeNull();
  });
});
