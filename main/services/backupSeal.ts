import { backupDraft, backupManifest, type BackupDraft, type BackupManifest } from '../../shared/backup/format';
import { fingerprint, keyIdOf, verify, type CryptoSuite } from '../../shared/bundle/suites';
import { utf8 } from '../../shared/crypto/sm3';
import type { UnitKeys } from './unitKey';

/**
 * Signs backup manifests with the unit key and judges the signature on
 * restore. The key itself stays with whoever holds it (unitKey.ts): this
 * service only gets "sign these bytes" and "which public keys does this PC
 * hold", so it is tested without a key store.
 *
 * On restore, a PC that holds a key (current or retired, of any unit it has
 * had) accepts only backups signed by one of them. A PC that holds none — a
 * fresh install — cannot know the unit's key, so it shows the signer's
 * fingerprint for the administrator to compare with the old PC's key card,
 * and asks for the password of one of the backup's own administrators.
 */

export interface PublicKeyFacts {
  suite: CryptoSuite;
  publicKey: string;
}

export interface BackupSealDeps {
  /** The unit's current key, public part; null when there is none. */
  keyOf(unitId: string): Promise<PublicKeyFacts | null>;
  /** A signature by the unit's current key over exactly these bytes; throws when the key cannot be used. */
  sign(unitId: string, password: string, message: Uint8Array, accountId?: string): Promise<string>;
  /** Every key this PC holds or has held, for any unit. */
  heldKeys(): Promise<PublicKeyFacts[]>;
  /** Whether the password opens one of these hashes: counted and throttled like any password check. */
  checkAdminPassword(password: string, hashes: string[]): Promise<boolean>;
}

export type SealFailure = 'badSignature' | 'otherKey' | 'needPassword' | 'wrongPassword';
export type SealVerdict =
  | { ok: true; manifest: BackupManifest; fingerprint: string; signer: 'thisPc' | 'backupAdmin' }
  | { ok: false; code: SealFailure; fingerprint: string | null };

export class BackupSealError extends Error {
  constructor(readonly code: 'noKey' | 'noUnit') {
    super(code);
  }
}

function parseManifest(bytes: Uint8Array): BackupManifest | null {
  try {
    const parsed = backupManifest.safeParse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function createBackupSeal(deps: BackupSealDeps) {
  return {
    /** The final manifest bytes (the draft plus the signer) and the signature over them. */
    async seal(draft: BackupDraft, password: string, accountId?: string): Promise<{ manifestBytes: Uint8Array; signature: string }> {
      const checked = backupDraft.parse(draft);
      if (!checked.unit) throw new BackupSealError('noUnit');
      const key = await deps.keyOf(checked.unit.id);
      if (!key) throw new BackupSealError('noKey');
      const manifest: BackupManifest = { ...checked, signer: { suite: key.suite, publicKey: key.publicKey, keyId: keyIdOf(key.suite, key.publicKey) } };
      const manifestBytes = utf8(JSON.stringify(manifest));
      return { manifestBytes, signature: await deps.sign(checked.unit.id, password, manifestBytes, accountId) };
    },

    /** Nothing in the manifest is believed until its signature verifies; then who signed it decides. */
    async verify(manifestBytes: Uint8Array, signature: string, password?: string): Promise<SealVerdict> {
      const manifest = parseManifest(manifestBytes);
      if (!manifest) return { ok: false, code: 'badSignature', fingerprint: null };
      const { suite, publicKey, keyId } = manifest.signer;
      if (keyIdOf(suite, publicKey) !== keyId || !verify(suite, publicKey, manifestBytes, signature)) return { ok: false, code: 'badSignature', fingerprint: null };
      const print = fingerprint(suite, publicKey);
      const held = await deps.heldKeys();
      if (held.length > 0) {
        return held.some((k) => k.suite === suite && k.publicKey === publicKey) ? { ok: true, manifest, fingerprint: print, signer: 'thisPc' } : { ok: false, code: 'otherKey', fingerprint: print };
      }
      if (password === undefined || password === '') return { ok: false, code: 'needPassword', fingerprint: print };
      if (await deps.checkAdminPassword(password, manifest.admins.map((a) => a.passwordHash))) return { ok: true, manifest, fingerprint: print, signer: 'backupAdmin' };
      return { ok: false, code: 'wrongPassword', fingerprint: print };
    },
  };
}

export type BackupSeal = ReturnType<typeof createBackupSeal>;

/**
 * The seal over today's unit key store. The one place that knows how
 * unitKey.ts is called: when its API changes, this adapter changes.
 */
export function sealWithUnitKeys(unitKeys: Pick<UnitKeys, 'status' | 'sign' | 'heldKeys'>, checkAdminPassword: BackupSealDeps['checkAdminPassword']): BackupSeal {
  return createBackupSeal({
    keyOf: async (unitId) => {
      const key = await unitKeys.status(unitId);
      return key ? { suite: key.suite, publicKey: key.publicKey } : null;
    },
    sign: async (unitId, password, message, accountId) => (await unitKeys.sign({ unitId, password, message, ...(accountId ? { accountId } : {}) })).signature,
    heldKeys: () => unitKeys.heldKeys(),
    checkAdminPassword,
  });
}
