import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCallback } from 'node:crypto';
import type * as FsPromises from 'node:fs/promises';
import { z } from 'zod';
import { makeEnrolment, type Enrolment } from '../../shared/bundle/enrolment';
import { CRYPTO_SUITES, fingerprint, generateKeyPair, keyIdOf, sign, type CryptoSuite } from '../../shared/bundle/suites';
import { openSlot, sealTo, slotSchema } from './accountVault';
import { generateSealKey, openSealed, readSealHeader, sealFingerprint, sealKeyIdOf, type Opened } from '../../shared/bundle/seal';
import { writeOfficeKeyFile } from '../../shared/bundle/officeKeyFile';
import type { KeyObject } from 'node:crypto';

/**
 * The unit's signing key (DESIGN.md, Export bundles). The private key is made
 * here, in main, and never leaves it: the renderer asks for a signature and
 * gets one. At rest it is encrypted by the OS (Electron safeStorage) where
 * the OS offers it, otherwise with a key derived by scrypt from the password
 * of the administrator who made it. A rotation makes a new key signed by the
 * old one; a replacement (the old key lost or locked) makes an unsigned new
 * key that the office must approve again.
 */

/** Electron's safeStorage, where the OS has a real keystore behind it. */
export interface OsProtector {
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

export interface UnitKeyDeps {
  fs: Pick<typeof FsPromises, 'mkdir' | 'readFile' | 'writeFile' | 'rename' | 'readdir'>;
  /** The folder holding one key file per unit. */
  dir: string;
  join: (...parts: string[]) => string;
  os: OsProtector | null;
  now: () => number;
  /**
   * The accounts allowed to use the key, each with its own sealed key pair
   * (signinGuard + accountVault). Without an OS keystore the key is sealed
   * to each of them, so each opens it with their own password.
   */
  holders?: {
    list(unitId: string): { accountId: string; publicKey: string }[];
    open(accountId: string, password: string): Promise<KeyObject | null>;
  };
}

export class UnitKeyError extends Error {
  constructor(readonly code: 'noKey' | 'exists' | 'wrongPassword' | 'otherUnit' | 'damaged' | 'needGrant') {
    super(code);
  }
}

const box = z.object({ salt: z.string(), iv: z.string(), tag: z.string(), data: z.string() }).strict();
const protection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('os'), data: z.string() }).strict(),
  // `box`: sealed with the password of whoever made it; `slots`: sealed to each account allowed to use it.
  z.object({ kind: z.literal('password'), box, slots: z.array(slotSchema).optional() }).strict(),
]);
const stored = z
  .object({
    version: z.literal(1),
    unit: z.object({ id: z.string(), name: z.string(), code: z.string() }).strict(),
    suite: z.enum(CRYPTO_SUITES),
    publicKey: z.string(),
    keyId: z.string(),
    createdAt: z.number(),
    createdBy: z.string(),
    rotation: z.object({ previousKeyId: z.string(), signature: z.string() }).strict().nullable(),
    protection,
    // A retired key keeps its private part, still sealed as it was: what it signed can be re-signed or proven later.
    retired: z.array(z.object({ keyId: z.string(), suite: z.enum(CRYPTO_SUITES), publicKey: z.string(), retiredAt: z.number(), protection: protection.optional() }).strict()),
    /**
     * The office's encryption keys (sealed bundles), oldest first: the last is
     * the one policies name; the others still open what was sealed to them.
     */
    sealKeys: z.array(z.object({ suite: z.enum(CRYPTO_SUITES), publicKey: z.string(), keyId: z.string(), createdAt: z.number(), createdBy: z.string(), protection }).strict()).optional(),
  })
  .strict();
type StoredKey = z.infer<typeof stored>;

/** An office encryption key's public facts. */
export interface SealKeyStatus {
  suite: CryptoSuite;
  keyId: string;
  publicKey: string;
  fingerprint: string;
  createdAt: number;
}

export interface UnitKeyStatus {
  suite: CryptoSuite;
  keyId: string;
  publicKey: string;
  fingerprint: string;
  createdAt: number;
  createdBy: string;
  protection: 'os' | 'password';
  rotated: boolean;
  retired: number;
}

const SCRYPT = { N: 32768, r: 8, p: 1, maxmem: 128 * 32768 * 8 * 2 };

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCallback(password.normalize('NFC'), salt, 32, SCRYPT, (e, key) => (e ? reject(e) : resolve(key))));
}

async function sealWithPassword(secret: string, password: string): Promise<z.infer<typeof box>> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await derive(password, salt), iv);
  const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return { salt: salt.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

async function openWithPassword(sealed: z.infer<typeof box>, password: string): Promise<string> {
  const decipher = createDecipheriv('aes-256-gcm', await derive(password, Buffer.from(sealed.salt, 'base64')), Buffer.from(sealed.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new UnitKeyError('wrongPassword');
  }
}

export function createUnitKeys(deps: UnitKeyDeps) {
  const fileOf = (unitId: string) => {
    if (!/^[A-Za-z0-9-]{1,64}$/.test(unitId)) throw new Error('bad unit id');
    return deps.join(deps.dir, `${unitId}.json`);
  };

  /** The key file: absent, readable, or damaged (cut short, edited, not ours). */
  async function read(unitId: string): Promise<{ state: 'none' } | { state: 'ok'; key: StoredKey } | { state: 'damaged' }> {
    let text: string;
    try {
      text = await deps.fs.readFile(fileOf(unitId), 'utf8');
    } catch {
      return { state: 'none' };
    }
    try {
      const parsed = stored.safeParse(JSON.parse(text));
      return parsed.success && parsed.data.unit.id === unitId ? { state: 'ok', key: parsed.data } : { state: 'damaged' };
    } catch {
      return { state: 'damaged' };
    }
  }

  async function load(unitId: string): Promise<StoredKey | null> {
    const file = await read(unitId);
    if (file.state === 'damaged') throw new UnitKeyError('damaged');
    return file.state === 'ok' ? file.key : null;
  }

  const retire = (k: StoredKey): StoredKey['retired'][number] => ({ keyId: k.keyId, suite: k.suite, publicKey: k.publicKey, retiredAt: deps.now(), protection: k.protection });

  async function save(key: StoredKey): Promise<void> {
    await deps.fs.mkdir(deps.dir, { recursive: true });
    const file = fileOf(key.unit.id);
    await deps.fs.writeFile(`${file}.part`, JSON.stringify(key, null, 2), { mode: 0o600 });
    await deps.fs.rename(`${file}.part`, file);
  }

  const statusOf = (k: StoredKey): UnitKeyStatus => ({
    suite: k.suite,
    keyId: k.keyId,
    publicKey: k.publicKey,
    fingerprint: fingerprint(k.suite, k.publicKey),
    createdAt: k.createdAt,
    createdBy: k.createdBy,
    protection: k.protection.kind,
    rotated: k.rotation !== null,
    retired: k.retired.length,
  });

  const slotsFor = (unitId: string, secret: string) => (deps.holders?.list(unitId) ?? []).map((h) => sealTo(h.accountId, h.publicKey, secret));

  /**
   * The private key. Without an OS keystore: by the account's own slot and
   * password; else by the password it was sealed with (its maker's), given as
   * `grant` by someone else once, after which the account has its own slot.
   */
  async function unlock(k: StoredKey, password: string, accountId?: string, grant?: string): Promise<string> {
    const secret = await openProtected(k.protection, password, accountId, grant);
    await refreshSlots(k, secret);
    return secret;
  }

  /** One protected secret: the signing key, or one of the office's encryption keys. */
  async function openProtected(p: StoredKey['protection'], password: string, accountId?: string, grant?: string): Promise<string> {
    if (p.kind === 'os') {
      if (!deps.os) throw new UnitKeyError('wrongPassword');
      return deps.os.decrypt(Buffer.from(p.data, 'base64'));
    }
    const slot = accountId ? p.slots?.find((s) => s.accountId === accountId) : undefined;
    const own = slot && deps.holders ? await deps.holders.open(slot.accountId, password) : null;
    const secret = own ? openSlot(slot!, own) : null;
    if (secret !== null) return secret;
    try {
      return await openWithPassword(p.box, grant || password);
    } catch (e) {
      // Main checked the account's own password already: what is missing is the key's maker letting it in.
      if (deps.holders && accountId && !slot && !grant) throw new UnitKeyError('needGrant');
      throw e;
    }
  }

  /** While the key is open, seal it to every account now allowed to use it, and to no other. */
  async function refreshSlots(k: StoredKey, secret: string): Promise<void> {
    if (k.protection.kind !== 'password' || !deps.holders) return;
    const want = deps.holders.list(k.unit.id);
    const have = k.protection.slots ?? [];
    const same = want.length === have.length && want.every((h) => have.some((s) => s.accountId === h.accountId));
    if (same) return;
    await save({ ...k, protection: { ...k.protection, slots: slotsFor(k.unit.id, secret) } });
  }

  async function protect(unitId: string, secret: string, password: string): Promise<StoredKey['protection']> {
    if (deps.os) return { kind: 'os', data: deps.os.encrypt(secret).toString('base64') };
    return { kind: 'password', box: await sealWithPassword(secret, password), slots: slotsFor(unitId, secret) };
  }

  async function required(unitId: string): Promise<StoredKey> {
    const k = await load(unitId);
    if (!k) throw new UnitKeyError('noKey');
    return k;
  }

  return {
    /** The key's public facts; null when there is none or its file is damaged (see `state`). */
    async status(unitId: string): Promise<UnitKeyStatus | null> {
      const file = await read(unitId);
      return file.state === 'ok' ? statusOf(file.key) : null;
    },

    async state(unitId: string): Promise<'none' | 'ok' | 'damaged'> {
      return (await read(unitId)).state;
    },

    /** A first key, or (replace) a new unsigned one when the old cannot be used: the office must enrol it again. */
    async create(request: { unit: { id: string; name: string; code: string }; suite: CryptoSuite; accountId: string; password: string; replace: boolean }): Promise<UnitKeyStatus> {
      const file = await read(request.unit.id);
      if (file.state !== 'none' && !request.replace) throw new UnitKeyError(file.state === 'damaged' ? 'damaged' : 'exists');
      const existing = file.state === 'ok' ? file.key : null;
      if (file.state === 'damaged') {
        // Kept beside the new key, not overwritten: whatever is left of it may still matter to someone.
        await deps.fs.rename(fileOf(request.unit.id), `${fileOf(request.unit.id)}.damaged-${deps.now()}`);
      }
      const pair = generateKeyPair(request.suite);
      const key: StoredKey = {
        version: 1,
        unit: request.unit,
        suite: pair.suite,
        publicKey: pair.publicKey,
        keyId: keyIdOf(pair.suite, pair.publicKey),
        createdAt: deps.now(),
        createdBy: request.accountId,
        rotation: null,
        protection: await protect(request.unit.id, pair.privateKey, request.password),
        retired: existing ? [...existing.retired, retire(existing)] : [],
      };
      await save(key);
      return statusOf(key);
    },

    /** A new key whose enrolment the old key signs, so the office can take it without a phone call. */
    async rotate(request: { unitId: string; accountId: string; password: string; suite?: CryptoSuite; grant?: string }): Promise<UnitKeyStatus> {
      const old = await required(request.unitId);
      const oldPrivate = await unlock(old, request.password, request.accountId, request.grant);
      const suite = request.suite ?? old.suite;
      const pair = generateKeyPair(suite);
      const enrolment = makeEnrolment(old.unit, pair, deps.now(), { keyId: old.keyId, suite: old.suite, privateKey: oldPrivate });
      const key: StoredKey = {
        ...old,
        suite,
        publicKey: pair.publicKey,
        keyId: enrolment.keyId,
        createdAt: enrolment.createdAt,
        createdBy: request.accountId,
        rotation: enrolment.rotation,
        protection: await protect(old.unit.id, pair.privateKey, request.password),
        retired: [...old.retired, retire(old)],
      };
      await save(key);
      return statusOf(key);
    },

    /** The enrolment file of the current key, under the unit's current name and code. */
    async enrolment(unit: { id: string; name: string; code: string }): Promise<Enrolment> {
      const k = await required(unit.id);
      return { format: 'zwledger-enrolment/1', unitId: k.unit.id, unitName: unit.name, unitCode: unit.code, suite: k.suite, publicKey: k.publicKey, keyId: k.keyId, createdAt: k.createdAt, rotation: k.rotation };
    },

    /** Every public key this PC holds or retired, of any unit: what a backup restored here must be signed by. */
    async heldKeys(): Promise<{ suite: CryptoSuite; publicKey: string }[]> {
      let names: string[];
      try {
        names = await deps.fs.readdir(deps.dir);
      } catch {
        return [];
      }
      const files = await Promise.all(names.filter((n) => /^[A-Za-z0-9-]{1,64}\.json$/.test(n)).map((n) => read(n.slice(0, -5))));
      const keys = files.map((f) => (f.state === 'ok' ? f.key : null));
      return keys.flatMap((k) => (k ? [{ suite: k.suite, publicKey: k.publicKey }, ...k.retired.map((r) => ({ suite: r.suite, publicKey: r.publicKey }))] : []));
    },

    /** The office's encryption keys, oldest first; the last is the one a policy names. */
    async sealKeys(unitId: string): Promise<SealKeyStatus[]> {
      const file = await read(unitId);
      if (file.state !== 'ok') return [];
      return (file.key.sealKeys ?? []).map((s) => ({ suite: s.suite, keyId: s.keyId, publicKey: s.publicKey, fingerprint: sealFingerprint(s.suite, s.publicKey), createdAt: s.createdAt }));
    },

    /**
     * A new encryption key beside the signing key, sealed at rest the same
     * way; the signing key is opened first, so only someone who may sign the
     * office's policies can make one. Older keys are kept for older bundles.
     */
    async createSealKey(request: { unitId: string; suite: CryptoSuite; accountId: string; password: string; grant?: string }): Promise<SealKeyStatus[]> {
      const k = await required(request.unitId);
      await unlock(k, request.password, request.accountId, request.grant);
      const pair = generateSealKey(request.suite);
      const entry = { suite: pair.suite, publicKey: pair.publicKey, keyId: sealKeyIdOf(pair.suite, pair.publicKey), createdAt: deps.now(), createdBy: request.accountId, protection: await protect(k.unit.id, pair.privateKey, request.password) };
      // Read again: unlocking may have refreshed the slots on disk.
      const latest = await required(request.unitId);
      await save({ ...latest, sealKeys: [...(latest.sealKeys ?? []), entry] });
      return this.sealKeys(request.unitId);
    },

    /** Opens a sealed bundle with the key its header names; the private key never leaves main. */
    async openSealed(request: { unitId: string; password: string; accountId?: string; grant?: string; bytes: Uint8Array }): Promise<Opened> {
      const k = await required(request.unitId);
      const header = readSealHeader(request.bytes);
      if (!header.ok) return header;
      const named = (k.sealKeys ?? []).find((s) => s.keyId === header.header.officeKeyId && s.suite === header.header.suite);
      if (!named) return openSealed(request.bytes, []);
      const privateKey = await openProtected(named.protection, request.password, request.accountId, request.grant);
      return openSealed(request.bytes, [{ suite: named.suite, publicKey: named.publicKey, privateKey }]);
    },

    /** Every encryption key, old ones too, in a file sealed with its own password: for the command line. */
    async exportSealKeys(request: { unitId: string; password: string; accountId?: string; grant?: string; filePassword: string }): Promise<string> {
      const k = await required(request.unitId);
      const pairs = [];
      for (const s of k.sealKeys ?? []) pairs.push({ suite: s.suite, publicKey: s.publicKey, privateKey: await openProtected(s.protection, request.password, request.accountId, request.grant) });
      if (pairs.length === 0) throw new UnitKeyError('noKey');
      return writeOfficeKeyFile(pairs, request.filePassword);
    },

    async sign(request: { unitId: string; password: string; accountId?: string; grant?: string; message: Uint8Array }): Promise<{ signature: string; keyId: string; suite: CryptoSuite }> {
      const k = await required(request.unitId);
      const secret = await unlock(k, request.password, request.accountId, request.grant);
      return { signature: sign(k.suite, secret, request.message), keyId: k.keyId, suite: k.suite };
    },
  };
}

export type UnitKeys = ReturnType<typeof createUnitKeys>;
