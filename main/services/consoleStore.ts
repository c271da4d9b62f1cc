import type * as FsPromises from 'node:fs/promises';
import type { KeyObject } from 'node:crypto';
import type { Pool } from 'pg';
import { z } from 'zod';
import type { DatabaseError } from 'pg';
import type { PgFailure, PgFailureResult } from '../../shared/ipc/contract.pg';
import { serverAddress } from '../../shared/ipc/contract.pg';
import { openSlot, sealTo, slotSchema } from './accountVault';
import type { OsProtector } from './unitKey';
import type { Permission } from '../../shared/domain/roles';
import { openServerPool, type ServerAddress } from './pgStore/connection';
import { migrate, schemaVersion } from './pgStore/migrate';
import { LATEST_VERSION } from './pgStore/migrations';

/**
 * Which database the office's console uses, and the way to it. The address
 * is kept in a file in main's folder; the password is sealed there the way
 * main keeps the unit key: by the OS keystore where there is one, otherwise
 * to each account allowed to use it (accountVault), so it opens with the
 * password an administrator or auditor signs in with and is never on disk
 * in the clear. The renderer asks for data; it never holds the password or
 * a connection string.
 */

export interface ConsoleStoreDeps {
  fs: Pick<typeof FsPromises, 'readFile' | 'writeFile' | 'rename'>;
  file: string;
  os: OsProtector | null;
  /** The accounts of the office that may use the server, each with its own sealed key pair. */
  holders: {
    list(unitId: string): { accountId: string; publicKey: string }[];
    open(accountId: string, password: string): Promise<KeyObject | null>;
  };
  now: () => number;
}

export class ConsoleStoreError extends Error {
  constructor(
    readonly code: PgFailure,
    readonly found?: number,
  ) {
    super(code);
  }
}

const sealedPassword = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('os'), data: z.string() }).strict(),
  z.object({ kind: z.literal('slots'), slots: z.array(slotSchema) }).strict(),
]);
const settingsFile = z
  .object({
    version: z.literal(1),
    mode: z.enum(['local', 'pg']),
    unitId: z.string(),
    server: serverAddress.nullable(),
    password: sealedPassword.nullable(),
    savedAt: z.number(),
    savedBy: z.string(),
  })
  .strict();
type Settings = z.infer<typeof settingsFile>;

/** pg's errors as the few things a user can act on; SQLSTATE codes from PostgreSQL's appendix A. */
export function failureOf(error: unknown): PgFailure {
  const e = error as Partial<DatabaseError> & { code?: string; errno?: number };
  const code = typeof e?.code === 'string' ? e.code : '';
  if (code === '28P01' || code === '28000') return 'wrongPassword';
  if (code === '3D000') return 'noDatabase';
  if (code === '42501') return 'permission';
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', '57P03'].includes(code)) return 'unreachable';
  if (error instanceof Error && /timeout|terminated/i.test(error.message)) return 'unreachable';
  return 'serverError';
}

/** Runs `fn` with a pool on the typed server, ended afterwards: a test or a migration changes nothing kept. */
async function withServer<T>(server: ServerAddress, password: string, fn: (pool: Pool) => Promise<T>): Promise<T> {
  // Two: a migration holds one client for its lock and reads the version on another.
  const pool = openServerPool(server, password, 2);
  // An idle client that loses its server emits on the pool; without a listener Node would end the process.
  pool.on('error', () => undefined);
  try {
    return await fn(pool);
  } finally {
    await pool.end().catch(() => undefined);
  }
}

async function schemaOf(pool: Pool): Promise<number> {
  const found = await schemaVersion(pool);
  if (found < LATEST_VERSION) throw new ConsoleStoreError('schemaOld', found);
  if (found > LATEST_VERSION) throw new ConsoleStoreError('schemaNew', found);
  return found;
}

/** A refusal as the contract carries it. */
export function failureResult(error: unknown): PgFailureResult {
  if (error instanceof ConsoleStoreError) return { ok: false, code: error.code, ...(error.found === undefined ? {} : { found: error.found, needs: LATEST_VERSION }) };
  return { ok: false, code: failureOf(error) };
}

export function createConsoleStore(deps: ConsoleStoreDeps) {
  let loaded: Promise<Settings | null> | undefined;
  let password: string | null = null;
  let pool: Pool | null = null;

  async function read(): Promise<Settings | null> {
    try {
      return settingsFile.parse(JSON.parse(await deps.fs.readFile(deps.file, 'utf8')));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      // A damaged file is the local store until an administrator saves the server again.
      console.error('[console store] settings unreadable:', e);
      return null;
    }
  }
  const settings = () => (loaded ??= read());

  async function write(next: Settings): Promise<void> {
    await deps.fs.writeFile(`${deps.file}.tmp`, JSON.stringify(next, null, 2), { mode: 0o600 });
    await deps.fs.rename(`${deps.file}.tmp`, deps.file);
    loaded = Promise.resolve(next);
  }

  function seal(unitId: string, secret: string): Settings['password'] {
    if (deps.os) return { kind: 'os', data: deps.os.encrypt(secret).toString('base64') };
    return { kind: 'slots', slots: deps.holders.list(unitId).map((h) => sealTo(h.accountId, h.publicKey, secret)) };
  }

  async function closePool(): Promise<void> {
    const p = pool;
    pool = null;
    await p?.end().catch(() => undefined);
  }

  /** The live pool on the kept server; its password opened from the keystore or by a signed-in holder. */
  async function livePool(): Promise<Pool> {
    const s = await settings();
    if (!s || s.mode !== 'pg' || !s.server) throw new ConsoleStoreError('notPg');
    if (pool) return pool;
    if (password === null && s.password?.kind === 'os' && deps.os) password = deps.os.decrypt(Buffer.from(s.password.data, 'base64'));
    if (password === null) throw new ConsoleStoreError('locked');
    const opened = openServerPool(s.server, password);
    opened.on('error', () => undefined);
    try {
      await schemaOf(opened);
    } catch (e) {
      await opened.end().catch(() => undefined);
      throw e;
    }
    pool = opened;
    return pool;
  }

  return {
    async status(): Promise<{ mode: 'local' | 'pg'; server: ServerAddress | null; ready: boolean }> {
      const s = await settings();
      if (!s || s.mode === 'local') return { mode: 'local', server: s?.server ?? null, ready: false };
      const ready = await livePool().then(
        () => true,
        () => false,
      );
      return { mode: 'pg', server: s.server, ready };
    },

    /** Connects with what was typed and reads the schema's version; nothing is kept. */
    test(server: ServerAddress, typed: string): Promise<number> {
      return withServer(server, typed, schemaOf);
    },

    /** Brings the typed server's schema to this build's; a role that may not create tables is told so. */
    migrate(server: ServerAddress, typed: string): Promise<{ from: number; to: number }> {
      return withServer(server, typed, async (p) => {
        const result = await migrate(p, LATEST_VERSION, deps.now);
        return { from: result.from, to: result.to };
      });
    },

    /** Tests, then keeps the server with its password sealed and switches the console to it. */
    async save(unitId: string, accountId: string, server: ServerAddress, typed: string): Promise<void> {
      await withServer(server, typed, schemaOf);
      await closePool();
      await write({ version: 1, mode: 'pg', unitId, server, password: seal(unitId, typed), savedAt: deps.now(), savedBy: accountId });
      password = typed;
    },

    /** Back to the PC's own database: the address stays to fill the form again, the password does not. */
    async useLocal(accountId: string): Promise<void> {
      const s = await settings();
      await closePool();
      password = null;
      await write({ version: 1, mode: 'local', unitId: s?.unitId ?? '', server: s?.server ?? null, password: null, savedAt: deps.now(), savedBy: accountId });
    },

    /**
     * At sign-in main has the account's password for a moment: enough to open
     * the server's password sealed to that account. It is then sealed again
     * to whoever may use it now, as the unit key is.
     */
    async unlock(accountId: string, accountPassword: string): Promise<void> {
      const s = await settings();
      if (password !== null || !s || s.mode !== 'pg' || s.password?.kind !== 'slots') return;
      const slot = s.password.slots.find((x) => x.accountId === accountId);
      const own = slot ? await deps.holders.open(accountId, accountPassword) : null;
      const secret = own && slot ? openSlot(slot, own) : null;
      if (secret === null) return;
      password = secret;
      const have = new Set(s.password.slots.map((x) => x.accountId));
      const want = deps.holders.list(s.unitId);
      if (want.length !== have.size || !want.every((h) => have.has(h.accountId))) await write({ ...s, password: seal(s.unitId, secret) });
    },

    /** Runs a read or a write on the kept server; a server gone away is said so, and the next call connects again. */
    async use<T>(fn: (pool: Pool) => Promise<T>): Promise<T> {
      const p = await livePool();
      try {
        return await fn(p);
      } catch (e) {
        if (e instanceof ConsoleStoreError) throw e;
        const code = failureOf(e);
        if (code === 'unreachable' || code === 'wrongPassword') await closePool();
        if (code === 'serverError') throw e;
        throw new ConsoleStoreError(code);
      }
    },

    close: closePool,
  };
}

export type ConsoleStore = ReturnType<typeof createConsoleStore>;

/** Who the server's password is sealed to: the office's administrators, who set it, and its auditors, who use it. */
export function consoleHolders(guard: { holders(unitId: string, permissions: Permission[]): { accountId: string; publicKey: string }[]; openVault(accountId: string, password: string): Promise<KeyObject | null> }): ConsoleStoreDeps['holders'] {
  return { list: (unitId) => guard.holders(unitId, ['settings.edit', 'console.use']), open: (accountId, password) => guard.openVault(accountId, password) };
}
