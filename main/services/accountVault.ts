import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, scrypt as scryptCallback, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { SCRYPT_N, SCRYPT_P, SCRYPT_R } from './passwords';

/**
 * Each account's own key pair, its private half sealed with the account's
 * password. It lets main seal a secret (the unit's signing key) to every
 * account allowed to use it while one of them has it open, and each of them
 * open it later with nothing but their own password: the office's auditors
 * sign its policies with their passwords, not the administrator's.
 */

const sealed = z.object({ salt: z.string(), iv: z.string(), tag: z.string(), data: z.string() }).strict();
export const vaultSchema = z.object({ publicKey: z.string(), sealed }).strict();
export type Vault = z.infer<typeof vaultSchema>;
export const slotSchema = z.object({ accountId: z.string(), ephemeralKey: z.string(), iv: z.string(), tag: z.string(), data: z.string() }).strict();
export type Slot = z.infer<typeof slotSchema>;

const b64 = (b: Buffer) => b.toString('base64');
const unb64 = (s: string) => Buffer.from(s, 'base64');

function kek(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password.normalize('NFC'), salt, 32, { N: SCRYPT_N, r: SCRYPT_R, p: SCRYPT_P, maxmem: 128 * SCRYPT_N * SCRYPT_R + 16 * 1024 * 1024 }, (e, key) => (e ? reject(e) : resolve(key))),
  );
}

function seal(key: Buffer, plain: Buffer, aad: string): { iv: string; tag: string; data: string } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { iv: b64(iv), tag: b64(cipher.getAuthTag()), data: b64(data) };
}

function open(key: Buffer, box: { iv: string; tag: string; data: string }, aad: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, unb64(box.iv));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(unb64(box.tag));
    return Buffer.concat([decipher.update(unb64(box.data)), decipher.final()]);
  } catch {
    return null;
  }
}

async function sealPrivate(privateKey: KeyObject, password: string): Promise<Vault['sealed']> {
  const salt = randomBytes(16);
  return { salt: b64(salt), ...seal(await kek(password, salt), privateKey.export({ format: 'der', type: 'pkcs8' }), 'zwledger-vault/1') };
}

export async function makeVault(password: string): Promise<Vault> {
  const pair = generateKeyPairSync('x25519');
  return { publicKey: b64(pair.publicKey.export({ format: 'der', type: 'spki' })), sealed: await sealPrivate(pair.privateKey, password) };
}

export async function openVault(vault: Vault, password: string): Promise<KeyObject | null> {
  const der = open(await kek(password, unb64(vault.sealed.salt)), vault.sealed, 'zwledger-vault/1');
  return der ? createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) : null;
}

/** The same key pair under a new password, so what was sealed to the account still opens. */
export async function resealVault(vault: Vault, current: string, next: string): Promise<Vault | null> {
  const privateKey = await openVault(vault, current);
  return privateKey ? { publicKey: vault.publicKey, sealed: await sealPrivate(privateKey, next) } : null;
}

function slotKey(shared: Buffer, accountId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.alloc(0), `zwledger-slot/1:${accountId}`, 32));
}

/** Seals a secret to one account's public key (ephemeral X25519, HKDF, AES-GCM). */
export function sealTo(accountId: string, publicKey: string, secret: string): Slot {
  const ephemeral = generateKeyPairSync('x25519');
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: createPublicKey({ key: unb64(publicKey), format: 'der', type: 'spki' }) });
  return { accountId, ephemeralKey: b64(ephemeral.publicKey.export({ format: 'der', type: 'spki' })), ...seal(slotKey(shared, accountId), Buffer.from(secret, 'utf8'), accountId) };
}

export function openSlot(slot: Slot, privateKey: KeyObject): string | null {
  try {
    const shared = diffieHellman({ privateKey, publicKey: createPublicKey({ key: unb64(slot.ephemeralKey), format: 'der', type: 'spki' }) });
    return open(slotKey(shared, slot.accountId), slot, slot.accountId)?.toString('utf8') ?? null;
  } catch {
    return null;
  }
}
