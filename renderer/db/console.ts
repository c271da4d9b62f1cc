import Dexie from 'dexie';
import { readBundle, type KeyLookup, type KnownKey } from '../../shared/bundle/codec';
import { rotationSignedBy, type Enrolment } from '../../shared/bundle/enrolment';
import type { Manifest } from '../../shared/bundle/format';
import { ChainKnowledge, type Segment } from '../../shared/bundle/segments';
import { digest, fingerprint } from '../../shared/bundle/suites';
import type { Verdict } from '../../shared/bundle/verdicts';
import type { LoggedTable } from '../../shared/changelog/tables';
import type { RecordMeta } from '../../shared/domain/record';
import { can } from '../../shared/domain/roles';
import { toBase64 } from '../app/files';
import { mergePlan, type MergePlan } from './mergePlan';

export { MERGED_TABLES } from './mergePlan';
import { ValidationError } from './errors';
import type { Actor } from './repository';
import type { EnrolledKey, ZwDb } from './schema';

/**
 * The information office's console (DESIGN.md, Export bundles): unit keys
 * enrolled after comparing fingerprints, and bundles taken in — each one
 * verified first, then merged in one transaction, all of it or nothing.
 */

function mustUseConsole(actor: Actor): void {
  if (!can(actor.role, 'console.use')) throw new ValidationError([{ field: '', code: 'forbidden' }]);
}

export interface EnrolmentReview {
  enrolment: Enrolment;
  fingerprint: string;
  /** The enrolled key of the same unit that signed this one, when it is a rotation. */
  rotationOf: EnrolledKey | null;
  /** Active keys the unit already has: a new key beside them needs the phone call. */
  otherKeys: EnrolledKey[];
  already: EnrolledKey | null;
}

export async function reviewEnrolment(db: ZwDb, enrolment: Enrolment): Promise<EnrolmentReview> {
  const ofUnit = await db.enrolledKeys.where('unitId').equals(enrolment.unitId).toArray();
  const already = ofUnit.find((k) => k.keyId === enrolment.keyId) ?? null;
  const previous = enrolment.rotation ? ofUnit.find((k) => k.keyId === enrolment.rotation!.previousKeyId && k.revokedAt === null) : undefined;
  const rotationOf = previous && rotationSignedBy(enrolment, previous) ? previous : null;
  return { enrolment, fingerprint: fingerprint(enrolment.suite, enrolment.publicKey), rotationOf, otherKeys: ofUnit.filter((k) => k.revokedAt === null && k.keyId !== enrolment.keyId), already };
}

export async function enrolKey(db: ZwDb, actor: Actor, review: EnrolmentReview): Promise<EnrolledKey> {
  mustUseConsole(actor);
  const e = review.enrolment;
  const row: EnrolledKey = {
    keyId: e.keyId,
    unitId: e.unitId,
    unitName: e.unitName,
    unitCode: e.unitCode,
    suite: e.suite,
    publicKey: e.publicKey,
    fingerprint: review.fingerprint,
    rotatedFrom: review.rotationOf?.keyId ?? null,
    enrolledAt: Date.now(),
    enrolledBy: actor.accountId,
    revokedAt: null,
    revokedBy: null,
    revokedReason: null,
  };
  await db.transaction('rw', db.enrolledKeys, async () => {
    const existing = await db.enrolledKeys.get(e.keyId);
    if (existing) throw new ValidationError([{ field: 'keyId', code: existing.revokedAt === null ? 'console.alreadyEnrolled' : 'console.revokedKey' }]);
    await db.enrolledKeys.add(row);
  });
  return row;
}

export async function revokeKey(db: ZwDb, actor: Actor, keyId: string, reason: string): Promise<void> {
  mustUseConsole(actor);
  const text = reason.trim();
  if (text.length < 2) throw new ValidationError([{ field: 'reason', code: 'retire.reason' }]);
  await db.transaction('rw', db.enrolledKeys, async () => {
    const key = await db.enrolledKeys.get(keyId);
    if (!key || key.revokedAt !== null) throw new ValidationError([{ field: '', code: 'stale' }]);
    await db.enrolledKeys.put({ ...key, revokedAt: Date.now(), revokedBy: actor.accountId, revokedReason: text.slice(0, 200) });
  });
}

/** The enrolled keys as plain data: what a verifying worker is sent. */
export async function enrolledKeyList(db: ZwDb): Promise<[string, KnownKey][]> {
  return (await db.enrolledKeys.toArray()).map((k) => [k.keyId, { unitId: k.unitId, suite: k.suite, publicKey: k.publicKey, revoked: k.revokedAt !== null }]);
}

export async function keyLookup(db: ZwDb): Promise<KeyLookup> {
  const keys = new Map(await enrolledKeyList(db));
  return (keyId) => keys.get(keyId);
}

export interface ImportOutcome {
  fileName: string;
  verdict: Verdict;
  detail: string;
  manifest?: Manifest;
  /** Records written or updated, per table. */
  merged?: Partial<Record<LoggedTable, number>>;
  missing?: { from: number; to: number };
  forkAt?: number;
}


/**
 * Takes in one verified bundle: in one transaction, it is judged against the
 * segments already received (duplicate, fork, gap), its records are merged
 * by highest rev, and the file is kept. A duplicate or a fork writes nothing.
 */
export async function mergeVerified(
  db: ZwDb,
  actor: Actor,
  file: { name: string; hash: string; /** The file as base64, kept as evidence. */ evidence: string },
  plan: MergePlan,
): Promise<ImportOutcome> {
  mustUseConsole(actor);
  const fileName = file.name;
  const fileHash = file.hash;
  const { manifest } = plan;
  const unitId = manifest.unitId;
  const segment: Segment = { unitId, fromSeq: manifest.fromSeq, prevHash: manifest.prevHash, hashes: plan.hashes };
  const latest = new Map(plan.latest);
  const tables = [db.receivedBundles, db.receivedHashes, db.receivedFiles, ...[...latest.keys()].map((t) => db.table(t))];
  return db.transaction('rw', tables, async () => {
    const outcome: ImportOutcome = { fileName, verdict: 'valid', detail: '', manifest };
    if (await db.receivedBundles.get(fileHash)) return { ...outcome, verdict: 'duplicate' };
    const around = await db.receivedBundles
      .where('[unitId+fromSeq]')
      .between([unitId, Dexie.minKey], [unitId, manifest.toSeq], true, true)
      .filter((b) => b.toSeq >= manifest.fromSeq - 1)
      .toArray();
    const knowledge = new ChainKnowledge();
    const chains = await db.receivedHashes.bulkGet(around.map((b) => b.fileHash));
    around.forEach((b, i) => knowledge.add({ unitId, fromSeq: b.fromSeq, prevHash: b.prevHash, hashes: chains[i]?.hashes ?? [] }));
    const assessment = knowledge.assess(segment);
    if (assessment.verdict === 'forked') return { ...outcome, verdict: 'forked', forkAt: assessment.forkAt, detail: `seq ${assessment.forkAt}` };
    if (assessment.verdict === 'duplicate') return { ...outcome, verdict: 'duplicate' };
    if (assessment.verdict === 'gapBefore') {
      const before = await db.receivedBundles.where('[unitId+fromSeq]').between([unitId, Dexie.minKey], [unitId, manifest.fromSeq], true, false).last();
      outcome.verdict = 'gapBefore';
      outcome.missing = { from: before ? before.toSeq + 1 : 1, to: manifest.fromSeq - 1 };
    }
    const merged: Partial<Record<LoggedTable, number>> = {};
    // Another unit's records arrive only in its bundles: before its first one there is nothing to compare revs with.
    const firstOfUnit = unitId !== actor.unitId && (await db.receivedBundles.where('unitId').equals(unitId).count()) === 0;
    for (const [table, records] of latest) {
      const existing = firstOfUnit ? [] : ((await db.table(table).bulkGet(records.map((r) => r.id))) as (RecordMeta | undefined)[]);
      const newer = records.filter((r, i) => !existing[i] || existing[i]!.rev < r.rev);
      if (newer.length > 0) await db.table(table).bulkPut(newer);
      merged[table] = newer.length;
    }
    await db.receivedBundles.add({
      fileHash,
      fileName,
      unitId,
      unitName: manifest.unitName,
      unitCode: manifest.unitCode,
      keyId: manifest.keyId,
      fromSeq: manifest.fromSeq,
      toSeq: manifest.toSeq,
      prevHash: manifest.prevHash,
      counts: manifest.counts,
      createdAt: manifest.createdAt,
      lastEntryAt: plan.lastEntryAt,
      receivedAt: Date.now(),
      receivedBy: actor.accountId,
      verdict: outcome.verdict === 'gapBefore' ? 'gapBefore' : 'valid',
    });
    await db.receivedHashes.add({ fileHash, hashes: plan.hashes });
    await db.receivedFiles.add({ fileHash, fileName, base64: file.evidence });
    return { ...outcome, merged };
  });
}

/** Reads, verifies and takes in one file, all in this thread. A file refused for any reason changes nothing. */
export async function importBundle(db: ZwDb, actor: Actor, file: { name: string; bytes: Uint8Array }, keys: KeyLookup): Promise<ImportOutcome> {
  mustUseConsole(actor);
  const read = readBundle(file.bytes, keys);
  if (read.verdict !== 'valid') return { fileName: file.name, verdict: read.verdict, detail: read.detail, ...(read.manifest ? { manifest: read.manifest } : {}) };
  return mergeVerified(db, actor, { name: file.name, hash: digest(read.manifest.suite, file.bytes), evidence: toBase64(file.bytes) }, mergePlan(read));
}

export interface UnitCoverage {
  unitId: string;
  unitName: string;
  unitCode: string;
  bundles: number;
  lastReceivedAt: number;
  lastEntryAt: number;
  toSeq: number;
  /** Seq ranges not yet received between 1 and the highest seq received. */
  gaps: { from: number; to: number }[];
}

/** Per unit: what has been received, how current it is, and where the holes are. */
export async function unitCoverage(db: ZwDb): Promise<UnitCoverage[]> {
  const byUnit = new Map<string, UnitCoverage & { ranges: [number, number][] }>();
  await db.receivedBundles.each((b) => {
    let u = byUnit.get(b.unitId);
    if (!u) byUnit.set(b.unitId, (u = { unitId: b.unitId, unitName: b.unitName, unitCode: b.unitCode, bundles: 0, lastReceivedAt: 0, lastEntryAt: 0, toSeq: 0, gaps: [], ranges: [] }));
    u.bundles += 1;
    if (b.receivedAt >= u.lastReceivedAt) {
      u.lastReceivedAt = b.receivedAt;
      u.unitName = b.unitName;
      u.unitCode = b.unitCode;
    }
    u.lastEntryAt = Math.max(u.lastEntryAt, b.lastEntryAt);
    u.toSeq = Math.max(u.toSeq, b.toSeq);
    u.ranges.push([b.fromSeq, b.toSeq]);
  });
  return [...byUnit.values()].map(({ ranges, ...u }) => {
    ranges.sort((a, b) => a[0] - b[0]);
    let next = 1;
    for (const [from, to] of ranges) {
      if (from > next) u.gaps.push({ from: next, to: from - 1 });
      next = Math.max(next, to + 1);
    }
    return u;
  });
}
