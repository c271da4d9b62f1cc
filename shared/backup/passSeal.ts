import { strFromU8 } from 'fflate';
import { z } from 'zod';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { concatBytes, randomBytes } from '@noble/hashes/utils.js';
import { canonical } from '../changelog/canonical';
import { toHex, utf8 } from '../crypto/sm3';
import { parseUntrustedJson } from '../bundle/format';
import { CRYPTO_SUITES, fromHex, type CryptoSuite } from '../bundle/suites';
import { constantTimeEqual, deriveKey, mac, open1, PAYLOAD_KEY_BYTES, seal1, StreamSealer, streamNonce, TAG_BYTES } from '../bundle/stream';

/**
 * A backup sealed with a passphrase (it holds the administrators' password
 * hashes and the whole register). The plain backup file, byte for byte, is
 * the sealed content, so everything a plain backup promises — the unit key's
 * signature over its manifest, the body's hash — holds inside the seal.
 *
 * The file: a magic line, a header as one canonical JSON line, the header's
 * MAC as a hex line, then the content in STREAM chunks (bundle/stream.ts).
 * The header is readable and holds only what opening needs: the suite, the
 * KDF's parameters and salt, the wrapped file key and the nonce — someone
 * holding the file learns that it is a sealed backup, roughly how large, and
 * how hard each passphrase guess is; not whose it is nor when it was made.
 *
 * Keys: the passphrase goes through scrypt to a 32-byte key (the KEK). Each
 * file has a fresh 16-byte file key, wrapped under a key derived from the KEK
 * and the file's own random nonce (so one KEK seals many files without ever
 * reusing a wrapping key); the header MAC and the payload key come from the
 * file key, as in sealed bundles.
 *
 * scrypt with N = 2^17, r = 8, p = 1: 128 MiB and about a second per guess on
 * a current PC (the parameters OWASP gives for scrypt; age uses 2^18 on
 * machines with more memory). The memory is the point: it makes guessing on
 * graphics cards as slow as on the PC. A unit PC of 4 GB has the room; the
 * cost is paid when the passphrase is set and on a restore, never by the
 * daily backup, which uses the KEK main keeps. A reader takes N up to 2^18,
 * so a forged header cannot ask for more than 256 MiB.
 */
export const PASS_SEAL_FORMAT = 'zwledger-backup-sealed/1';
export const PASS_MAGIC = utf8(`${PASS_SEAL_FORMAT}\n`);
export const SCRYPT_PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const;
const MAX_N = 2 ** 18;
export const BACKUP_CHUNK_BYTES = 256 * 1024;
const FILE_KEY_BYTES = 16;
const KEK_BYTES = 32;
const MAC_HEX = 64;
const HEADER_LIMIT = 2048;
const WRAP_INFO = `${PASS_SEAL_FORMAT} wrap`;

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));

export const passHeaderSchema = z
  .object({
    format: z.literal(PASS_SEAL_FORMAT),
    suite: z.enum(CRYPTO_SUITES),
    kdf: z
      .object({
        name: z.literal('scrypt'),
        N: z.number().int().min(2 ** 14).max(MAX_N).refine((n) => (n & (n - 1)) === 0, 'power of two'),
        r: z.literal(8),
        p: z.literal(1),
        salt: hex(16),
      })
      .strict(),
    wrappedKey: hex(FILE_KEY_BYTES + TAG_BYTES),
    nonce: hex(16),
    chunkBytes: z.number().int().min(1024).max(1024 * 1024),
  })
  .strict();

export type PassHeader = z.infer<typeof passHeaderSchema>;

/** The key a passphrase makes with one salt: what main keeps so that daily backups need no passphrase. */
export interface BackupKey {
  salt: Uint8Array;
  N: number;
  key: Uint8Array;
}

export async function deriveBackupKey(passphrase: string, salt: Uint8Array = randomBytes(16), N: number = SCRYPT_PARAMS.N): Promise<BackupKey> {
  const key = await scryptAsync(utf8(passphrase.normalize('NFC')), salt, { N, r: SCRYPT_PARAMS.r, p: SCRYPT_PARAMS.p, dkLen: KEK_BYTES, maxmem: 2 ** 29 });
  return { salt, N, key };
}

const wrapKeyOf = (suite: CryptoSuite, kek: Uint8Array, nonce: Uint8Array) => deriveKey(suite, kek, nonce, WRAP_INFO, PAYLOAD_KEY_BYTES[suite]);
const headerKeyOf = (suite: CryptoSuite, fileKey: Uint8Array) => deriveKey(suite, fileKey, new Uint8Array(0), 'header', 32);
const payloadKeyOf = (suite: CryptoSuite, fileKey: Uint8Array, nonce: Uint8Array) => deriveKey(suite, fileKey, nonce, 'payload', PAYLOAD_KEY_BYTES[suite]);

/** Starts a sealed backup: the bytes that open the file, and the sealer its content goes through. */
export function beginSealedBackup(kek: BackupKey, suite: CryptoSuite, chunkBytes: number = BACKUP_CHUNK_BYTES): { head: Uint8Array; sealer: StreamSealer } {
  const fileKey = randomBytes(FILE_KEY_BYTES);
  const nonce = randomBytes(16);
  const wrapped = new Uint8Array(FILE_KEY_BYTES + TAG_BYTES);
  // A wrapping key is used once (it depends on this file's nonce): a zero nonce is safe, as in age's stanzas.
  seal1(suite, wrapKeyOf(suite, kek.key, nonce), new Uint8Array(12), fileKey, wrapped, 0);
  const header: PassHeader = {
    format: PASS_SEAL_FORMAT,
    suite,
    kdf: { name: 'scrypt', N: kek.N, r: SCRYPT_PARAMS.r, p: SCRYPT_PARAMS.p, salt: toHex(kek.salt) },
    wrappedKey: toHex(wrapped),
    nonce: toHex(nonce),
    chunkBytes,
  };
  const headed = concatBytes(PASS_MAGIC, utf8(`${canonical(header)}\n`));
  const head = concatBytes(headed, utf8(`${mac(suite, headerKeyOf(suite, fileKey), headed)}\n`));
  return { head, sealer: new StreamSealer(suite, payloadKeyOf(suite, fileKey, nonce), chunkBytes) };
}

export function isPassSealed(bytes: Uint8Array): boolean {
  return bytes.length >= PASS_MAGIC.length && PASS_MAGIC.every((b, i) => bytes[i] === b);
}

/** How many bytes of a file's start the header can take: read this much, then readPassHeader. */
export const PASS_HEAD_LIMIT = HEADER_LIMIT;

export type PassHeadRead = { ok: true; header: PassHeader; headed: Uint8Array; mac: string; start: number } | { ok: false; failure: 'notSealed' | 'badHeader' };

/** The readable start of a sealed backup; `start` is where the chunks begin. Never throws. */
export function readPassHeader(bytes: Uint8Array): PassHeadRead {
  if (!isPassSealed(bytes)) return { ok: false, failure: 'notSealed' };
  const end = bytes.subarray(0, HEADER_LIMIT).indexOf(0x0a, PASS_MAGIC.length);
  if (end < 0) return { ok: false, failure: 'badHeader' };
  let header: PassHeader;
  try {
    const parsed = passHeaderSchema.safeParse(parseUntrustedJson(strFromU8(bytes.subarray(PASS_MAGIC.length, end))));
    if (!parsed.success) return { ok: false, failure: 'badHeader' };
    header = parsed.data;
  } catch {
    return { ok: false, failure: 'badHeader' };
  }
  const macEnd = end + 1 + MAC_HEX;
  if (bytes.length < macEnd + 1 || bytes[macEnd] !== 0x0a) return { ok: false, failure: 'badHeader' };
  const macText = strFromU8(bytes.subarray(end + 1, macEnd));
  if (!/^[0-9a-f]{64}$/.test(macText)) return { ok: false, failure: 'badHeader' };
  return { ok: true, header, headed: bytes.subarray(0, end + 1), mac: macText, start: macEnd + 1 };
}

/**
 * The file key, when the passphrase's key unwraps it and the header's MAC
 * holds; null for a wrong passphrase (or an altered header: either way the
 * file does not open with what was typed).
 */
export function unwrapBackupKey(read: Extract<PassHeadRead, { ok: true }>, kek: Uint8Array): Uint8Array | null {
  const { header } = read;
  const nonce = fromHex(header.nonce);
  const fileKey = open1(header.suite, wrapKeyOf(header.suite, kek, nonce), new Uint8Array(12), fromHex(header.wrappedKey));
  if (!fileKey || fileKey.length !== FILE_KEY_BYTES) return null;
  return constantTimeEqual(mac(header.suite, headerKeyOf(header.suite, fileKey), read.headed), read.mac) ? fileKey : null;
}

/** Opening with a typed passphrase: the KEK from the header's own salt and cost, then the file key. */
export async function openWithPassphrase(read: Extract<PassHeadRead, { ok: true }>, passphrase: string): Promise<Uint8Array | null> {
  const kek = await deriveBackupKey(passphrase, fromHex(read.header.kdf.salt), read.header.kdf.N);
  return unwrapBackupKey(read, kek.key);
}

export class SealedBackupDamage extends Error {
  constructor(readonly chunk: number) {
    super(`sealed backup: chunk ${chunk} does not open`);
    this.name = 'SealedBackupDamage';
  }
}

/**
 * Random access to the content of a sealed backup of `size` bytes, read
 * through `readRaw`: each read opens the chunks it spans (the last one
 * with the last-chunk flag), keeping the latest so sequential reads open each
 * chunk once. A chunk that does not open throws SealedBackupDamage: a
 * changed byte, a file cut short, chunks moved.
 */
export class SealedBackupReader {
  readonly size: number;
  private readonly stride: number;
  private readonly chunks: number;
  private readonly key: Uint8Array;
  private cached: { index: number; plain: Uint8Array } | null = null;

  constructor(
    private readonly header: PassHeader,
    fileKey: Uint8Array,
    private readonly start: number,
    fileSize: number,
    private readonly readRaw: (offset: number, length: number) => Promise<Uint8Array>,
  ) {
    this.key = payloadKeyOf(header.suite, fileKey, fromHex(header.nonce));
    this.stride = header.chunkBytes + TAG_BYTES;
    const body = fileSize - start;
    this.chunks = Math.max(1, Math.ceil(body / this.stride));
    if (body - (this.chunks - 1) * this.stride < TAG_BYTES) throw new SealedBackupDamage(this.chunks - 1);
    this.size = body - this.chunks * TAG_BYTES;
  }

  private async chunk(index: number): Promise<Uint8Array> {
    if (this.cached?.index === index) return this.cached.plain;
    const at = this.start + index * this.stride;
    const length = index === this.chunks - 1 ? this.size - index * this.header.chunkBytes + TAG_BYTES : this.stride;
    const sealed = await this.readRaw(at, length);
    const plain = sealed.length === length ? open1(this.header.suite, this.key, streamNonce(index, index === this.chunks - 1), sealed) : null;
    if (!plain) throw new SealedBackupDamage(index);
    this.cached = { index, plain };
    return plain;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const end = Math.min(this.size, offset + length);
    if (offset >= end) return new Uint8Array(0);
    const out = new Uint8Array(end - offset);
    let at = offset;
    while (at < end) {
      const index = Math.floor(at / this.header.chunkBytes);
      const plain = await this.chunk(index);
      const from = at - index * this.header.chunkBytes;
      const take = Math.min(plain.length - from, end - at);
      out.set(plain.subarray(from, from + take), at - offset);
      at += take;
    }
    return out;
  }
}
