/**
 * SM3 (GB/T 32905-2016), the national hash of the default crypto suite.
 * Written here rather than taken from sm-crypto-v2 because that one runs at
 * about 17 MB/s on our machines, and every change-log entry is hashed on
 * write and again on verification and import. Checked against sm-crypto-v2
 * and the standard's vectors in test/unit/shared/sm3.test.ts.
 */

const IV = new Uint32Array([0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e]);

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));

// T_j rotated left by j mod 32, precomputed.
const T = new Int32Array(64);
for (let j = 0; j < 64; j++) T[j] = rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j % 32);

const W = new Int32Array(68);

function compress(v: Int32Array, block: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const o = offset + i * 4;
    W[i] = (block[o]! << 24) | (block[o + 1]! << 16) | (block[o + 2]! << 8) | block[o + 3]!;
  }
  for (let j = 16; j < 68; j++) {
    const x = W[j - 16]! ^ W[j - 9]! ^ rotl(W[j - 3]!, 15);
    W[j] = (x ^ rotl(x, 15) ^ rotl(x, 23)) ^ rotl(W[j - 13]!, 7) ^ W[j - 6]!;
  }
  let a = v[0]!, b = v[1]!, c = v[2]!, d = v[3]!, e = v[4]!, f = v[5]!, g = v[6]!, h = v[7]!;
  // Rounds 0–15 and 16–63 differ only in FF and GG; two loops keep the branch out of the hot path.
  for (let j = 0; j < 16; j++) {
    const a12 = (a << 12) | (a >>> 20);
    const s = (a12 + e + T[j]!) | 0;
    const ss1 = (s << 7) | (s >>> 25);
    const wj = W[j]!;
    const tt1 = ((a ^ b ^ c) + d + (ss1 ^ a12) + (wj ^ W[j + 4]!)) | 0;
    const tt2 = ((e ^ f ^ g) + h + ss1 + wj) | 0;
    d = c;
    c = (b << 9) | (b >>> 23);
    b = a;
    a = tt1;
    h = g;
    g = (f << 19) | (f >>> 13);
    f = e;
    e = tt2 ^ ((tt2 << 9) | (tt2 >>> 23)) ^ ((tt2 << 17) | (tt2 >>> 15));
  }
  for (let j = 16; j < 64; j++) {
    const a12 = (a << 12) | (a >>> 20);
    const s = (a12 + e + T[j]!) | 0;
    const ss1 = (s << 7) | (s >>> 25);
    const wj = W[j]!;
    const tt1 = (((a & b) | (a & c) | (b & c)) + d + (ss1 ^ a12) + (wj ^ W[j + 4]!)) | 0;
    const tt2 = (((e & f) | (~e & g)) + h + ss1 + wj) | 0;
    d = c;
    c = (b << 9) | (b >>> 23);
    b = a;
    a = tt1;
    h = g;
    g = (f << 19) | (f >>> 13);
    f = e;
    e = tt2 ^ ((tt2 << 9) | (tt2 >>> 23)) ^ ((tt2 << 17) | (tt2 >>> 15));
  }
  v[0]! ^= a; v[1]! ^= b; v[2]! ^= c; v[3]! ^= d; v[4]! ^= e; v[5]! ^= f; v[6]! ^= g; v[7]! ^= h;
}

export function sm3Bytes(message: Uint8Array): Uint8Array {
  const v = new Int32Array(IV);
  const full = message.length - (message.length % 64);
  for (let i = 0; i < full; i += 64) compress(v, message, i);
  // Padding: 0x80, zeros, then the bit length as a 64-bit big-endian integer.
  const rest = message.length - full;
  const tail = new Uint8Array(rest < 56 ? 64 : 128);
  tail.set(message.subarray(full));
  tail[rest] = 0x80;
  const bits = message.length * 8;
  const hi = Math.floor(bits / 0x100000000);
  const lo = bits >>> 0;
  const end = tail.length;
  tail[end - 8] = hi >>> 24; tail[end - 7] = hi >>> 16; tail[end - 6] = hi >>> 8; tail[end - 5] = hi;
  tail[end - 4] = lo >>> 24; tail[end - 3] = lo >>> 16; tail[end - 2] = lo >>> 8; tail[end - 1] = lo;
  for (let i = 0; i < tail.length; i += 64) compress(v, tail, i);
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    const w = v[i]!;
    out[i * 4] = w >>> 24; out[i * 4 + 1] = w >>> 16; out[i * 4 + 2] = w >>> 8; out[i * 4 + 3] = w;
  }
  return out;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]!];
  return s;
}

// Node and browsers both have TextEncoder; shared/ is typed without either
// environment, so it is looked up rather than assumed.
const encoder = (globalThis as { TextEncoder?: new () => { encode(text: string): Uint8Array } }).TextEncoder;
const nativeEncoder = encoder ? new encoder() : undefined;

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return nativeEncoder ? nativeEncoder.encode(text) : utf8Portable(text);
}

export function utf8Portable(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 3);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) out[n++] = c;
    else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 63);
    } else {
      if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low < 0xe000) {
          c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
          i++;
          out[n++] = 0xf0 | (c >> 18);
          out[n++] = 0x80 | ((c >> 12) & 63);
          out[n++] = 0x80 | ((c >> 6) & 63);
          out[n++] = 0x80 | (c & 63);
          continue;
        }
      }
      // A lone surrogate is encoded as U+FFFD, as TextEncoder does.
      if (c >= 0xd800 && c < 0xe000) c = 0xfffd;
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 63);
      out[n++] = 0x80 | (c & 63);
    }
  }
  return out.subarray(0, n);
}

/** SM3 of a string's UTF-8 bytes, as lower-case hex. */
export function sm3(text: string): string {
  return toHex(sm3Bytes(utf8(text)));
}

/**
 * SM3 over bytes that arrive in pieces (a backup streamed table by table):
 * the same digest as sm3Bytes of their concatenation, without ever holding
 * the whole message.
 */
export class Sm3Stream {
  private readonly v = new Int32Array(IV);
  private readonly block = new Uint8Array(64);
  private filled = 0;
  private length = 0;

  update(bytes: Uint8Array): this {
    let i = 0;
    this.length += bytes.length;
    if (this.filled > 0) {
      const take = Math.min(64 - this.filled, bytes.length);
      this.block.set(bytes.subarray(0, take), this.filled);
      this.filled += take;
      i = take;
      if (this.filled < 64) return this;
      compress(this.v, this.block, 0);
      this.filled = 0;
    }
    for (; i + 64 <= bytes.length; i += 64) compress(this.v, bytes, i);
    if (i < bytes.length) {
      this.block.set(bytes.subarray(i), 0);
      this.filled = bytes.length - i;
    }
    return this;
  }

  /** The digest as lower-case hex; the stream is finished afterwards. */
  hex(): string {
    const rest = this.filled;
    const tail = new Uint8Array(rest < 56 ? 64 : 128);
    tail.set(this.block.subarray(0, rest));
    tail[rest] = 0x80;
    const bits = this.length * 8;
    const hi = Math.floor(bits / 0x100000000);
    const lo = bits >>> 0;
    const end = tail.length;
    tail[end - 8] = hi >>> 24; tail[end - 7] = hi >>> 16; tail[end - 6] = hi >>> 8; tail[end - 5] = hi;
    tail[end - 4] = lo >>> 24; tail[end - 3] = lo >>> 16; tail[end - 2] = lo >>> 8; tail[end - 1] = lo;
    for (let i = 0; i < tail.length; i += 64) compress(this.v, tail, i);
    const out = new Uint8Array(32);
    for (let i = 0; i < 8; i++) {
      const w = this.v[i]!;
      out[i * 4] = w >>> 24; out[i * 4 + 1] = w >>> 16; out[i * 4 + 2] = w >>> 8; out[i * 4 + 3] = w;
    }
    return toHex(out);
  }
}
