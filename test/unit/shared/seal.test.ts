import { describe, expect, it } from 'vitest';
import smCrypto from 'sm-crypto';
import { CRYPTO_SUITES, fromHex } from '../../../shared/bundle/suites';
import { generateSealKey, isSealed, isSealPublicKey, openSealed, readSealHeader, sealBundle, sealFingerprint, sealKeyIdOf, sealPublicKeyOf, type SealKeyPair } from '../../../shared/bundle/seal';
import { toHex, utf8 } from '../../../shared/crypto/sm3';
import golden from './sealGolden.json';
import { referenceFileKey, referenceOpen } from './sealReference';

const CHUNK = 1024;
const content = (n: number, seed = 1) => {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed * 7) & 0xff;
  return b;
};
const keys: Record<string, SealKeyPair> = Object.fromEntries(CRYPTO_SUITES.map((s) => [s, generateSealKey(s)]));

/** Where chunk i of a sealed file starts: after the three header lines. */
function chunkStart(sealed: Uint8Array, i: number): number {
  let lines = 0;
  let at = 0;
  while (lines < 3) if (sealed[at++] === 0x0a) lines++;
  return at + i * (CHUNK + 16);
}

describe.each(CRYPTO_SUITES)('sealed bundles, %s', (suite) => {
  const key = keys[suite]!;

  it('round-trips contents of every length around the chunk size, with the key id and fingerprint of the encryption key', () => {
    for (const n of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 17]) {
      const plain = content(n);
      const sealed = sealBundle(plain, key, CHUNK);
      expect(isSealed(sealed)).toBe(true);
      const opened = openSealed(sealed, [key]);
      expect(opened.ok && toHex(opened.content)).toBe(toHex(plain));
    }
    expect(sealPublicKeyOf(suite, key.privateKey)).toBe(key.publicKey);
    expect(isSealPublicKey(suite, key.publicKey)).toBe(true);
    expect(sealFingerprint(suite, key.publicKey)).toMatch(/^(\d{5} ){7}\d{5}$/);
  });

  it('keeps only routing outside the seal: nothing of the content is readable', () => {
    const plain = utf8('{"unitName":"庄浪县政府办","ip":"10.8.1.1"}'.repeat(50));
    const sealed = sealBundle(plain, key, CHUNK);
    const header = readSealHeader(sealed);
    expect(header.ok && Object.keys(header.header).sort()).toEqual(['chunkBytes', 'format', 'nonce', 'officeKeyId', 'payloadBytes', 'suite', 'wrappedKey', ...(suite === 'ed25519-sha256' ? ['share'] : [])].sort());
    expect(header.ok && header.header.officeKeyId).toBe(sealKeyIdOf(suite, key.publicKey));
    expect(Buffer.from(sealed).includes(Buffer.from('10.8.1.1'))).toBe(false);
    // A fresh file key and nonce each time: the same bundle never seals to the same bytes.
    expect(toHex(sealBundle(plain, key, CHUNK))).not.toBe(toHex(sealed));
  });

  it('is opened by the second implementation, and opens what the golden vector holds', () => {
    const plain = content(2 * CHUNK + 300);
    expect(toHex(referenceOpen(sealBundle(plain, key, CHUNK), key.privateKey, key.publicKey))).toBe(toHex(plain));
    const vector = golden[suite];
    const sealed = fromHex(vector.sealed);
    expect(toHex(referenceOpen(sealed, vector.privateKey, vector.publicKey))).toBe(golden.content);
    const opened = openSealed(sealed, [{ suite, publicKey: vector.publicKey, privateKey: vector.privateKey }]);
    expect(opened.ok && toHex(opened.content)).toBe(golden.content);
  });

  it('opens with an old key after a rotation, and only with the key it names', () => {
    const old = generateSealKey(suite);
    const sealed = sealBundle(content(5000), old, CHUNK);
    expect(openSealed(sealed, [key, old]).ok).toBe(true);
    expect(openSealed(sealed, [key])).toMatchObject({ ok: false, failure: 'otherOffice' });
  });

  describe('every tamper, each with its own failure', () => {
    const plain = content(4 * CHUNK + 100);
    const sealed = sealBundle(plain, key, CHUNK);

    it('a flipped byte in each chunk names that chunk', () => {
      for (let i = 0; i < 5; i++) {
        const bad = sealed.slice();
        bad[chunkStart(sealed, i) + 5]! ^= 0x01;
        expect(openSealed(bad, [key])).toMatchObject({ ok: false, failure: 'corruptChunk', chunk: i });
      }
      const badTag = sealed.slice();
      badTag[badTag.length - 1]! ^= 0x80;
      expect(openSealed(badTag, [key])).toMatchObject({ ok: false, failure: 'corruptChunk', chunk: 4 });
    });

    it('a dropped last chunk, or a file cut anywhere, is truncated', () => {
      expect(openSealed(sealed.subarray(0, chunkStart(sealed, 4)), [key])).toMatchObject({ ok: false, failure: 'truncated' });
      expect(openSealed(sealed.subarray(0, sealed.length - 1), [key])).toMatchObject({ ok: false, failure: 'truncated' });
      expect(openSealed(sealed.subarray(0, chunkStart(sealed, 0) - 10), [key])).toMatchObject({ ok: false, failure: 'truncated' });
      expect(openSealed(sealed.subarray(0, 40), [key])).toMatchObject({ ok: false, failure: 'truncated' });
    });

    it('bytes after the last chunk are refused', () => {
      expect(openSealed(new Uint8Array([...sealed, 0]), [key])).toMatchObject({ ok: false, failure: 'trailingData' });
    });

    it('swapped chunks are told as reordered', () => {
      const bad = sealed.slice();
      const a = chunkStart(sealed, 1);
      const b = chunkStart(sealed, 2);
      bad.set(sealed.subarray(b, b + CHUNK + 16), a);
      bad.set(sealed.subarray(a, a + CHUNK + 16), b);
      expect(openSealed(bad, [key])).toMatchObject({ ok: false, failure: 'reordered', chunk: 1 });
    });

    it('a chunk spliced from another bundle sealed to the same key is corrupt at its place', () => {
      const other = sealBundle(content(4 * CHUNK + 100, 2), key, CHUNK);
      const bad = sealed.slice();
      const at = chunkStart(sealed, 2);
      bad.set(other.subarray(chunkStart(other, 2), chunkStart(other, 3)), at);
      expect(openSealed(bad, [key])).toMatchObject({ ok: false, failure: 'corruptChunk', chunk: 2 });
    });

    it("another bundle's header on these chunks fails the header's MAC or the first chunk", () => {
      const other = sealBundle(content(4 * CHUNK + 100, 2), key, CHUNK);
      const bad = new Uint8Array([...other.subarray(0, chunkStart(other, 0)), ...sealed.subarray(chunkStart(sealed, 0))]);
      expect(openSealed(bad, [key])).toMatchObject({ ok: false, failure: 'corruptChunk', chunk: 0 });
    });

    it('a header changed by a byte fails its MAC; a wrapped key changed fails to unwrap', () => {
      const text = Buffer.from(sealed).toString('latin1');
      const edited = fromHex(toHex(sealed));
      const at = text.indexOf('"nonce":"') + 9;
      edited[at] = edited[at] === 0x30 ? 0x31 : 0x30;
      expect(openSealed(edited, [key])).toMatchObject({ ok: false, failure: 'headerAltered' });
      const wrapped = fromHex(toHex(sealed));
      const w = text.indexOf('"wrappedKey":"') + 14 + (suite === 'sm2-sm3' ? 140 : 10);
      wrapped[w] = wrapped[w] === 0x30 ? 0x31 : 0x30;
      expect(openSealed(wrapped, [key])).toMatchObject({ ok: false, failure: 'wrongKey' });
    });

    it('another office key is told apart from damage', () => {
      expect(openSealed(sealed, [generateSealKey(suite)])).toMatchObject({ ok: false, failure: 'otherOffice' });
    });

    it('a truncated or malformed header, and huge declared sizes, are refused before anything is allocated', () => {
      const text = Buffer.from(sealed).toString('latin1');
      const headerEnd = text.indexOf('\n', 20);
      expect(openSealed(sealed.subarray(0, headerEnd - 3), [key])).toMatchObject({ ok: false, failure: 'truncated' });
      const swap = (from: string, to: string) => Buffer.from(text.replace(from, to), 'latin1');
      const size = `"payloadBytes":${plain.length}`;
      expect(openSealed(swap(size, '"payloadBytes":99999999999'), [key])).toMatchObject({ ok: false, failure: 'tooLarge' });
      expect(openSealed(swap(`"chunkBytes":${CHUNK}`, '"chunkBytes":2147483647'), [key])).toMatchObject({ ok: false, failure: 'tooLarge' });
      expect(openSealed(swap('"format"', '"fornat"'), [key])).toMatchObject({ ok: false, failure: 'badHeader' });
      expect(openSealed(swap('{', '{"__proto__":{},'), [key])).toMatchObject({ ok: false, failure: 'badHeader' });
      expect(openSealed(new Uint8Array([...utf8('zwledger-sealed/1\n'), ...new Uint8Array(5000).fill(0x41)]), [key])).toMatchObject({ ok: false, failure: 'badHeader' });
      expect(openSealed(utf8('PK\u0003\u0004 a plain zip'), [key])).toMatchObject({ ok: false, failure: 'notSealed' });
    });
  });
});

describe('the SM2 wrap is GB/T 32918.4 C1C3C2, as sm-crypto reads it', () => {
  it('unwraps to a 16-byte file key with both implementations', () => {
    const key = keys['sm2-sm3']!;
    const sealed = sealBundle(content(100), key, CHUNK);
    const header = readSealHeader(sealed);
    if (!header.ok) throw new Error(header.failure);
    expect(header.header.wrappedKey).toMatch(/^04[0-9a-f]{128}[0-9a-f]{64}[0-9a-f]{32}$/);
    const fileKey = referenceFileKey(header.header, key.privateKey, key.publicKey);
    expect(fileKey.length).toBe(16);
    // Read as C1C2C3 the same bytes do not decrypt: the order is part of the profile.
    expect(smCrypto.sm2.doDecrypt(header.header.wrappedKey.slice(2), key.privateKey, 0, { output: 'array' })).toEqual([]);
  });
});
