import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../main/services/passwords';

describe('passwords', () => {
  it('stores salted scrypt and verifies only the right password', async () => {
    const a = await hashPassword('Zhuanwang2026');
    const b = await hashPassword('Zhuanwang2026');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
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
});
