import { sm2 } from 'sm-crypto-v2';
import { ed25519 } from '@noble/curves/ed25519';
import { sha256 } from '@noble/hashes/sha2.js';
import { sm3Bytes, toHex, utf8 } from '../crypto/sm3';

/**
 * The two crypto suites of DESIGN.md, in pure TypeScript so the same code
 * signs in Node and verifies in a browser. The SM2 profile is fixed: user id
 * 1234567812345678, SM3 pre-hash (Z_A) on, DER signatures, uncompressed
 * `04…` public keys. Keys and signatures travel as lowercase hex.
 */
export const CRYPTO_SUITES = ['sm2-sm3', 'ed25519-sha256'] as const;
export type CryptoSuite = (typeof CRYPTO_SUITES)[number];
export const DEFAULT_SUITE: CryptoSuite = 'sm2-sm3';

export const SM2_USER_ID = '1234567812345678';
const SM2_OPTIONS = { der: true, hash: true, userId: SM2_USER_ID } as const;

export interface KeyPair {
  suite: CryptoSuite;
  publicKey: string;
  privateKey: string;
}

const HEX = /^(?:[0-9a-f]{2})+$/;
const PUBLIC_KEY: Record<CryptoSuite, RegExp> = { 'sm2-sm3': /^04[0-9a-f]{128}$/, 'ed25519-sha256': /^[0-9a-f]{64}$/ };
const PRIVATE_KEY = /^[0-9a-f]{64}$/;

function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function generateKeyPair(suite: CryptoSuite): KeyPair {
  if (suite === 'sm2-sm3') {
    const kp = sm2.generateKeyPairHex();
    return { suite, publicKey: kp.publicKey.toLowerCase(), privateKey: kp.privateKey.toLowerCase() };
  }
  const secret = ed25519.utils.randomPrivateKey();
  return { suite, publicKey: toHex(ed25519.getPublicKey(secret)), privateKey: toHex(secret) };
}

export function publicKeyOf(suite: CryptoSuite, privateKey: string): string {
  if (!PRIVATE_KEY.test(privateKey)) throw new Error('not a private key');
  return suite === 'sm2-sm3' ? sm2.getPublicKeyFromPrivateKey(privateKey).toLowerCase() : toHex(ed25519.getPublicKey(fromHex(privateKey)));
}

/** Whether a public key is a well-formed point of the suite's curve. */
export function isPublicKey(suite: CryptoSuite, publicKey: string): boolean {
  if (!PUBLIC_KEY[suite].test(publicKey)) return false;
  try {
    if (suite === 'sm2-sm3') return sm2.verifyPublicKey(publicKey);
    ed25519.ExtendedPoint.fromHex(publicKey);
    return true;
  } catch {
    return false;
  }
}

export function sign(suite: CryptoSuite, privateKey: string, message: Uint8Array): string {
  if (!PRIVATE_KEY.test(privateKey)) throw new Error('not a private key');
  return suite === 'sm2-sm3' ? sm2.doSignature(message, privateKey, SM2_OPTIONS).toLowerCase() : toHex(ed25519.sign(message, fromHex(privateKey)));
}

/**
 * A DER SEQUENCE of two positive INTEGERs, minimally encoded, with nothing
 * after it: sm-crypto-v2 alone would accept trailing bytes, and one signature
 * should have one encoding.
 */
function isStrictDer(signature: string): boolean {
  const b = fromHex(signature);
  if (b.length < 8 || b[0] !== 0x30 || b[1] !== b.length - 2) return false;
  let at = 2;
  for (let i = 0; i < 2; i++) {
    if (b[at] !== 0x02) return false;
    const len = b[at + 1]!;
    const first = b[at + 2]!;
    if (len === 0 || len > 33 || at + 2 + len > b.length) return false;
    if (first & 0x80) return false;
    if (first === 0 && len > 1 && !(b[at + 3]! & 0x80)) return false;
    at += 2 + len;
  }
  return at === b.length;
}

/** Never throws: a malformed key or signature is simply not a valid signature. */
export function verify(suite: CryptoSuite, publicKey: string, message: Uint8Array, signature: string): boolean {
  if (!isPublicKey(suite, publicKey) || !HEX.test(signature) || signature.length > 512) return false;
  try {
    if (suite === 'sm2-sm3') return isStrictDer(signature) && sm2.doVerifySignature(message, signature, publicKey, SM2_OPTIONS);
    return signature.length === 128 && ed25519.verify(fromHex(signature), message, fromHex(publicKey), { zip215: false });
  } catch {
    return false;
  }
}

/** The suite's hash, as hex: SM3 or SHA-256. */
export function digest(suite: CryptoSuite, bytes: Uint8Array): string {
  return toHex(suite === 'sm2-sm3' ? sm3Bytes(bytes) : sha256(bytes));
}

/** A key's id: the first 128 bits of the suite's hash of `suite:publicKey`. */
export function keyIdOf(suite: CryptoSuite, publicKey: string): string {
  return digest(suite, utf8(`${suite}:${publicKey}`)).slice(0, 32);
}

/**
 * The fingerprint a unit reads out by phone: eight groups of five digits
 * (about 133 bits) from the suite's hash of the public key. Digits, because
 * they are read the same way in any dialect.
 */
export function fingerprint(suite: CryptoSuite, publicKey: string): string {
  const h = fromHex(digest(suite, utf8(`${suite}:${publicKey}`)));
  const groups: string[] = [];
  for (let i = 0; i < 8; i++) {
    const n = ((h[i * 4]! << 24) | (h[i * 4 + 1]! << 16) | (h[i * 4 + 2]! << 8) | h[i * 4 + 3]!) >>> 0;
    groups.push(String(n % 100_000).padStart(5, '0'));
  }
  return groups.join(' ');
}

export { fromHex };
