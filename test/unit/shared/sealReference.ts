import { createCipheriv, createDecipheriv, createHmac, diffieHellman, createPrivateKey, createPublicKey, hkdfSync } from 'node:crypto';
import smCrypto from 'sm-crypto';
import { fromHex } from '../../../shared/bundle/suites';
import { toHex, utf8 } from '../../../shared/crypto/sm3';

/**
 * A second opener of sealed bundles, written from the format's description
 * with other implementations than the app's: sm-crypto (the original package)
 * for SM2 decryption, HMAC-SM3 and the SM4 block cipher, GCM and HKDF written
 * out here over them; Node's OpenSSL for X25519, HKDF-SHA-256 and
 * ChaCha20-Poly1305. Tests only.
 */

const MAGIC = 'zwledger-sealed/1\n';

function hmacSm3(key: Uint8Array, message: Uint8Array): Uint8Array {
  return fromHex(smCrypto.sm3(Array.from(message), { key: Array.from(key), mode: 'hmac' }));
}

/** RFC 5869 over HMAC-SM3. */
function hkdfSm3(ikm: Uint8Array, salt: Uint8Array, info: string, length: number): Uint8Array {
  const prk = hmacSm3(salt.length ? salt : new Uint8Array(32), ikm);
  const out: number[] = [];
  let t: Uint8Array = new Uint8Array(0);
  for (let i = 1; out.length < length; i++) {
    t = hmacSm3(prk, new Uint8Array([...t, ...utf8(info), i]));
    out.push(...t);
  }
  return new Uint8Array(out.slice(0, length));
}

const sm4Block = (key: Uint8Array, block: Uint8Array) => new Uint8Array(smCrypto.sm4.encrypt(Array.from(block), Array.from(key), { padding: 'none', output: 'array' }));

const toBig = (b: Uint8Array) => BigInt(`0x${toHex(b) || '0'}`);
const fromBig = (n: bigint) => fromHex(n.toString(16).padStart(32, '0'));
const R = 0xe1n << 120n;

/** GF(2^128) multiplication of GCM (NIST SP 800-38D, Algorithm 1), bit by bit. */
function gmul(x: bigint, y: bigint): bigint {
  let z = 0n;
  let v = y;
  for (let i = 127n; i >= 0n; i--) {
    if ((x >> i) & 1n) z ^= v;
    v = v & 1n ? (v >> 1n) ^ R : v >> 1n;
  }
  return z;
}

/** SM4-GCM decryption with a 12-byte IV and no associated data; null when the tag does not match. */
function sm4GcmOpen(key: Uint8Array, iv: Uint8Array, sealed: Uint8Array): Uint8Array | null {
  const body = sealed.subarray(0, sealed.length - 16);
  const tag = sealed.subarray(sealed.length - 16);
  const h = toBig(sm4Block(key, new Uint8Array(16)));
  let y = 0n;
  for (let i = 0; i < body.length; i += 16) {
    const block = new Uint8Array(16);
    block.set(body.subarray(i, i + 16));
    y = gmul(y ^ toBig(block), h);
  }
  y = gmul(y ^ BigInt(body.length * 8), h);
  const j0 = new Uint8Array(16);
  j0.set(iv);
  j0[15] = 1;
  const expected = fromBig(toBig(sm4Block(key, j0)) ^ y);
  if (toHex(expected) !== toHex(tag)) return null;
  const plain = new Uint8Array(body.length);
  for (let i = 0; i < body.length; i += 16) {
    const counter = j0.slice();
    const c = new DataView(counter.buffer).getUint32(12) + 1 + i / 16;
    new DataView(counter.buffer).setUint32(12, c);
    const stream = sm4Block(key, counter);
    for (let k = 0; k < 16 && i + k < body.length; k++) plain[i + k] = body[i + k]! ^ stream[k]!;
  }
  return plain;
}

function chachaOpen(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array): Uint8Array | null {
  try {
    const d = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
    d.setAuthTag(sealed.subarray(sealed.length - 16));
    return new Uint8Array(Buffer.concat([d.update(sealed.subarray(0, sealed.length - 16)), d.final()]));
  } catch {
    return null;
  }
}

export function chachaSeal(key: Uint8Array, nonce: Uint8Array, plain: Uint8Array): Uint8Array {
  const c = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  return new Uint8Array(Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]));
}

const X25519_PKCS8 = '302e020100300506032b656e04220420';
const X25519_SPKI = '302a300506032b656e032100';

function x25519(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  const priv = createPrivateKey({ key: Buffer.from(X25519_PKCS8 + toHex(privateKey), 'hex'), format: 'der', type: 'pkcs8' });
  const pub = createPublicKey({ key: Buffer.from(X25519_SPKI + toHex(publicKey), 'hex'), format: 'der', type: 'spki' });
  return new Uint8Array(diffieHellman({ privateKey: priv, publicKey: pub }));
}

const hkdfSha256 = (ikm: Uint8Array, salt: Uint8Array, info: string, length: number) => new Uint8Array(hkdfSync('sha256', ikm, salt, utf8(info), length));

function nonceOf(counter: number, last: boolean): Uint8Array {
  const n = new Uint8Array(12);
  new DataView(n.buffer).setUint32(7, counter);
  n[11] = last ? 1 : 0;
  return n;
}

/** The file key the header wraps, unwrapped by the second implementation. */
export function referenceFileKey(header: { suite: string; wrappedKey: string; share?: string }, privateKey: string, publicKey: string): Uint8Array {
  if (header.suite === 'sm2-sm3') return new Uint8Array(smCrypto.sm2.doDecrypt(header.wrappedKey.slice(2), privateKey, 1, { output: 'array' }));
  const share = fromHex(header.share!);
  const shared = x25519(fromHex(privateKey), share);
  const wrapKey = hkdfSha256(shared, new Uint8Array([...share, ...fromHex(publicKey)]), 'zwledger-sealed/1 X25519', 32);
  const key = chachaOpen(wrapKey, new Uint8Array(12), fromHex(header.wrappedKey));
  if (!key) throw new Error('the wrapped key does not open');
  return key;
}

/** Opens a sealed file end to end; throws on any failure. */
export function referenceOpen(bytes: Uint8Array, privateKey: string, publicKey: string): Uint8Array {
  const text = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  if (!text.startsWith(MAGIC)) throw new Error('not sealed');
  const headerEnd = text.indexOf('\n', MAGIC.length);
  const header = JSON.parse(Buffer.from(bytes.subarray(MAGIC.length, headerEnd)).toString('utf8')) as { suite: string; wrappedKey: string; share?: string; nonce: string; chunkBytes: number; payloadBytes: number };
  const sm = header.suite === 'sm2-sm3';
  const fileKey = referenceFileKey(header, privateKey, publicKey);
  const macKey = sm ? hkdfSm3(fileKey, new Uint8Array(0), 'header', 32) : hkdfSha256(fileKey, new Uint8Array(0), 'header', 32);
  const headed = bytes.subarray(0, headerEnd + 1);
  const mac = sm ? toHex(hmacSm3(macKey, headed)) : toHex(new Uint8Array(createHmac('sha256', macKey).update(headed).digest()));
  if (Buffer.from(bytes.subarray(headerEnd + 1, headerEnd + 65)).toString('latin1') !== mac) throw new Error('header MAC');
  const payloadKey = sm ? hkdfSm3(fileKey, fromHex(header.nonce), 'payload', 16) : hkdfSha256(fileKey, fromHex(header.nonce), 'payload', 32);
  let at = headerEnd + 66;
  const chunks = Math.max(1, Math.ceil(header.payloadBytes / header.chunkBytes));
  const out: number[] = [];
  for (let i = 0; i < chunks; i++) {
    const size = Math.min(header.chunkBytes, header.payloadBytes - i * header.chunkBytes) + 16;
    const sealed = bytes.subarray(at, at + size);
    const plain = sm ? sm4GcmOpen(payloadKey, nonceOf(i, i === chunks - 1), sealed) : chachaOpen(payloadKey, nonceOf(i, i === chunks - 1), sealed);
    if (!plain) throw new Error(`chunk ${i}`);
    out.push(...plain);
    at += size;
  }
  if (at !== bytes.length) throw new Error('trailing bytes');
  return new Uint8Array(out);
}
