import { describe, expect, it } from 'vitest';
import { beginSealedBackup, deriveBackupKey, isPassSealed, openWithPassphrase, readPassHeader, SealedBackupDamage, SealedBackupReader, unwrapBackupKey } from '../../../shared/backup/passSeal';
import { concatBytes } from '@noble/hashes/utils.js';
import { utf8 } from '../../../shared/crypto/sm3';
import type { CryptoSuite } from '../../../shared/bundle/suites';

const PASSPHRASE = '备份口令 Backup-2026';
const CHUNK = 1024;
// The cheapest cost a reader accepts: these tests are about the construction, not the KDF's price.
const kekOf = (passphrase = PASSPHRASE) => deriveBackupKey(passphrase, new Uint8Array(16).fill(7), 2 ** 14);

function content(n: number): Uint8Array {
  let x = n + 1;
  return Uint8Array.from({ length: n }, () => (x = (x * 1103515245 + 12345) >>> 0) >>> 24);
}

async function sealed(plain: Uint8Array, suite: CryptoSuite = 'sm2-sm3'): Promise<Uint8Array> {
  const { head, sealer } = beginSealedBackup(await kekOf(), suite, CHUNK);
  // In uneven pieces, as a backup arrives.
  const parts = [head];
  for (let at = 0; at < plain.length; at += 700) parts.push(sealer.push(plain.subarray(at, at + 700)));
  parts.push(sealer.finish());
  return concatBytes(...parts);
}

async function reader(file: Uint8Array, passphrase = PASSPHRASE): Promise<SealedBackupReader> {
  const read = readPassHeader(file);
  if (!read.ok) throw new Error(read.failure);
  const fileKey = await openWithPassphrase(read, passphrase);
  if (!fileKey) throw new Error('wrong passphrase');
  return new SealedBackupReader(read.header, fileKey, read.start, file.length, async (o, l) => file.slice(o, o + l));
}

describe('backups sealed with a passphrase', () => {
  it.each([
    ['sm2-sm3', 0],
    ['sm2-sm3', 1023],
    ['sm2-sm3', 1024],
    ['sm2-sm3', 5000],
    ['ed25519-sha256', 2048],
    ['ed25519-sha256', 3001],
  ] as const)('round trip in %s, %i bytes, read whole and in any slice', async (suite, n) => {
    const plain = content(n);
    const file = await sealed(plain, suite);
    expect(isPassSealed(file)).toBe(true);
    const r = await reader(file);
    expect(r.size).toBe(n);
    expect(await r.read(0, n)).toEqual(plain);
    if (n > 0) {
      expect(await r.read(n - 16 > 0 ? n - 16 : 0, 16)).toEqual(plain.subarray(Math.max(0, n - 16)));
      expect(await r.read(Math.floor(n / 3), 1500)).toEqual(plain.subarray(Math.floor(n / 3), Math.floor(n / 3) + 1500));
    }
  });

  it('shows only the routing facts outside the seal', async () => {
    const plain = utf8('ZWBAK2\n{"unit":{"name":"庄浪县信息办"},"ip":"10.30.1.11"}');
    const file = await sealed(plain);
    const text = new TextDecoder().decode(file);
    expect(text).not.toContain('庄浪');
    expect(text).not.toContain('10.30.1.11');
    const read = readPassHeader(file);
    expect(read.ok && Object.keys(read.header).sort()).toEqual(['chunkBytes', 'format', 'kdf', 'nonce', 'suite', 'wrappedKey']);
  });

  it('does not open with a wrong passphrase, nor when its header was changed', async () => {
    const file = await sealed(content(3000));
    const read = readPassHeader(file);
    if (!read.ok) throw new Error('header');
    expect(await openWithPassphrase(read, 'another passphrase 1A')).toBeNull();
    const edited = new TextEncoder().encode(new TextDecoder().decode(file.subarray(0, read.start)).replace('"chunkBytes":1024', '"chunkBytes":2048'));
    const altered = readPassHeader(new Uint8Array([...edited, ...file.subarray(read.start)]));
    expect(altered.ok).toBe(true);
    if (altered.ok) expect(unwrapBackupKey(altered, (await kekOf()).key)).toBeNull();
  });

  it('refuses a header that asks for more memory than a reader gives', async () => {
    const file = await sealed(content(10));
    const text = new TextDecoder().decode(file.subarray(0, 400)).replace(`"N":${2 ** 14}`, `"N":${2 ** 20}`);
    expect(readPassHeader(new TextEncoder().encode(text))).toEqual({ ok: false, failure: 'badHeader' });
  });

  it('detects a changed byte, a file cut short (inside a chunk or at a chunk boundary) and chunks swapped', async () => {
    const plain = content(4096 + 100);
    const file = await sealed(plain);
    const read = readPassHeader(file);
    if (!read.ok) throw new Error('header');
    const stride = CHUNK + 16;
    const readAll = async (bytes: Uint8Array) => (await reader(bytes)).read(0, plain.length);

    const flipped = file.slice();
    flipped[read.start + stride + 5]! ^= 1;
    await expect(readAll(flipped)).rejects.toBeInstanceOf(SealedBackupDamage);

    await expect(readAll(file.slice(0, file.length - 40))).rejects.toBeInstanceOf(SealedBackupDamage);
    // Cut after the fourth whole chunk: what is now the last chunk was not sealed as the last.
    const atBoundary = file.slice(0, read.start + 4 * stride);
    await expect((await reader(atBoundary)).read(0, 4 * CHUNK)).rejects.toBeInstanceOf(SealedBackupDamage);

    const swapped = file.slice();
    swapped.set(file.subarray(read.start + stride, read.start + 2 * stride), read.start);
    swapped.set(file.subarray(read.start, read.start + stride), read.start + stride);
    await expect(readAll(swapped)).rejects.toBeInstanceOf(SealedBackupDamage);
  });
});
