import type { Handlers } from '../../shared/ipc/contract';
import { isSealed } from '../../shared/bundle/seal';
import { sealVerdict } from '../../shared/bundle/verdicts';
import type { Permission } from '../../shared/domain/roles';
import { failureResult, type ConsoleStore } from './consoleStore';
import { ingestBundle } from './pgStore/ingest';
import { enrolKeys, enrolledKeyRows, keyLookupFromDb, reviewEnrolments, revokeKey } from './pgStore/keys';
import { enrolledKeyCount, receivedBundles, unitRecords } from './pgStore/reads';
import { parseEnrolment, type Enrolment } from '../../shared/bundle/enrolment';
import { unitSummaries } from './pgStore/units';
import { checkpoints, knownUnits } from './pgStore/policyReads';
import { officeReceived } from './pgStore/officeHome';
import { evaluationUnits, noticeUnits } from './pgStore/unitYears';
import type { SealedInbox } from './sealedInbox';
import type { SigninGuard } from './signinGuard';
import { UnitKeyError, type UnitKeys } from './unitKey';

type PgChannel = Extract<keyof Handlers, `pgConsole:${string}`>;

export interface PgHandlerDeps {
  store: ConsoleStore | undefined;
  guard: SigninGuard;
  unitKeys: UnitKeys;
  inbox: SealedInbox;
  /** The same password-and-role check the other key handlers make before a key is used. */
  keyHolder: (accountId: string, password: string, permissions: Permission[]) => Promise<{ ok: false; code: 'badPassword' | 'locked' | 'forbidden' } | null>;
}

/**
 * The console's PostgreSQL channels. Each is answered for a live session
 * whose account may do it, as main knows the account: the server's settings
 * are the administrator's, its data the auditors'.
 */
export function createPgHandlers(deps: PgHandlerDeps): Pick<Handlers, PgChannel> {
  /** The session's account, when it may do this; a refusal the renderer shows otherwise. */
  async function as<T>(session: string, permission: Permission, fn: (store: ConsoleStore, accountId: string) => Promise<T>) {
    const accountId = deps.guard.sessionAccountId(session);
    if (accountId === null) return { ok: false as const, code: 'noSession' as const };
    if (!deps.guard.allowed(accountId, permission)) return { ok: false as const, code: 'forbidden' as const };
    if (!deps.store) return { ok: false as const, code: 'notPg' as const };
    try {
      return await fn(deps.store, accountId);
    } catch (e) {
      const result = failureResult(e);
      if (result.code === 'serverError') console.error('[pg console]', e);
      return result;
    }
  }

  return {
    'pgConsole:status': async ({ session }) => {
      const accountId = deps.guard.sessionAccountId(session);
      if (accountId === null || !deps.store) return { mode: 'local' as const, server: null, ready: false };
      const status = await deps.store.status();
      // Only those who may change or use the server learn where it is.
      const mayKnow = deps.guard.allowed(accountId, 'settings.edit') || deps.guard.allowed(accountId, 'console.use');
      return mayKnow ? status : { ...status, server: null };
    },
    'pgConsole:test': ({ session, server, password }) => as(session, 'settings.edit', async (store) => ({ ok: true as const, version: await store.test(server, password) })),
    'pgConsole:migrate': ({ session, server, password }) => as(session, 'settings.edit', async (store) => ({ ok: true as const, ...(await store.migrate(server, password)) })),
    'pgConsole:save': ({ session, unitId, server, password }) =>
      as(session, 'settings.edit', async (store, accountId) => {
        await store.save(unitId, accountId, server, password);
        return { ok: true as const };
      }),
    'pgConsole:useLocal': ({ session }) =>
      as(session, 'settings.edit', async (store, accountId) => {
        await store.useLocal(accountId);
        return { ok: true as const };
      }),
    'pgConsole:ingest': ({ session, id, fileName, opener }) =>
      as(session, 'console.use', async (store, accountId) => {
        let bytes: Uint8Array = deps.inbox.take(id);
        if (isSealed(bytes)) {
          // Opened here with the office's key, for a password main checks itself, as sealed:open does.
          const locked = { ok: true as const, outcome: { fileName, verdict: 'sealedLocked' as const, detail: 'no password' } };
          if (!opener || opener.password === '' || opener.accountId !== accountId) return locked;
          const refused = await deps.keyHolder(opener.accountId, opener.password, ['console.use']);
          if (refused) return { ok: true as const, outcome: { ...locked.outcome, detail: refused.code } };
          try {
            const opened = await deps.unitKeys.openSealed({ ...opener, bytes });
            if (!opened.ok) return { ok: true as const, outcome: { fileName, verdict: sealVerdict(opened.failure), detail: opened.failure } };
            bytes = opened.content;
          } catch (e) {
            if (e instanceof UnitKeyError) return { ok: true as const, outcome: { ...locked.outcome, detail: e.code } };
            throw e;
          }
        }
        const outcome = await store.use(async (pool) => ingestBundle(pool, { name: fileName, bytes }, await keyLookupFromDb(pool), accountId));
        return { ok: true as const, outcome };
      }),
    'pgConsole:units': ({ session, now, silentDays }) => as(session, 'console.use', async (store) => ({ ok: true as const, units: await store.use((pool) => unitSummaries(pool, now, silentDays)) })),
    'pgConsole:unitRecords': ({ session, unitId }) => as(session, 'console.use', async (store) => ({ ok: true as const, tables: await store.use((pool) => unitRecords(pool, unitId)) })),
    'pgConsole:received': ({ session, limit }) =>
      as(session, 'console.use', async (store) =>
        store.use(async (pool) => {
          const [bundles, keysEnrolled] = await Promise.all([receivedBundles(pool, limit), enrolledKeyCount(pool)]);
          return { ok: true as const, bundles, keysEnrolled };
        }),
      ),
    'pgConsole:keys': ({ session }) => as(session, 'console.use', async (store) => ({ ok: true as const, keys: await store.use(enrolledKeyRows) })),
    'pgConsole:enrol': ({ session, files }) =>
      as(session, 'console.use', async (store, accountId) => {
        const enrolments: Enrolment[] = [];
        for (const text of files) {
          const parsed = parseEnrolment(text);
          if (parsed.ok) enrolments.push(parsed.enrolment);
        }
        const enrolled = enrolments.length === 0 ? [] : await store.use(async (pool) => enrolKeys(pool, await reviewEnrolments(pool, enrolments), accountId));
        return { ok: true as const, enrolled, refused: files.length - enrolled.length };
      }),
    'pgConsole:revoke': ({ session, keyId, reason }) => as(session, 'console.use', async (store, accountId) => ({ ok: true as const, result: await store.use((pool) => revokeKey(pool, keyId, reason, accountId)) })),
    // The policy-issue page and the office's home page: read for an auditor, by the shared rules.
    'pgConsole:knownUnits': ({ session, officeUnitId }) => as(session, 'console.use', async (store) => ({ ok: true as const, units: await store.use((pool) => knownUnits(pool, officeUnitId)) })),
    'pgConsole:checkpoints': ({ session }) => as(session, 'console.use', async (store) => ({ ok: true as const, checkpoints: await store.use(checkpoints) })),
    'pgConsole:home': ({ session, now, silentDays }) => as(session, 'console.use', async (store) => ({ ok: true as const, ...(await store.use((pool) => officeReceived(pool, now, silentDays))) })),
    // The office's evaluation and notices read the units' years here; the office's own entries and notices stay in its local store.
    'pgConsole:evaluationUnits': ({ session, officeUnitId, year, now }) =>
      as(session, 'console.use', async (store) => ({ ok: true as const, units: await store.use((pool) => evaluationUnits(pool, officeUnitId, year, now)) })),
    'pgConsole:noticeUnits': ({ session, officeUnitId, from, to, thresholds, now }) =>
      as(session, 'console.use', async (store) => ({ ok: true as const, units: await store.use((pool) => noticeUnits(pool, officeUnitId, { from, to, thresholds }, now)) })),
  };
}

