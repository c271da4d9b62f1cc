import { sm3 as sm3Mac, hkdf as hkdfSm3 } from 'sm-crypto-v2';
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes } from '@noble/hashes/utils.js';
import { toHex, utf8 } from '../crypto/sm3';
import { sm4GcmOpen, sm4GcmSealInto } from '../crypto/sm4Gcm';
import type { CryptoSuite } from './suites';

/**
 * The STREAM construction of age, per crypto suite: the payload in chunks of
 * a fixed size, each sealed with an AEAD under a nonce that is its counter
 * and a last-chunk flag, so a reader detects a chunk changed, moved, dropped
 * or a file cut at a chunk boundary. Used by sealed bundles (seal.ts) and
 * by backups sealed with a passphrase (shared/backup/passSeal.ts).
 *
 * - `sm2-sm3`: HKDF and HMAC over SM3, chunks in SM4-GCM;
 * - `ed25519-sha256`: HKDF and HMAC over SHA-256, chunks in ChaCha20-Poly1305.
 */
export const TAG_BYTES = 16;

export function deriveKey(suite: CryptoSuite, ikm: Uint8Array, salt: Uint8Array, info: string, length: number): Uint8Array {
  return suite === 'sm2-sm3' ? hkdfSm3(ikm, salt, utf8(info), length) : hkdf(sha256, ikm, salt, utf8(info), length);
}

export function mac(suite: CryptoSuite, key: Uint8Array, message: Uint8Array): string {
  return suite === 'sm2-sm3' ? sm3Mac(message, { key, mode: 'hmac' }) : toHex(hmac(sha256, key, message));
}

/** The chunk cipher: SM4-GCM under a 16-byte key, or ChaCha20-Poly1305 under a 32-byte key. */
export const PAYLOAD_KEY_BYTES: Record<CryptoSuite, number> = { 'sm2-sm3': 16, 'ed25519-sha256': 32 };

export function seal1(suite: CryptoSuite, key: Uint8Array, nonce: Uint8Array, plain: Uint8Array, out: Uint8Array, at: number): void {
  if (suite === 'sm2-sm3') sm4GcmSealInto(key, nonce, plain, out, at);
  else out.set(chacha20poly1305(key, nonce).encrypt(plain), at);
}

/** The chunk's plaintext, or null when it does not authenticate under this key and nonce. */
export function open1(suite: CryptoSuite, key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array): Uint8Array | null {
  try {
    if (suite === 'sm2-sm3') return sm4GcmOpen(key, nonce, sealed);
    return chacha20poly1305(key, nonce).decrypt(sealed);
  } catch {
    return null;
  }
}

/** age's STREAM nonce: an 11-byte big-endian counter, then 1 for the last chunk and 0 before it. */
export function streamNonce(counter: number, last: boolean): Uint8Array {
  const n = new Uint8Array(12);
  let c = counter;
  for (let i = 10; i >= 0 && c > 0; i--) {
    n[i] = c % 256;
    c = Math.floor(c / 256);
  }
  n[11] = last ? 1 : 0;
  return n;
}

export function sealedLength(payloadBytes: number, chunkBytes: number): number {
  const chunks = Math.max(1, Math.ceil(payloadBytes / chunkBytes));
  return payloadBytes + chunks * TAG_BYTES;
}

export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return d === 0;
}

/**
 * Seals a payload whose length is not known in advance, as it arrives: a
 * chunk goes out only once more bytes follow it, so the one `finish` seals
 * is always the last and carries the flag (an empty payload is one empty
 * last chunk, as sealedLength counts it).
 */
export class StreamSealer {
  private pending: Uint8Array;
  private filled = 0;
  private counter = 0;
  private done = false;

  constructor(
    private readonly suite: CryptoSuite,
    private readonly key: Uint8Array,
    private readonly chunkBytes: number,
  ) {
    this.pending = new Uint8Array(chunkBytes);
  }

  /** The sealed chunks these bytes complete (possibly none). */
  push(bytes: Uint8Array): Uint8Array {
    if (this.done) throw new Error('stream finished');
    const out: Uint8Array[] = [];
    let at = 0;
    while (at < bytes.length) {
      if (this.filled === this.chunkBytes) out.push(this.sealPending(false));
      const take = Math.min(this.chunkBytes - this.filled, bytes.length - at);
      this.pending.set(bytes.subarray(at, at + take), this.filled);
      this.filled += take;
      at += take;
    }
    return out.length === 1 ? out[0]! : concatBytes(...out);
  }

  /** The last chunk. */
  finish(): Uint8Array {
    if (this.done) throw new Error('stream finished');
    this.done = true;
    return this.sealPending(true);
  }

  private sealPending(last: boolean): Uint8Array {
    const out = new Uint8Array(this.filled + TAG_BYTES);
    seal1(this.suite, this.key, streamNonce(this.counter, last), this.pending.subarray(0, this.filled), out, 0);
    this.counter += 1;
    this.filled = 0;
    return out;
  }
}
