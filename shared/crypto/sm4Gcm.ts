import { ghash } from '@noble/ciphers/_polyval.js';

/**
 * SM4 (GB/T 32907) and SM4-GCM (NIST SP 800-38D's GCM over SM4) for a
 * 12-byte nonce and no associated data, as sealed bundles and backups use
 * them. The block cipher uses the usual four 256-entry tables that fold the
 * S-box into the linear transform, and GHASH is @noble/ciphers' with the
 * table sized for the chunk: sm-crypto-v2 (which this replaces on the
 * sealing path) runs the S-box byte by byte and GHASH with its smallest
 * table, which made SM4-GCM the larger part of what sealing costs. Its
 * output is byte for byte sm-crypto-v2's, checked by
 * test/unit/shared/sm4Gcm.test.ts and the sealed bundles' golden vectors.
 */

const SBOX = Uint8Array.from('d690e9fecce13db716b614c228fb2c052b679a762abe04c3aa441326498606999c4250f491ef987a33540b43edcfac62e4b31ca9c908e89580df94fa758f3fa64707a7fcf37317ba83593c19e6854fa8686b81b27164da8bf8eb0f4b70569d351e240e5e6358d1a225227c3b01217887d40046579fd327524c3602e7a0c4c89eeabf8ad240c738b5a3f7f2cef96115a1e0ae5da49b341a55ad933230f58cb1e31df6e22e8266ca60c02923ab0d534e6fd5db3745defd8e2f03ff6a726d6c5b518d1baf92bbddbc7f11d95c411f105ad80ac13188a5cd7bbd2d74d012b8e5b4b08969974a0c96777e65b9f109c56ec68418f07dec3adc4d2079ee5f3ed7cb3948'.match(/../g)!.map((h) => parseInt(h, 16)));
const FK = [0xa3b1bac6, 0x56aa3350, 0x677d9197, 0xb27022dc];

const rotl = (x: number, n: number) => ((x << n) | (x >>> (32 - n))) >>> 0;
/** The S-box on each byte of a word. */
const tau = (x: number) => ((SBOX[x >>> 24]! << 24) | (SBOX[(x >>> 16) & 255]! << 16) | (SBOX[(x >>> 8) & 255]! << 8) | SBOX[x & 255]!) >>> 0;

/** T(x) = L(τ(x)), one table per byte position: L is linear, so L(τ(x)) is the XOR of the four. */
const T = Array.from({ length: 4 }, (_, position) => {
  const table = new Uint32Array(256);
  for (let b = 0; b < 256; b++) {
    const s = (SBOX[b]! << (24 - 8 * position)) >>> 0;
    table[b] = (s ^ rotl(s, 2) ^ rotl(s, 10) ^ rotl(s, 18) ^ rotl(s, 24)) >>> 0;
  }
  return table;
});
const [T0, T1, T2, T3] = T as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];

/** The 32 round keys of a 16-byte key. */
function roundKeys(key: Uint8Array): Uint32Array {
  const view = new DataView(key.buffer, key.byteOffset, 16);
  const k = [0, 1, 2, 3].map((i) => (view.getUint32(4 * i, false) ^ FK[i]!) >>> 0);
  const rk = new Uint32Array(32);
  for (let i = 0; i < 32; i++) {
    // CK: byte j of word i is (4i + j) · 7 mod 256.
    const ck = ((((4 * i) * 7) & 255) << 24) | ((((4 * i + 1) * 7) & 255) << 16) | ((((4 * i + 2) * 7) & 255) << 8) | (((4 * i + 3) * 7) & 255);
    const t = tau((k[i + 1]! ^ k[i + 2]! ^ k[i + 3]! ^ ck) >>> 0);
    k.push((k[i]! ^ t ^ rotl(t, 13) ^ rotl(t, 23)) >>> 0);
    rk[i] = k[i + 4]!;
  }
  return rk;
}

/** Enciphers every 16-byte block of `data` (a multiple of 16 bytes) in place. */
function encipherBlocks(rk: Uint32Array, data: Uint8Array): void {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let at = 0; at < data.length; at += 16) {
    let x0 = view.getUint32(at, false);
    let x1 = view.getUint32(at + 4, false);
    let x2 = view.getUint32(at + 8, false);
    let x3 = view.getUint32(at + 12, false);
    for (let r = 0; r < 32; r += 4) {
      let t = x1 ^ x2 ^ x3 ^ rk[r]!;
      x0 ^= T0[t >>> 24]! ^ T1[(t >>> 16) & 255]! ^ T2[(t >>> 8) & 255]! ^ T3[t & 255]!;
      t = x2 ^ x3 ^ x0 ^ rk[r + 1]!;
      x1 ^= T0[t >>> 24]! ^ T1[(t >>> 16) & 255]! ^ T2[(t >>> 8) & 255]! ^ T3[t & 255]!;
      t = x3 ^ x0 ^ x1 ^ rk[r + 2]!;
      x2 ^= T0[t >>> 24]! ^ T1[(t >>> 16) & 255]! ^ T2[(t >>> 8) & 255]! ^ T3[t & 255]!;
      t = x0 ^ x1 ^ x2 ^ rk[r + 3]!;
      x3 ^= T0[t >>> 24]! ^ T1[(t >>> 16) & 255]! ^ T2[(t >>> 8) & 255]! ^ T3[t & 255]!;
    }
    // The output is the last four words in reverse order.
    view.setUint32(at, x3 >>> 0, false);
    view.setUint32(at + 4, x2 >>> 0, false);
    view.setUint32(at + 8, x1 >>> 0, false);
    view.setUint32(at + 12, x0 >>> 0, false);
  }
}

/** SM4 of whole blocks under a 16-byte key: the block cipher alone, for the tests and GCM below. */
export function sm4EncryptBlocks(key: Uint8Array, blocks: Uint8Array): Uint8Array {
  if (key.length !== 16) throw new Error('SM4 key must be 16 bytes');
  if (blocks.length % 16 !== 0) throw new Error('SM4 works on whole 16-byte blocks');
  const out = blocks.slice();
  encipherBlocks(roundKeys(key), out);
  return out;
}

const BLOCK = 16;
export const SM4_GCM_TAG_BYTES = 16;

/**
 * H = E(K, 0¹²⁸), the tag's mask E(K, J0) with J0 = IV ‖ 0³¹1, and the key
 * stream E(K, inc32ⁱ(J0)) for `length` bytes, enciphered together.
 */
function keyStream(key: Uint8Array, nonce: Uint8Array, length: number) {
  if (key.length !== 16) throw new Error('SM4 key must be 16 bytes');
  if (nonce.length !== 12) throw new Error('GCM nonce must be 12 bytes');
  const count = Math.ceil(length / BLOCK);
  const blocks = new Uint8Array((count + 2) * BLOCK);
  const view = new DataView(blocks.buffer);
  for (let i = 0; i <= count; i++) {
    const at = (i + 1) * BLOCK;
    blocks.set(nonce, at);
    // GCM's 32-bit counter; a sealed chunk is far below 2³² blocks, so it never wraps.
    view.setUint32(at + 12, i + 1, false);
  }
  encipherBlocks(roundKeys(key), blocks);
  return { hashKey: blocks.subarray(0, BLOCK), mask: blocks.subarray(BLOCK, 2 * BLOCK), stream: blocks.subarray(2 * BLOCK) };
}

function tagOf(hashKey: Uint8Array, mask: Uint8Array, cipher: Uint8Array): Uint8Array {
  // len(A) = 0 in the first half; len(C) in bits, big-endian, in the second.
  const lengths = new Uint8Array(BLOCK);
  const view = new DataView(lengths.buffer);
  const bits = cipher.length * 8;
  view.setUint32(8, Math.floor(bits / 2 ** 32), false);
  view.setUint32(12, bits >>> 0, false);
  const g = ghash.create(hashKey, cipher.length);
  g.update(cipher);
  g.update(lengths);
  const tag = g.digest();
  for (let i = 0; i < BLOCK; i++) tag[i]! ^= mask[i]!;
  return tag;
}

/** The ciphertext followed by its 16-byte tag, written into `out` at `at`. */
export function sm4GcmSealInto(key: Uint8Array, nonce: Uint8Array, plain: Uint8Array, out: Uint8Array, at: number): void {
  const { hashKey, mask, stream } = keyStream(key, nonce, plain.length);
  const cipher = out.subarray(at, at + plain.length);
  for (let i = 0; i < plain.length; i++) cipher[i] = plain[i]! ^ stream[i]!;
  out.set(tagOf(hashKey, mask, cipher), at + plain.length);
}

/** The plaintext of ciphertext ‖ tag, or null when the tag does not authenticate it. */
export function sm4GcmOpen(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array): Uint8Array | null {
  if (sealed.length < SM4_GCM_TAG_BYTES) return null;
  const cipher = sealed.subarray(0, sealed.length - SM4_GCM_TAG_BYTES);
  const given = sealed.subarray(sealed.length - SM4_GCM_TAG_BYTES);
  const { hashKey, mask, stream } = keyStream(key, nonce, cipher.length);
  const expected = tagOf(hashKey, mask, cipher);
  let differ = 0;
  for (let i = 0; i < SM4_GCM_TAG_BYTES; i++) differ |= expected[i]! ^ given[i]!;
  if (differ !== 0) return null;
  const plain = new Uint8Array(cipher.length);
  for (let i = 0; i < cipher.length; i++) plain[i] = cipher[i]! ^ stream[i]!;
  return plain;
}
