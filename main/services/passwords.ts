import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Passwords are kept only as salted scrypt hashes: `scrypt$N$r$p$salt$hash`
 * (salt and hash in base64). Hashing lives in main so the renderer never
 * holds the parameters' cost, and the same code serves browser mode.
 */

/** OWASP's minimum for scrypt (2^17, 8, 1): new hashes use it, older ones are upgraded at the next sign-in. */
export const SCRYPT_N = 1 << 17;
export const SCRYPT_R = 8;
export const SCRYPT_P = 1;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
// A stored string is data from a file: cap what it may ask of the CPU and
// memory, so a tampered record cannot stall the app or ask for gigabytes.
// 128·N·r bytes is what one scrypt call allocates.
const MAX_MEMORY = 192 * 1024 * 1024;
const MAX_P = 2;

export interface HashParams {
  n: number;
  r: number;
  p: number;
  salt: Buffer;
  expected: Buffer;
}

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFC'), salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

// Node refuses when 128·N·r exceeds maxmem; leave headroom over the exact figure.
function maxmem(n: number, r: number): number {
  return 128 * n * r + 16 * 1024 * 1024;
}

/** The parameters of a stored hash, or null when it is malformed or would cost more than the caps allow. */
export function parseHash(stored: string): HashParams | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [n, r, p] = parts.slice(1, 4).map((x) => (/^\d{1,10}$/.test(x) ? Number(x) : NaN)) as [number, number, number];
  if (!Number.isInteger(n) || n < 2 || (n & (n - 1)) !== 0) return null;
  if (!Number.isInteger(r) || r < 1 || !Number.isInteger(p) || p < 1 || p > MAX_P) return null;
  if (128 * n * r * p > MAX_MEMORY) return null;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (salt.length < 8 || expected.length < 16 || expected.length > 64) return null;
  return { n, r, p, salt, expected };
}

/** A well-formed hash made with weaker parameters than today's: rehash when its password is next given. */
export function needsUpgrade(stored: string): boolean {
  const params = parseHash(stored);
  return params !== null && (params.n < SCRYPT_N || params.r < SCRYPT_R || params.expected.length < KEY_BYTES);
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scrypt(password, salt, KEY_BYTES, { N: SCRYPT_N, r: SCRYPT_R, p: SCRYPT_P, maxmem: maxmem(SCRYPT_N, SCRYPT_R) });
  return `scrypt$${SCRYPT_N}$${SCRYPT_R}$${SCRYPT_P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const params = parseHash(stored);
  if (!params) return false;
  try {
    const key = await scrypt(password, params.salt, params.expected.length, { N: params.n, r: params.r, p: params.p, maxmem: maxmem(params.n, params.r) });
    return timingSafeEqual(key, params.expected);
  } catch {
    return false;
  }
}

/** Uncounted: for tests and tools only; the app checks through the sign-in guard. */
export async function anyHashMatches(password: string, hashes: string[]): Promise<boolean> {
  for (const h of hashes) if (await verifyPassword(password, h)) return true;
  return false;
}
