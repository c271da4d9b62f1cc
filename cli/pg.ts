import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { availableParallelism, userInfo } from 'node:os';
import dayjs from 'dayjs';
import writeXlsxFile from 'write-excel-file/node';
import type { Pool } from 'pg';
import { parseEnrolment, type Enrolment } from '../shared/bundle/enrolment';
import { FAILING, refusedEntryText } from '../shared/bundle/verdicts';
import type { ImportOutcome } from '../shared/console/plan';
import type { UnitSummary } from '../shared/console/summary';
import { checkDatabaseUrl, openPool } from '../main/services/pgStore/connection';
import { takeInPrepared } from '../main/services/pgStore/ingest';
import { enrolKeys, enrolledKeys, reviewEnrolments, revokeKey } from '../main/services/pgStore/keys';
import { migrate, requireLatest, SchemaVersionError } from '../main/services/pgStore/migrate';
import { LATEST_VERSION } from '../main/services/pgStore/migrations';
import { unitSummaries } from '../main/services/pgStore/units';
import { count, parseArgs, UsageError } from './args';
import { loadOfficeKeys } from './checkFiles';
import { preparedFiles } from './preparedFiles';
import type { FileVerdict, Output } from './commands';
import { entrySpan, type Lang, type Messages } from './messages';
import { PG_MESSAGES, type PgMessages } from './pgMessages';

/**
 * The office's PostgreSQL commands (`zwledger db migrate | enrol | revoke |
 * ingest | units`), on the store in main/services/pgStore and the same
 * shared/ rules as the console.
 */

export interface PgContext {
  io: Output;
  m: Messages;
  lang: Lang;
  /** Asks a question on the terminal; absent when there is none to ask on. */
  ask?: (question: string) => Promise<string>;
}

/** Who the database records as the one who enrolled, revoked or received: the operating-system account running the command. */
function operator(): string {
  return `cli:${userInfo().username}`;
}

/** Opens the database named by --db, runs the work and always ends the pool. */
async function withDb(options: Map<string, string | true>, command: string, p: PgMessages, needsLatest: boolean, work: (pool: Pool) => Promise<number>, io: Output): Promise<number> {
  const url = options.get('db');
  if (typeof url !== 'string') throw new UsageError(p.needsDb(command));
  const problem = checkDatabaseUrl(url);
  if (problem) throw new UsageError(p.url[problem]);
  const pool = openPool(url);
  // An idle client's connection dropped by the server is reported by the query that needs it, not as an unhandled event.
  pool.on('error', () => undefined);
  try {
    if (needsLatest) await requireLatest(pool);
    return await work(pool);
  } catch (error) {
    if (error instanceof SchemaVersionError) {
      io.err(p.schemaBehind(error.found, LATEST_VERSION));
      return 3;
    }
    const code = (error as { code?: string }).code;
    // Connection and authentication failures: say so in the user's language, not as a stack trace.
    if (typeof code === 'string' && (/^(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|ECONNRESET)$/.test(code) || code.startsWith('28') || code === '3D000')) {
      io.err(p.unreachable(error instanceof Error ? error.message : code));
      return 3;
    }
    throw error;
  } finally {
    await pool.end();
  }
}

export async function db(args: readonly string[], ctx: PgContext): Promise<number> {
  const p = PG_MESSAGES[ctx.lang];
  const [sub, ...rest] = args;
  if (sub !== 'migrate') throw new UsageError(p.dbNeedsMigrate);
  const { options } = parseArgs(rest, [], ['db'], ctx.m);
  return withDb(options, 'db migrate', p, false, async (pool) => {
    const r = await migrate(pool);
    ctx.io.out(r.applied.length === 0 ? p.migrateNothing(r.to) : p.migrated(r.from, r.to, r.applied.map((a) => `${a.version} ${a.name}`)));
    return 0;
  }, ctx.io);
}

export async function enrol(args: readonly string[], ctx: PgContext): Promise<number> {
  const p = PG_MESSAGES[ctx.lang];
  const { options, rest } = parseArgs(args, ['yes'], ['db'], ctx.m);
  if (rest.length === 0) throw new UsageError(p.enrolNeedsFiles);
  return withDb(options, 'enrol', p, true, async (pool) => {
    const parsed: { file: string; enrolment: Enrolment }[] = [];
    let skipped = 0;
    for (const file of rest) {
      const text = await readFile(file, 'utf8').catch(() => null);
      const r = text === null ? null : parseEnrolment(text);
      if (!r || !r.ok) {
        ctx.io.err(p.enrolSkipped(basename(file), r ? r.detail : ctx.m.cannotOpen));
        skipped += 1;
      } else parsed.push({ file, enrolment: r.enrolment });
    }
    const reviews = await reviewEnrolments(pool, parsed.map((x) => x.enrolment));
    reviews.forEach((r, i) => ctx.io.out(p.enrolLine(basename(parsed[i]!.file), r.enrolment.unitCode, r.enrolment.unitName, r.fingerprint, p.standing[r.standing])));
    const fresh = reviews.filter((r) => r.standing === 'new' || r.standing === 'rotation');
    if (fresh.length > 0 && !options.has('yes')) {
      if (!ctx.ask) {
        ctx.io.err(p.enrolNotAsked);
        return 1;
      }
      const answer = (await ctx.ask(p.enrolAsk(fresh.length))).trim().toLowerCase();
      if (answer !== 'yes' && answer !== 'y' && answer !== '是') {
        ctx.io.out(p.enrolCancelled);
        return 1;
      }
    }
    const written = fresh.length > 0 ? await enrolKeys(pool, fresh, operator()) : [];
    ctx.io.out(p.enrolled(written.length));
    return skipped > 0 || reviews.some((r) => r.standing === 'revoked') ? 1 : 0;
  }, ctx.io);
}

export async function revoke(args: readonly string[], ctx: PgContext): Promise<number> {
  const p = PG_MESSAGES[ctx.lang];
  const { options, rest } = parseArgs(args, [], ['db', 'reason'], ctx.m);
  const reason = options.get('reason');
  if (rest.length !== 1 || typeof reason !== 'string') throw new UsageError(p.revokeNeeds);
  const keyId = rest[0]!;
  return withDb(options, 'revoke', p, true, async (pool) => {
    const r = await revokeKey(pool, keyId, reason, operator());
    (r === 'revoked' ? ctx.io.out : ctx.io.err)(p.revoke[r](keyId));
    return r === 'revoked' ? 0 : 1;
  }, ctx.io);
}

/** One outcome in the words and shape of `verify`, so scripts read both alike. */
function fileVerdict(file: string, o: ImportOutcome, m: Messages, p: PgMessages, lang: Lang): FileVerdict {
  const man = o.manifest;
  const facts = man ? { unitId: man.unitId, unitName: o.identity?.unitName ?? man.unitName, fromSeq: man.fromSeq, toSeq: man.toSeq, entries: man.toSeq - man.fromSeq + 1 } : {};
  const base = { file, verdict: o.verdict, words: m.verdicts[o.verdict], detail: o.detail, ...facts };
  if (o.verdict === 'gapBefore' && o.missing) return { ...base, missing: o.missing, help: m.gap(o.missing.from, o.missing.to) };
  if (o.verdict === 'forked' && o.forkAt !== undefined) return { ...base, forkAt: o.forkAt, help: p.forkedDb(o.forkAt) };
  if (o.verdict === 'duplicate') return { ...base, help: m.duplicate };
  if (o.refused) return { ...base, help: refusedEntryText(o.refused, lang) };
  return { ...base, help: m.help[o.verdict as keyof Messages['help']] ?? '' };
}

export async function ingest(args: readonly string[], ctx: PgContext): Promise<number> {
  const p = PG_MESSAGES[ctx.lang];
  const { m, io } = ctx;
  const { options, rest } = parseArgs(args, ['json', 'keys-from-db'], ['db', 'office-key', 'threads'], m);
  if (!options.has('keys-from-db')) throw new UsageError(p.ingestNeedsKeysFromDb);
  if (rest.length === 0) throw new UsageError(p.ingestNeedsFiles);
  const threads = options.has('threads') ? count(options.get('threads'), 'threads', 1, 64, m) : availableParallelism();
  // Sealed bundles are opened with the office's keys, as `verify --office-key` opens them; the password never comes on the command line.
  const officeKeys = await loadOfficeKeys(options.get('office-key'), io, m);
  return withDb(options, 'ingest', p, true, async (pool) => {
    const keys = await enrolledKeys(pool);
    const by = operator();
    const results: (FileVerdict & { completed?: string[] })[] = [];
    for await (const answer of preparedFiles(rest, { keys: [...keys], officeKeys, lang: ctx.lang }, threads)) {
      const { file } = answer;
      if ('result' in answer) {
        results.push(answer.result);
        if (!options.has('json')) io.out(`${basename(file)}: ${answer.result.words} · ${answer.result.help}`);
        continue;
      }
      const outcome = answer.prepared.ok ? await takeInPrepared(pool, answer.prepared.bundle, by) : answer.prepared.outcome;
      const r = fileVerdict(file, outcome, m, p, ctx.lang);
      results.push(outcome.completed && outcome.completed.length > 0 ? { ...r, completed: outcome.completed } : r);
      if (!options.has('json')) {
        const range = r.fromSeq !== undefined ? m.range(r.unitName ?? '', r.fromSeq, r.toSeq ?? r.fromSeq) : '';
        const closed = outcome.completed && outcome.completed.length > 0 ? p.completed(outcome.completed) : '';
        io.out([`${basename(file)}: ${r.words}`, range, r.help, closed].filter(Boolean).join(' · '));
      }
    }
    const failed = results.filter((r) => FAILING.has(r.verdict)).length;
    if (options.has('json')) io.out(JSON.stringify(results, null, 2));
    else io.out(m.summary(results.length, results.length - failed, failed));
    return failed > 0 ? 1 : 0;
  }, io);
}

function gapsText(u: UnitSummary, p: PgMessages, lang: Lang): string {
  return u.gaps.length === 0 ? p.noGaps : u.gaps.map((g) => entrySpan(lang, g.from, g.to)).join(lang === 'zh' ? '；' : '; ');
}

export async function units(args: readonly string[], ctx: PgContext): Promise<number> {
  const p = PG_MESSAGES[ctx.lang];
  const { options } = parseArgs(args, ['json'], ['db', 'xlsx', 'silent-days'], ctx.m);
  const xlsx = options.get('xlsx');
  if (options.has('json') && xlsx !== undefined) throw new UsageError(p.unitsXlsxOrJson);
  if (xlsx === true) throw new UsageError(ctx.m.needsValue('xlsx'));
  const silentDays = options.has('silent-days') ? count(options.get('silent-days'), 'silent-days', 1, 366, ctx.m) : undefined;
  return withDb(options, 'units', p, true, async (pool) => {
    const rows = await unitSummaries(pool, Date.now(), silentDays);
    if (options.has('json')) {
      ctx.io.out(JSON.stringify(rows, null, 2));
      return 0;
    }
    const when = (v: number | null) => (v === null ? p.never : dayjs(v).format('YYYY-MM-DD HH:mm'));
    const pct = (v: number | null) => (v === null ? p.noCheckins : `${(v * 100).toFixed(1)}%`);
    const cells = rows.map((u) => [u.unitName, u.unitCode, when(u.lastReceivedAt), u.silent ? p.silent : '', when(u.lastEntryAt), gapsText(u, p, ctx.lang), u.activeDevices, u.violations, pct(u.compliance)] as const);
    if (typeof xlsx === 'string') {
      // As the console's export: title and time above the headers, every text a string cell so none can run as a formula.
      const text = (value: string) => ({ value, type: String });
      const data = [
        [text(p.unitsSheet)],
        [text(dayjs().format('YYYY-MM-DD HH:mm'))],
        [],
        p.unitsHeader.map((h) => ({ ...text(h), fontWeight: 'bold' as const })),
        ...cells.map((row) => row.map((c) => (typeof c === 'number' ? { value: c, type: Number } : text(c)))),
      ];
      await writeFile(xlsx, await writeXlsxFile(data, { columns: p.unitsHeader.map(() => ({ width: 16 })) }).toBuffer());
      ctx.io.out(p.unitsWritten(rows.length, xlsx));
      return 0;
    }
    ctx.io.out(p.unitsHeader.join('\t'));
    for (const row of cells) ctx.io.out(row.join('\t'));
    return 0;
  }, ctx.io);
}
