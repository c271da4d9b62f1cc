import { strFromU8 } from 'fflate';
import { z } from 'zod';
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { canonical } from '../changelog/canonical';
import { toHex, utf8 } from '../crypto/sm3';
import { parseUntrustedJson } from './format';
import { isSealPublicKey, sealKeyIdOf, sealPublicKeyOf, type SealKeyPair } from './seal';
import { CRYPTO_SUITES, fromHex } from './suites';

/**
 * The office's encryption keys exported for the command line (`zwledger
 * verify --office-key FILE`) and for fixtures: every key, old ones too, so
 * bundles sealed before a rotation still open. The private keys are sealed
 * with a password (scrypt, then ChaCha20-Poly1305, with the public facts as
 * associated data); the public facts stay readable so a reader can see which
 * keys a file holds before it asks for the password.
 */
export const OFFICE_KEY_FILE_FORMAT = 'zwledger-office-keys/1';
const SCRYPT = { N: 1 << 15, r: 8, p: 1 } as const;

const publicFacts = z.object({ suite: z.enum(CRYPTO_SUITES), publicKey: z.string().max(200), keyId: z.string().regex(/^[0-9a-f]{32}$/) }).strict();

const keyFileSchema = z
  .object({
    format: z.literal(OFFICE_KEY_FILE_FORMAT),
    keys: z.array(publicFacts).min(1).max(100),
    salt: z.string().regex(/^[0-9a-f]{32}$/),
    nonce: z.string().regex(/^[0-9a-f]{24}$/),
    sealed: z.string().regex(/^(?:[0-9a-f]{2})+$/).max(100 * 200),
  })
  .strict();

const privateList = z.array(z.string().regex(/^[0-9a-f]{64}$/));

const passwordKey = (password: string, salt: Uint8Array) => scryptAsync(utf8(password.normalize('NFC')), salt, { ...SCRYPT, dkLen: 32 });

export async function writeOfficeKeyFile(keys: readonly SealKeyPair[], password: string): Promise<string> {
  if (keys.length === 0) throw new Error('no keys');
  const facts = keys.map((k) => ({ suite: k.suite, publicKey: k.publicKey, keyId: sealKeyIdOf(k.suite, k.publicKey) }));
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const sealed = chacha20poly1305(await passwordKey(password, salt), nonce, utf8(canonical(facts))).encrypt(utf8(JSON.stringify(keys.map((k) => k.privateKey))));
  return `${JSON.stringify({ format: OFFICE_KEY_FILE_FORMAT, keys: facts, salt: toHex(salt), nonce: toHex(nonce), sealed: toHex(sealed) }, null, 2)}\n`;
}

export type OfficeKeyFileRead = { ok: true; keys: SealKeyPair[] } | { ok: false; failure: 'notKeyFile' | 'wrongPassword'; detail: string };

/** Opens a key file; every private key must match its public key, or the file is not taken. Never throws. */
export async function readOfficeKeyFile(text: string, password: string): Promise<OfficeKeyFileRead> {
  let file: z.infer<typeof keyFileSchema>;
  try {
    const parsed = keyFileSchema.safeParse(parseUntrustedJson(text));
    if (!parsed.success) return { ok: false, failure: 'notKeyFile', detail: parsed.error.issues[0]?.path.join('.') ?? '' };
    file = parsed.data;
  } catch (e) {
    return { ok: false, failure: 'notKeyFile', detail: e instanceof Error ? e.message : String(e) };
  }
  let privateKeys: string[];
  try {
    const plain = chacha20poly1305(await passwordKey(password, fromHex(file.salt)), fromHex(file.nonce), utf8(canonical(file.keys))).decrypt(fromHex(file.sealed));
    privateKeys = privateList.parse(JSON.parse(strFromU8(plain)));
  } catch {
    return { ok: false, failure: 'wrongPassword', detail: 'the keys do not open with this password' };
  }
  if (privateKeys.length !== file.keys.length) return { ok: false, failure: 'notKeyFile', detail: 'key count' };
  const keys = file.keys.map((k, i) => ({ suite: k.suite, publicKey: k.publicKey, privateKey: privateKeys[i]! }));
  for (const k of keys) {
    if (!isSealPublicKey(k.suite, k.publicKey) || sealPublicKeyOf(k.suite, k.privateKey) !== k.publicKey) return { ok: false, failure: 'notKeyFile', detail: 'a private key does not match its public key' };
  }
  return { ok: true, keys };
}
