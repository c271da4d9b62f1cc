import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Passwords are kept only as salted scrypt hashes: `scrypt$N$r$p$salt$hash`
 * (salt and hash in base64). Hashing lives in main so the renderer never
 * holds the parameters' cost, and the same code serves browser mode.
 */

const N = 32768;
const R = 8;
const P = 1;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
// A stored string is data from IndexedDB: cap what it may ask of the CPU and
// memory, so a tampered record cannot stall the app.
const MAX_N = 1 << 20;
const MAX_R = 16;
const MAX_P = 4;

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFC'), salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function maxmem(n: number, r: number): number {
  return 128 * n * r * 2;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scrypt(password, salt, KEY_BYTES, { N, r: R, p: P, maxmem: maxmem(N, R) });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const valid = (x: number, max: number) => Number.isInteger(x) && x >= 1 && x <= max;
  if (!valid(n, MAX_N) || (n & (n - 1)) !== 0 || n < 2 || !valid(r, MAX_R) || !valid(p, MAX_P)) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (salt.length < 8 || expected.length < 16 || expected.length > 64) return false;
  try {
    const key = await scrypt(password, salt, expected.length, { N: n, r, p, maxmem: maxmem(n, r) });
    return timingSafeEqual(key, expected);
  } catch {
    return false;
  }
}
