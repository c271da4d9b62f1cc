import { newestSealKey, resultSchema, sealKeySchema, type Policy, type PolicySealKey, type PublishedResult, type TrustedOffice } from '../../shared/bundle/policy';
import { checkedRubrics } from '../../shared/evaluation/check';
import type { Rubric } from '../../shared/evaluation/rubric';
import type { CryptoSuite } from '../../shared/bundle/suites';
import { parseRange, type IpRange } from '../../shared/rules/ipRanges';
import { checkCheckpoint, readCheck, type CheckpointCheck } from './checkpoint';
import { commit, newRecord, revise, type Actor, type Write } from './repository';
import type { CalendarRecord, ScheduleRecord, ZwDb } from './schema';

/**
 * A unit's side of policy bundles: the office key it trusts (from the first
 * import on), and what the latest policy assigned it. The calendar and the
 * schedule go into the unit's own ledgers through the change log; the
 * trusted key, the address ranges and the directory are settings.
 */

const OFFICE_KEY = 'officeKey';
const policyKey = (unitId: string) => `policy/${unitId}`;
const rubricsKey = (unitId: string) => `rubrics/${unitId}`;
const resultsKey = (unitId: string) => `results/${unitId}`;

export interface AppliedPolicy {
  issuedAt: number;
  appliedAt: number;
  issuer: string;
  years: number[];
  schedule: boolean;
  /** The suites the office accepts; keys are made in the first. */
  acceptedSuites: CryptoSuite[];
  /** The ranges assigned to this unit (by its code); empty when the policy assigns none. */
  ranges: string[];
  directory: Policy['directory'];
  /** The rubrics the office has published, by group and year: `group/year` and version. */
  rubrics?: { group: string; year: number; version: number; title: string }[];
  /** Years whose final results for this unit the policy carried. */
  results?: number[];
  /** What this policy changed against the one applied before it (absent on policies applied before this was kept). */
  changes?: PolicyChanges;
  /** The office's newest encryption key: every bundle is sealed to it. Absent: bundles travel unsealed. */
  sealKey?: PolicySealKey;
  /** The office's checkpoint for this unit, judged against this unit's chain as the policy came in. Absent: the policy carried no checkpoints. */
  checkpoint?: CheckpointCheck;
  /** The office asks for the attachment files with every bundle (shared/bundle/attachedFiles.ts). */
  sendAttachments?: boolean;
}

/** The differences a home page reports: what the office's latest policy changed here. */
export interface PolicyChanges {
  first: boolean;
  calendarYears: number[];
  schedule: boolean;
  ranges: boolean;
  rubrics: string[];
  results: number[];
  /** Whether the office now asks for attachment files with bundles, when that changed. */
  attachments?: boolean;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export async function trustedOffice(db: ZwDb): Promise<TrustedOffice | null> {
  const v = (await db.meta.get(OFFICE_KEY))?.value as Partial<TrustedOffice> | undefined;
  return v && typeof v.keyId === 'string' && typeof v.publicKey === 'string' && typeof v.suite === 'string' ? (v as TrustedOffice) : null;
}

export async function appliedPolicy(db: ZwDb, unitId: string): Promise<AppliedPolicy | null> {
  const v = (await db.meta.get(policyKey(unitId)))?.value as AppliedPolicy | undefined;
  return v && typeof v.issuedAt === 'number' ? v : null;
}

/** The check of the latest policy's checkpoint, read again (meta is not signed); null when it carried none. */
export async function checkpointCheck(db: ZwDb, unitId: string): Promise<CheckpointCheck | null> {
  return readCheck((await appliedPolicy(db, unitId))?.checkpoint);
}

/** The key this unit's bundles are sealed to, checked again as it is read (meta is not signed); null before any policy named one. */
export async function sealRecipient(db: ZwDb, unitId: string): Promise<PolicySealKey | null> {
  const parsed = sealKeySchema.safeParse((await appliedPolicy(db, unitId))?.sealKey);
  return parsed.success ? parsed.data : null;
}

/** Whether the office's latest policy asks this unit to send attachment files with its bundles. */
export async function attachmentsAsked(db: ZwDb, unitId: string): Promise<boolean> {
  return (await appliedPolicy(db, unitId))?.sendAttachments === true;
}

/** This unit's own results in a policy, by its code (as the address ranges are). */
const mine = (policy: Policy, unitCode: string): PublishedResult[] => (policy.results ?? []).filter((r) => r.unitCode === unitCode);

/** The final results the office published for this unit, by year. */
export async function publishedResults(db: ZwDb, unitId: string): Promise<PublishedResult[]> {
  const v = (await db.meta.get(resultsKey(unitId)))?.value;
  if (!Array.isArray(v)) return [];
  return v.flatMap((r) => {
    const parsed = resultSchema.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The rubrics the office published to this unit, each checked again as it is read (meta is not signed). */
export async function publishedRubrics(db: ZwDb, unitId: string): Promise<Rubric[]> {
  return checkedRubrics((await db.meta.get(rubricsKey(unitId)))?.value);
}

/** The address ranges this unit was assigned, parsed; empty when none were. */
export function assignedRanges(policy: AppliedPolicy | null): IpRange[] {
  return (policy?.ranges ?? []).flatMap((r) => {
    const parsed = parseRange(r);
    return parsed.ok ? [parsed.value] : [];
  });
}

/** Applies a verified policy in one transaction: calendar years, schedule, and the settings, or nothing. */
export async function applyPolicy(db: ZwDb, actor: Actor, unitCode: string, policy: Policy): Promise<AppliedPolicy> {
  const applied: AppliedPolicy = {
    issuedAt: policy.issuedAt,
    appliedAt: Date.now(),
    issuer: policy.issuer.name,
    years: policy.calendar.map((y) => y.year).sort(),
    schedule: policy.schedule !== null,
    acceptedSuites: policy.acceptedSuites,
    ranges: policy.ipRanges.find((r) => r.unitCode === unitCode)?.ranges ?? [],
    directory: policy.directory,
    ...(mine(policy, unitCode).length > 0 ? { results: mine(policy, unitCode).map((r) => r.year) } : {}),
    ...(newestSealKey(policy) ? { sealKey: newestSealKey(policy)! } : {}),
    ...(policy.sendAttachments ? { sendAttachments: true } : {}),
    ...(policy.rubrics ? { rubrics: policy.rubrics.map((r) => ({ group: r.group, year: r.year, version: r.version, title: r.title })) } : {}),
  };
  const trusted: TrustedOffice = { keyId: policy.issuer.keyId, suite: policy.issuer.suite, publicKey: policy.issuer.publicKey, name: policy.issuer.name };
  await commit(
    db,
    actor,
    async () => {
      const writes: Write[] = [];
      // Judged before this policy's own writes lengthen the chain: the office's picture against the history it could have seen.
      if (policy.checkpoints) applied.checkpoint = await checkCheckpoint(db, actor.unitId, policy.checkpoints);
      const before = await appliedPolicy(db, actor.unitId);
      const changes: PolicyChanges = { first: before === null, calendarYears: [], schedule: false, ranges: !sameList(before?.ranges ?? [], applied.ranges), rubrics: [], results: applied.results ?? [] };
      if ((before?.sendAttachments === true) !== (applied.sendAttachments === true)) changes.attachments = applied.sendAttachments === true;
      for (const year of policy.calendar) {
        const id = `${actor.unitId}/${year.year}`;
        const previous = await db.calendars.get(id);
        if (!previous || previous.retiredAt !== null || !sameList(previous.holidays, year.holidays) || !sameList(previous.workdays, year.workdays)) changes.calendarYears.push(year.year);
        const body = { ...year, source: year.source || policy.issuer.name };
        const record: CalendarRecord = previous ? revise(previous, { ...body, retiredAt: null, retiredReason: null }, actor) : { ...newRecord(actor, body), id };
        writes.push({ table: 'calendars', op: previous ? 'update' : 'create', record });
      }
      if (policy.schedule) {
        const previous = await db.schedules.get(actor.unitId);
        const schedule = policy.schedule;
        changes.schedule = !previous || (Object.keys(schedule) as (keyof typeof schedule)[]).some((k) => !sameJson(previous[k], schedule[k]));
        const record: ScheduleRecord = previous ? revise(previous, policy.schedule, actor) : { ...newRecord(actor, policy.schedule), id: actor.unitId };
        writes.push({ table: 'schedules', op: previous ? 'update' : 'create', record });
      }
      await db.meta.put({ key: OFFICE_KEY, value: trusted });
      for (const r of applied.rubrics ?? []) {
        const had = before?.rubrics?.find((b) => b.group === r.group && b.year === r.year);
        if (!had || had.version !== r.version) changes.rubrics.push(r.title);
      }
      applied.changes = changes;
      await db.meta.put({ key: policyKey(actor.unitId), value: applied });
      const results = mine(policy, unitCode);
      if (results.length > 0) {
        const kept = (await publishedResults(db, actor.unitId)).filter((r) => !results.some((n) => n.year === r.year));
        await db.meta.put({ key: resultsKey(actor.unitId), value: [...kept, ...results] });
      }
      if (policy.rubrics) {
        // A newer policy's rubric for a group and year replaces the older; other years stay as published.
        const kept = (await publishedRubrics(db, actor.unitId)).filter((r) => !policy.rubrics!.some((n) => n.group === r.group && n.year === r.year));
        await db.meta.put({ key: rubricsKey(actor.unitId), value: [...kept, ...policy.rubrics] });
      }
      return writes;
    },
    ['meta'],
  );
  return applied;
}
