import { strFromU8 } from 'fflate';
import { z } from 'zod';
import { sm2 } from 'sm-crypto-v2';
import { x25519 } from '@noble/curves/ed25519';
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, randomBytes } from '@noble/hashes/utils.js';
import { canonical } from '../changelog/canonical';
import { toHex, utf8 } from '../crypto/sm3';
import { BUNDLE_LIMITS, parseUntrustedJson } from './format';
import { CRYPTO_SUITES, fingerprint, fromHex, keyIdOf, type CryptoSuite } from './suites';
import { constantTimeEqual, deriveKey, mac, open1, PAYLOAD_KEY_BYTES, seal1, sealedLength, streamNonce, TAG_BYTES } from './stream';

/**
 * Sealed bundles (DESIGN.md, Sealed bundles): the signed bundle's bytes,
 * encrypted to the office's encryption key, in the construction of age
 * (a fresh file key wrapped to the recipient, a header MAC, and the payload
 * in STREAM chunks whose nonce is a counter and a last-chunk flag).
 *
 * The file: a magic line, the header as one canonical JSON line, the
 * header's MAC as a hex line, then the chunks. Only the header is readable:
 * that the file is sealed, the suite, which office key it is sealed to, the
 * chunk size and the payload's length (which the file's length tells anyway).
 *
 * Per suite:
 * - `sm2-sm3`: the file key wrapped by SM2 public-key encryption (GB/T
 *   32918.4, C1C3C2, C1 uncompressed with its 04 prefix); HKDF and HMAC over
 *   SM3; chunks in SM4-GCM.
 * - `ed25519-sha256`: the file key wrapped as age's X25519 recipient does
 *   (an ephemeral X25519 share, HKDF-SHA-256, ChaCha20-Poly1305 under a zero
 *   nonce); HKDF and HMAC over SHA-256; chunks in ChaCha20-Poly1305.
 */
export const SEAL_FORMAT = 'zwledger-sealed/1';
const MAGIC = utf8(`${SEAL_FORMAT}\n`);
export const SEAL_CHUNK_BYTES = 64 * 1024;
const FILE_KEY_BYTES = 16;
const MAC_HEX = 64;
/** Magic, header and MAC lines together: a few hundred bytes in practice. */
const HEADER_LIMIT = 4096;
/** How far either side of a failing chunk the opener looks for it, to tell a reordering from damage. */
const REORDER_WINDOW = 8;

/** The office's encryption key pair: SM2 for `sm2-sm3`, X25519 for `ed25519-sha256`; lowercase hex. */
export interface SealKeyPair {
  suite: CryptoSuite;
  publicKey: string;
  privateKey: string;
}

/** What a unit knows of the office key it seals to: from the signed policy. */
export interface SealRecipient {
  suite: CryptoSuite;
  publicKey: string;
}

const PUBLIC: Record<CryptoSuite, RegExp> = { 'sm2-sm3': /^04[0-9a-f]{128}$/, 'ed25519-sha256': /^[0-9a-f]{64}$/ };
const PRIVATE = /^[0-9a-f]{64}$/;

export function generateSealKey(suite: CryptoSuite): SealKeyPair {
  if (suite === 'sm2-sm3') {
    const kp = sm2.generateKeyPairHex();
    return { suite, publicKey: kp.publicKey.toLowerCase(), privateKey: kp.privateKey.toLowerCase() };
  }
  const secret = x25519.utils.randomPrivateKey();
  return { suite, publicKey: toHex(x25519.getPublicKey(secret)), privateKey: toHex(secret) };
}

export function sealPublicKeyOf(suite: CryptoSuite, privateKey: string): string {
  if (!PRIVATE.test(privateKey)) throw new Error('not a private key');
  return suite === 'sm2-sm3' ? sm2.getPublicKeyFromPrivateKey(privateKey).toLowerCase() : toHex(x25519.getPublicKey(fromHex(privateKey)));
}

/** Whether a public encryption key is well formed: a point on SM2's curve, or 32 bytes for X25519. */
export function isSealPublicKey(suite: CryptoSuite, publicKey: string): boolean {
  if (!PUBLIC[suite].test(publicKey)) return false;
  if (suite === 'ed25519-sha256') return true;
  try {
    return sm2.verifyPublicKey(publicKey);
  } catch {
    return false;
  }
}

// The encryption key's id and fingerprint are taken over a different string
// from a signing key's, so one can never be mistaken for the other.
const sealKeyText = (publicKey: string) => `seal:${publicKey}`;

export function sealKeyIdOf(suite: CryptoSuite, publicKey: string): string {
  return keyIdOf(suite, sealKeyText(publicKey));
}

export function sealFingerprint(suite: CryptoSuite, publicKey: string): string {
  return fingerprint(suite, sealKeyText(publicKey));
}

const hex = (min: number, max: number) => z.string().regex(new RegExp(`^(?:[0-9a-f]{2}){${min},${max}}$`));

export const sealHeaderSchema = z
  .object({
    format: z.literal(SEAL_FORMAT),
    suite: z.enum(CRYPTO_SUITES),
    officeKeyId: z.string().regex(/^[0-9a-f]{32}$/),
    /** sm2-sm3: C1C3C2 of the file key; ed25519-sha256: the file key under ChaCha20-Poly1305. */
    wrappedKey: hex(FILE_KEY_BYTES + TAG_BYTES, 65 + 32 + FILE_KEY_BYTES),
    /** ed25519-sha256 only: the ephemeral X25519 share. */
    share: hex(32, 32).optional(),
    nonce: hex(16, 16),
    chunkBytes: z.number().int(),
    payloadBytes: z.number().int(),
  })
  .strict();

export type SealHeader = z.infer<typeof sealHeaderSchema>;

const X25519_INFO = `${SEAL_FORMAT} X25519`;

function wrapFileKey(to: SealRecipient, fileKey: Uint8Array): Pick<SealHeader, 'wrappedKey' | 'share'> {
  if (to.suite === 'sm2-sm3') return { wrappedKey: `04${sm2.doEncrypt(fileKey, to.publicKey, 1).toLowerCase()}` };
  const ephemeral = x25519.utils.randomPrivateKey();
  const share = x25519.getPublicKey(ephemeral);
  const recipient = fromHex(to.publicKey);
  const shared = x25519.getSharedSecret(ephemeral, recipient);
  const wrapKey = hkdf(sha256, shared, concatBytes(share, recipient), utf8(X25519_INFO), 32);
  return { wrappedKey: toHex(chacha20poly1305(wrapKey, new Uint8Array(12)).encrypt(fileKey)), share: toHex(share) };
}

function unwrapFileKey(header: SealHeader, key: SealKeyPair): Uint8Array | null {
  try {
    if (header.suite === 'sm2-sm3') {
      // sm-crypto-v2 takes C1 without its 04 prefix.
      if (!header.wrappedKey.startsWith('04')) return null;
      const fileKey = sm2.doDecrypt(header.wrappedKey.slice(2), key.privateKey, 1, { output: 'array' });
      return fileKey.length === FILE_KEY_BYTES ? fileKey : null;
    }
    if (!header.share) return null;
    const share = fromHex(header.share);
    const recipient = fromHex(key.publicKey);
    const shared = x25519.getSharedSecret(fromHex(key.privateKey), share);
    if (shared.every((b) => b === 0)) return null;
    const wrapKey = hkdf(sha256, shared, concatBytes(share, recipient), utf8(X25519_INFO), 32);
    return chacha20poly1305(wrapKey, new Uint8Array(12)).decrypt(fromHex(header.wrappedKey));
  } catch {
    return null;
  }
}

// --- sealing ---------------------------------------------------------------

/** Seal a signed bundle to the office's newest encryption key. */
export function sealBundle(content: Uint8Array, to: SealRecipient, chunkBytes: number = SEAL_CHUNK_BYTES): Uint8Array {
  if (!isSealPublicKey(to.suite, to.publicKey)) throw new Error('not an encryption key');
  const fileKey = randomBytes(FILE_KEY_BYTES);
  const nonce = randomBytes(16);
  const header: SealHeader = {
    format: SEAL_FORMAT,
    suite: to.suite,
    officeKeyId: sealKeyIdOf(to.suite, to.publicKey),
    ...wrapFileKey(to, fileKey),
    nonce: toHex(nonce),
    chunkBytes,
    payloadBytes: content.length,
  };
  const headerLine = utf8(`${canonical(header)}\n`);
  const headed = concatBytes(MAGIC, headerLine);
  const macLine = utf8(`${mac(to.suite, deriveKey(to.suite, fileKey, new Uint8Array(0), 'header', 32), headed)}\n`);
  const payloadKey = deriveKey(to.suite, fileKey, nonce, 'payload', PAYLOAD_KEY_BYTES[to.suite]);
  const start = headed.length + macLine.length;
  const out = new Uint8Array(start + sealedLength(content.length, chunkBytes));
  out.set(headed, 0);
  out.set(macLine, headed.length);
  const chunks = Math.max(1, Math.ceil(content.length / chunkBytes));
  let at = start;
  for (let i = 0; i < chunks; i++) {
    const plain = content.subarray(i * chunkBytes, Math.min(content.length, (i + 1) * chunkBytes));
    seal1(to.suite, payloadKey, streamNonce(i, i === chunks - 1), plain, out, at);
    at += plain.length + TAG_BYTES;
  }
  return out;
}

// --- opening ---------------------------------------------------------------

/** Whether the bytes are a sealed bundle at all: the caller reads anything else as a plain bundle. */
export function isSealed(bytes: Uint8Array): boolean {
  if (bytes.length < MAGIC.length) return false;
  for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC[i]) return false;
  return true;
}

/** Why a sealed file would not open, each told apart so that the verdict can say which. */
export const SEAL_FAILURES = ['notSealed', 'badHeader', 'tooLarge', 'otherOffice', 'wrongKey', 'headerAltered', 'truncated', 'trailingData', 'corruptChunk', 'reordered'] as const;
export type SealFailure = (typeof SEAL_FAILURES)[number];

export type Opened = { ok: true; content: Uint8Array; header: SealHeader } | { ok: false; failure: SealFailure; detail: string; header?: SealHeader; chunk?: number };

type HeaderRead = { ok: true; header: SealHeader; headed: Uint8Array; mac: string; start: number } | { ok: false; failure: SealFailure; detail: string };

/** The readable part of a sealed file: what routing needs, and nothing of the bundle inside. */
export function readSealHeader(bytes: Uint8Array): HeaderRead {
  if (!isSealed(bytes)) return { ok: false, failure: 'notSealed', detail: 'no sealed-bundle magic' };
  const end = bytes.subarray(0, HEADER_LIMIT).indexOf(0x0a, MAGIC.length);
  if (end < 0) return { ok: false, failure: bytes.length < HEADER_LIMIT ? 'truncated' : 'badHeader', detail: 'the header line does not end' };
  let header: SealHeader;
  try {
    const parsed = sealHeaderSchema.safeParse(parseUntrustedJson(strFromU8(bytes.subarray(MAGIC.length, end))));
    if (!parsed.success) return { ok: false, failure: 'badHeader', detail: parsed.error.issues[0]?.path.join('.') ?? '' };
    header = parsed.data;
  } catch (e) {
    return { ok: false, failure: 'badHeader', detail: e instanceof Error ? e.message : String(e) };
  }
  if ((header.suite === 'ed25519-sha256') !== (header.share !== undefined)) return { ok: false, failure: 'badHeader', detail: 'share' };
  // Sizes are checked before anything is allocated for them.
  if (header.chunkBytes < 1024 || header.chunkBytes > 1024 * 1024) return { ok: false, failure: 'tooLarge', detail: `chunk of ${header.chunkBytes} bytes` };
  if (header.payloadBytes < 0 || header.payloadBytes > BUNDLE_LIMITS.fileBytes) return { ok: false, failure: 'tooLarge', detail: `${header.payloadBytes} bytes sealed` };
  const macEnd = end + 1 + MAC_HEX;
  if (bytes.length < macEnd + 1) return { ok: false, failure: 'truncated', detail: 'the header MAC is cut off' };
  const macText = strFromU8(bytes.subarray(end + 1, macEnd));
  if (!/^[0-9a-f]{64}$/.test(macText) || bytes[macEnd] !== 0x0a) return { ok: false, failure: 'badHeader', detail: 'header MAC' };
  return { ok: true, header, headed: bytes.subarray(0, end + 1), mac: macText, start: macEnd + 1 };
}

/**
 * Opens a sealed bundle with whichever of the office's keys it names
 * (old keys stay usable after a rotation). Nothing of the content is
 * returned unless every chunk authenticated, in order, ending with the
 * last-chunk flag. Never throws.
 */
export function openSealed(bytes: Uint8Array, keys: readonly SealKeyPair[]): Opened {
  const read = readSealHeader(bytes);
  if (!read.ok) return read;
  const { header, start } = read;
  const fail = (failure: SealFailure, detail: string, chunk?: number): Opened => ({ ok: false, failure, detail, header, ...(chunk === undefined ? {} : { chunk }) });
  const key = keys.find((k) => k.suite === header.suite && sealKeyIdOf(k.suite, k.publicKey) === header.officeKeyId);
  if (!key) return fail('otherOffice', header.officeKeyId);
  const fileKey = unwrapFileKey(header, key);
  if (!fileKey) return fail('wrongKey', header.officeKeyId);
  if (!constantTimeEqual(mac(header.suite, deriveKey(header.suite, fileKey, new Uint8Array(0), 'header', 32), read.headed), read.mac)) return fail('headerAltered', 'header MAC');
  const expected = start + sealedLength(header.payloadBytes, header.chunkBytes);
  if (bytes.length < expected) return fail('truncated', `${bytes.length} of ${expected} bytes`);
  if (bytes.length > expected) return fail('trailingData', `${bytes.length - expected} bytes after the last chunk`);

  const payloadKey = deriveKey(header.suite, fileKey, fromHex(header.nonce), 'payload', PAYLOAD_KEY_BYTES[header.suite]);
  const chunks = Math.max(1, Math.ceil(header.payloadBytes / header.chunkBytes));
  const stride = header.chunkBytes + TAG_BYTES;
  const chunkAt = (i: number) => bytes.subarray(start + i * stride, Math.min(expected, start + (i + 1) * stride));
  const content = new Uint8Array(header.payloadBytes);
  for (let i = 0; i < chunks; i++) {
    const sealed = chunkAt(i);
    const last = i === chunks - 1;
    const plain = open1(header.suite, payloadKey, streamNonce(i, last), sealed);
    if (plain) {
      content.set(plain, i * header.chunkBytes);
      continue;
    }
    // A last chunk that authenticates as a middle one: the file was cut at a chunk boundary and its length rewritten.
    if (last && open1(header.suite, payloadKey, streamNonce(i, false), sealed)) return fail('truncated', `chunk ${i} is not the last`, i);
    for (let j = Math.max(0, i - REORDER_WINDOW); j < Math.min(chunks, i + REORDER_WINDOW + 1); j++) {
      if (j !== i && sealed.length === chunkAt(j).length && open1(header.suite, payloadKey, streamNonce(j, j === chunks - 1), sealed)) return fail('reordered', `chunk ${j} stands at ${i}`, i);
    }
    return fail('corruptChunk', `chunk ${i}`, i);
  }
  return { ok: true, content, header };
}
