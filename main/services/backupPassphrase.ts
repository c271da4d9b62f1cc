import type * as FsPromises from 'node:fs/promises';
import { concatBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { beginSealedBackup, deriveBackupKey, openWithPassphrase, readPassHeader, type BackupKey } from '../../shared/backup/passSeal';
import { CRYPTO_SUITES, fromHex, type CryptoSuite } from '../../shared/bundle/suites';
import { toHex } from '../../shared/crypto/sm3';
import type { StreamSealer } from '../../shared/bundle/stream';
import type { OsProtector } from './unitKey';

/**
 * The passphrase backups are sealed with (shared/backup/passSeal.ts), kept by
 * main so that the daily automatic backup is sealed without anyone typing it.
 *
 * What is kept is not the passphrase but the key scrypt made of it (with its
 * salt and cost), in main's own data folder: encrypted by the OS keystore
 * where there is one (Electron safeStorage), otherwise in a file only this
 * OS user can read. Why that is enough: the seal protects copies that leave
 * the PC — a backup on a USB stick, a shared folder — and never this file,
 * which is not in any backup folder nor in any backup. On the PC itself the
 * unit's database is readable to whoever can read this user's files, so the
 * key beside it gives such a person nothing new. The renderer never holds it:
 * it sends plain bytes and gets sealed ones back; on a restore it gets only
 * the one file's key, after the passphrase typed there opened it.
 */

export interface BackupPassphraseDeps {
  fs: Pick<typeof FsPromises, 'readFile' | 'writeFile' | 'rename' | 'unlink'>;
  /** main's file for the kept key */
  file: string;
  os: OsProtector | null;
  now: () => number;
  randomId: () => string;
}

const stored = z
  .object({
    version: z.literal(1),
    suite: z.enum(CRYPTO_SUITES),
    salt: z.string().regex(/^[0-9a-f]{32}$/),
    N: z.number().int(),
    setAt: z.number(),
    setBy: z.string(),
    key: z.discriminatedUnion('kind', [z.object({ kind: z.literal('os'), data: z.string() }).strict(), z.object({ kind: z.literal('file'), hex: z.string().regex(/^[0-9a-f]{64}$/) }).strict()]),
  })
  .strict();
type Stored = z.infer<typeof stored>;

export type UnlockFailure = 'notSealed' | 'badHeader' | 'wrongPassphrase';

/** Sealing sessions for a backup the page assembles itself (a download): a handful at most. */
const MAX_SESSIONS = 4;

export function createBackupPassphrase(deps: BackupPassphraseDeps) {
  const sessions = new Map<string, StreamSealer>();

  async function read(): Promise<Stored | null> {
    try {
      const parsed = stored.safeParse(JSON.parse(await deps.fs.readFile(deps.file, 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  async function kept(): Promise<{ kek: BackupKey; suite: CryptoSuite } | null> {
    const s = await read();
    if (!s) return null;
    const hex = s.key.kind === 'os' ? deps.os?.decrypt(Buffer.from(s.key.data, 'base64')) : s.key.hex;
    if (!hex || !/^[0-9a-f]{64}$/.test(hex)) return null;
    return { kek: { salt: fromHex(s.salt), N: s.N, key: fromHex(hex) }, suite: s.suite };
  }

  return {
    async status(): Promise<{ set: boolean; setAt: number | null; setBy: string | null }> {
      const s = await read();
      return s && (await kept()) ? { set: true, setAt: s.setAt, setBy: s.setBy } : { set: false, setAt: null, setBy: null };
    },

    /** Keeps the key of a new passphrase (a fresh salt each time); backups from now on are sealed with it. */
    async set(passphrase: string, suite: CryptoSuite, setBy: string): Promise<void> {
      const kek = await deriveBackupKey(passphrase);
      const hex = toHex(kek.key);
      const key: Stored['key'] = deps.os ? { kind: 'os', data: deps.os.encrypt(hex).toString('base64') } : { kind: 'file', hex };
      const value: Stored = { version: 1, suite, salt: toHex(kek.salt), N: kek.N, setAt: deps.now(), setBy, key };
      const temp = `${deps.file}.part`;
      await deps.fs.writeFile(temp, JSON.stringify(value), { mode: 0o600 });
      await deps.fs.rename(temp, deps.file);
    },

    /** Backups from now on are not sealed; those already sealed still need their passphrase. */
    async clear(): Promise<void> {
      await deps.fs.unlink(deps.file).catch(() => undefined);
    },

    /** The start of a sealed file and its sealer, under the kept key; null when no passphrase is set. */
    async sealing(): Promise<{ head: Uint8Array; sealer: StreamSealer } | null> {
      const k = await kept();
      return k ? beginSealedBackup(k.kek, k.suite) : null;
    },

    async begin(): Promise<{ id: string; head: Uint8Array } | null> {
      if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value!);
      const started = await this.sealing();
      if (!started) return null;
      const id = deps.randomId();
      sessions.set(id, started.sealer);
      return { id, head: started.head };
    },

    push(id: string, bytes: Uint8Array): Uint8Array | null {
      return sessions.get(id)?.push(bytes) ?? null;
    },

    /** The last bytes, sealed, and the last chunk; the session ends. */
    end(id: string, bytes: Uint8Array): Uint8Array | null {
      const sealer = sessions.get(id);
      if (!sealer) return null;
      sessions.delete(id);
      return concatBytes(sealer.push(bytes), sealer.finish());
    },

    /** Opens a sealed backup's start with a typed passphrase: that file's key, or why not. */
    async unlock(head: Uint8Array, passphrase: string): Promise<{ ok: true; fileKey: string; start: number } | { ok: false; code: UnlockFailure }> {
      const read = readPassHeader(head);
      if (!read.ok) return { ok: false, code: read.failure };
      const fileKey = await openWithPassphrase(read, passphrase);
      return fileKey ? { ok: true, fileKey: toHex(fileKey), start: read.start } : { ok: false, code: 'wrongPassphrase' };
    },
  };
}

export type BackupPassphrase = ReturnType<typeof createBackupPassphrase>;
