import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../../../shared/encoding/base64';

describe('toBase64', () => {
  it('matches the standard encoding for every length remainder and every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (let n = 0; n <= 256; n++) {
      const bytes = all.subarray(0, n);
      expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });

  it('encodes a bundle-sized random file as Node does', () => {
    const bytes = new Uint8Array(300_001);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) bytes[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });

  it('gives the RFC 4648 test vectors', () => {
    const vectors: [string, string][] = [['', ''], ['f', 'Zg=='], ['fo', 'Zm8='], ['foo', 'Zm9v'], ['foob', 'Zm9vYg=='], ['fooba', 'Zm9vYmE='], ['foobar', 'Zm9vYmFy']];
    for (const [plain, encoded] of vectors) expect(toBase64(new TextEncoder().encode(plain))).toBe(encoded);
  });
});

describe('fromBase64', () => {
  it('decodes what toBase64 encodes, for every length remainder, and refuses what is not base64', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (let n = 0; n <= 256; n++) expect(fromBase64(toBase64(all.subarray(0, n)))).toEqual(all.subarray(0, n));
    for (const bad of ['Zg=', 'Z===', 'Zm9v!A==', 'Zm=v']) expect(() => fromBase64(bad)).toThrow();
  });
});
