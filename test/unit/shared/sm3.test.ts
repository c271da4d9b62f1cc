import { describe, expect, it } from 'vitest';
import { sm3 as reference } from 'sm-crypto-v2';
import { sm3, utf8, utf8Portable } from '../../../shared/crypto/sm3';

describe('SM3', () => {
  it('matches the vectors of GB/T 32905-2016', () => {
    expect(sm3('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('matches sm-crypto-v2 at every length around the block and padding boundaries', () => {
    for (let n = 0; n <= 200; n++) {
      const text = 'x'.repeat(n);
      expect(sm3(text), `length ${n}`).toBe(reference(text));
    }
  });

  it('matches sm-crypto-v2 on Chinese text, emoji and change-log shaped JSON', () => {
    const samples = ['庄浪县人民政府办公室', '𠮷野家 🚀', JSON.stringify({ owner: '李明', mac: 'AA:BB:CC:DD:EE:FF', n: 1.5, x: null }).repeat(7)];
    for (const s of samples) expect(sm3(s)).toBe(reference(s));
  });

  it('encodes UTF-8 as TextEncoder does, lone surrogates included', () => {
    for (const s of ['a', 'é', '中文', '🚀', '\ud800', 'x\udc00y']) {
      expect(Array.from(utf8Portable(s))).toEqual(Array.from(new TextEncoder().encode(s)));
      expect(Array.from(utf8(s))).toEqual(Array.from(new TextEncoder().encode(s)));
    }
  });
});
