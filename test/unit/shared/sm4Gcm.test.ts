import { describe, expect, it } from 'vitest';
import { sm4 } from 'sm-crypto-v2';
import { sm4EncryptBlocks, sm4GcmOpen, sm4GcmSealInto, SM4_GCM_TAG_BYTES } from '../../../shared/crypto/sm4Gcm';

function bytes(length: number, seed: number): Uint8Array {
  const b = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  return b;
}

const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));

function seal(key: Uint8Array, nonce: Uint8Array, plain: Uint8Array): Uint8Array {
  const out = new Uint8Array(plain.length + SM4_GCM_TAG_BYTES);
  sm4GcmSealInto(key, nonce, plain, out, 0);
  return out;
}

describe('SM4 and SM4-GCM', () => {
  it('enciphers GB/T 32907’s example, once and a million times over', () => {
    const key = hex('0123456789abcdeffedcba9876543210');
    expect(Buffer.from(sm4EncryptBlocks(key, key)).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
    let block: Uint8Array = key;
    for (let i = 0; i < 1_000_000; i++) block = sm4EncryptBlocks(key, block);
    expect(Buffer.from(block).toString('hex')).toBe('595298c7c6fd271f0402f804c33d3f66');
  });

  it('gives byte for byte what sm-crypto-v2 gives, block by block and in GCM at every length around a block and a chunk', () => {
    for (let n = 0; n < 20; n++) {
      const key = bytes(16, 500 + n);
      const blocks = bytes(16 * (n + 1), 900 + n);
      expect(sm4EncryptBlocks(key, blocks)).toEqual(sm4.encrypt(blocks, key, { padding: 'none', output: 'array' }));
    }
    const lengths = [0, 1, 15, 16, 17, 31, 32, 33, 100, 255, 4096, 65_535, 65_536, 65_537];
    for (const [n, length] of lengths.entries()) {
      const key = bytes(16, 11 + n);
      const nonce = bytes(12, 101 + n);
      const plain = bytes(length, 1001 + n);
      const reference = sm4.encrypt(plain, key, { mode: 'gcm', iv: nonce, output: 'array', outputTag: true, padding: 'none' });
      const ours = seal(key, nonce, plain);
      expect(ours.subarray(0, length)).toEqual(reference.output);
      expect(ours.subarray(length)).toEqual(reference.tag);
      expect(sm4GcmOpen(key, nonce, ours)).toEqual(plain);
      // And the library opens what this one sealed.
      expect(sm4.decrypt(ours.subarray(0, length), key, { mode: 'gcm', iv: nonce, tag: ours.subarray(length), output: 'array', padding: 'none' })).toEqual(plain);
    }
  });

  it('opens nothing whose ciphertext, tag, key or nonce was changed, or that was cut short', () => {
    const key = bytes(16, 7);
    const nonce = bytes(12, 8);
    const plain = bytes(1000, 9);
    const sealed = seal(key, nonce, plain);
    for (const at of [0, 500, 999, 1000, 1015]) {
      const bad = sealed.slice();
      bad[at]! ^= 1;
      expect(sm4GcmOpen(key, nonce, bad)).toBeNull();
    }
    expect(sm4GcmOpen(bytes(16, 70), nonce, sealed)).toBeNull();
    expect(sm4GcmOpen(key, bytes(12, 80), sealed)).toBeNull();
    expect(sm4GcmOpen(key, nonce, sealed.subarray(0, 10))).toBeNull();
    expect(sm4GcmOpen(key, nonce, sealed.subarray(0, sealed.length - 1))).toBeNull();
  });
});
