import Dexie, { type Table } from 'dexie';
import { readBundle, type KeyLookup, type KnownKey } from '../../shared/bundle/codec';
import { rotationSignedBy, type Enrolment } from '../../shared/bundle/enrolment';
import { ChainKnowledge, type Segment } from '../../shared/bundle/segments';
import { digest, fingerprint } from '../../shared/bundle/suites';
import type { LoggedTable } from '../../shared/changelog/tables';
import type { RecordMeta } from '../../shared/domain/record';
import { can } from '../../shared/domain/roles';
import { toBase64 } from '../../shared/encoding/base64';
import { attachedFileRows, mergePlan, refusal, type ImportOutcome, type MergePlan } from '../../shared/console/plan';

export type { ImportOutcome } from '../../shared/console/plan';
import { coverageOf, enrolledIdentities as identitiesOf, type UnitCoverage } from '../../shared/console/coverage';
import { claimedIdentity, decideWrites, missingBefore, nowComplete, type Held, type Identity, type MergeRecord, type RecordProblem } from '../../shared/console/merge';
import type { MergedTable } from '../../shared/console/records';
import { mergedStore } from './merged';
import { FIGURE_SOURCES, refreshFigures } from './unitFigures';

export { MERGED_TABLES } from '../../shared/console/records';
export type { UnitCoverage } from '../../shared/console/coverage';
import { ValidationError } from './errors';
import type { Actor } from './repository';
import { MERGED_STORE, type EnrolledKey, type ReceivedBundle, type ZwDb } from './schema';

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
  return reviewAgainst(await db.enrolledKeys.where('unitId').equals(enrolment.unitId).toArray(), enrolment);
}

/** The review against keys as read from either store; the store checks again when it enrols. */
export function reviewAgainst(keys: readonly EnrolledKey[], enrolment: Enrolment): EnrolmentReview {
  const ofUnit = keys.filter((k) => k.unitId === enrolment.unitId);
  const already = ofUnit.find((k) => k.keyId === enrolment.keyId) ?? null;
  const previous = enrolment.rotation ? ofUnit.find((k) => k.keyId === enrolment.rotation!.previousKeyId && k.revokedAt === null) : undefined;
  const rotationOf = previous && rotationSignedBy(enrolment, previous) ? previous : null;
  return { enrolment, fingerprint: fingerprint(enrolment.suite, enrolment.publicKey), rotationOf, otherKeys: ofUnit.filter((k) => k.revokedAt === null && k.keyId !== enrolment.keyId), already };
}

export async function enrolKey(db: ZwDb, actor: Actor, review: EnrolmentReview): Promise<EnrolledKey> {
  return (await enrolKeys(db, actor, [review]))[0]!;
}

/** Enrols several reviewed keys in one transaction: all of them, or none if any is already there. */
export async function enrolKeys(db: ZwDb, actor: Actor, reviews: readonly EnrolmentReview[]): Promise<EnrolledKey[]> {
  mustUseConsole(actor);
  const now = Date.now();
  const rows = reviews.map((review): EnrolledKey => {
    const e = review.enrolment;
    return {
      keyId: e.keyId,
      unitId: e.unitId,
      unitName: e.unitName,
      unitCode: e.unitCode,
      suite: e.suite,
      publicKey: e.publicKey,
      fingerprint: review.fingerprint,
      rotatedFrom: review.rotationOf?.keyId ?? null,
      enrolledAt: now,
      enrolledBy: actor.accountId,
      revokedAt: null,
      revokedBy: null,
      revokedReason: null,
    };
  });
  if (new Set(rows.map((r) => r.keyId)).size !== rows.length) throw new ValidationError([{ field: 'keyId', code: 'console.alreadyEnrolled' }]);
  await db.transaction('rw', db.enrolledKeys, async () => {
    const existing = await db.enrolledKeys.bulkGet(rows.map((r) => r.keyId));
    const found = existing.find((k) => k !== undefined);
    if (found) throw new ValidationError([{ field: 'keyId', code: found.revokedAt === null ? 'console.alreadyEnrolled' : 'console.revokedKey' }]);
    await db.enrolledKeys.bulkAdd(rows);
  });
  return rows;
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

/**
 * Takes in one verified bundle: in one transaction, it is judged against the
 * segments already received (duplicate, fork, gap), its records are merged
 * by (unitId, id) at the highest rev, and the file is kept. A duplicate, a
 * fork or a refused record writes nothing.
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
  if (plan.problem) return refusal(fileName, manifest, plan.problem);
  const unitId = manifest.unitId;
  const segment: Segment = { unitId, fromSeq: manifest.fromSeq, prevHash: manifest.prevHash, hashes: plan.hashes };
  // Another unit's bundle is checked against this PC's own records too: it may never name one of their ids.
  const checkLocal = unitId !== actor.unitId;
  const touched = plan.latest.map(([t]) => t);
  const fileRows = attachedFileRows(plan);
  const tables = [db.receivedBundles, db.receivedHashes, db.receivedFiles, db.enrolledKeys, ...(fileRows.length > 0 ? [db.receivedAttachmentFiles] : []), ...new Set([...touched.map((t) => MERGED_STORE[t]), ...FIGURE_SOURCES]), ...(checkLocal ? touched : [])];
  try {
    return await db.transaction('rw', tables, async () => {
      const key = await db.enrolledKeys.get(manifest.keyId);
      const identity: Identity = key ? { unitName: key.unitName, unitCode: key.unitCode } : { unitName: manifest.unitName, unitCode: manifest.unitCode };
      const claimed = claimedIdentity(identity, manifest);
      const outcome: ImportOutcome = { fileName, verdict: 'valid', detail: '', manifest, identity, claimed };
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
        outcome.missing = missingBefore(manifest.fromSeq, before);
      }
      const merged: Partial<Record<LoggedTable, number>> = {};
      // Reads are what the merge adds to the writes, so each is the cheapest that answers (which ids
      // this unit already holds: keys only, one range; the office's own few records: all keys), and
      // all tables' reads go out together rather than one round trip after another. An id another
      // unit holds is refused by the write itself: the id index is unique.
      const localIds = checkLocal ? await Promise.all(plan.latest.map(([table]) => db.table(table).toCollection().primaryKeys())) : [];
      const helds = await Promise.all(
        plan.latest.map(async ([table, records], t): Promise<Held[]> => {
          const store = mergedStore(db, table);
          const ownKeys = await store.where('[unitId+id]').between([unitId, Dexie.minKey], [unitId, Dexie.maxKey]).primaryKeys();
          const ownIds = new Set(ownKeys.map(([, id]) => id));
          const local = new Set((localIds[t] ?? []) as string[]);
          const updated = records.filter(({ record }) => ownIds.has(record.id)).map(({ record }) => record.id);
          const stored = updated.length > 0 ? await store.bulkGet(updated.map((id) => [unitId, id] as [string, string])) : [];
          const revs = new Map(stored.map((r, i) => [updated[i]!, r?.rev ?? 0]));
          return records.map(({ record }) => {
            const ownRev = revs.get(record.id);
            const elsewhere = local.has(record.id);
            return ownRev === undefined ? { elsewhere } : { ownRev, elsewhere };
          });
        }),
      );
      const decisions = plan.latest.map(([table, records], t) => {
        const decision = decideWrites(table, records, helds[t]!);
        if ('problem' in decision) throw new Refused(decision.problem);
        return decision.writes;
      });
      for (let t = 0; t < plan.latest.length; t++) {
        const [table, records] = plan.latest[t]!;
        const writes = decisions[t]!;
        if (writes.length > 0) await writeOwn(mergedStore(db, table), table, records, writes);
        merged[table] = writes.length;
      }
      // Under the record that names each file, whatever it was called on the unit's PC; a later revision of the record brings it again.
      if (fileRows.length > 0) await db.receivedAttachmentFiles.bulkPut(fileRows.map(({ bytes, ...row }) => ({ ...row, base64: toBase64(bytes) })));
      await db.receivedBundles.add({
        fileHash,
        fileName,
        unitId,
        unitName: identity.unitName,
        unitCode: identity.unitCode,
        claimed,
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
      const ofUnit = await db.receivedBundles.where('unitId').equals(unitId).toArray();
      outcome.completed = await completeGaps(db, ofUnit);
      await refreshFigures(db, unitId, Math.max(...ofUnit.map((b) => b.lastEntryAt)));
      return { ...outcome, merged };
    });
  } catch (error) {
    // Thrown inside the transaction so that it aborts: whatever it wrote is undone.
    if (error instanceof Refused) return refusal(fileName, manifest, error.problem);
    throw error;
  }
}

/** A record the merge refuses, carried out of the transaction it aborts. */
class Refused extends Error {
  constructor(readonly problem: RecordProblem) {
    super(problem.kind);
  }
}

/**
 * Writes a unit's records; an id some other unit already holds breaks the
 * unique id index, and the first such record (by seq) refuses the bundle.
 */
async function writeOwn(store: Table<RecordMeta, [string, string]>, table: MergedTable, records: readonly MergeRecord[], writes: RecordMeta[]): Promise<void> {
  try {
    await store.bulkPut(writes);
  } catch (error) {
    if (!(error instanceof Dexie.BulkError)) throw error;
    const failed = Object.entries(error.failuresByPos);
    if (failed.some(([, e]) => e.name !== 'ConstraintError')) throw error;
    const seqOf = new Map(records.map((r) => [r.record.id, r.seq]));
    const taken = failed.map(([pos]) => writes[Number(pos)]!).map((r) => ({ recordId: r.id, seq: seqOf.get(r.id)! }));
    const first = taken.reduce((a, b) => (b.seq < a.seq ? b : a));
    throw new Refused({ kind: 'otherUnit', table, seq: first.seq, recordId: first.recordId, field: 'id' });
  }
}

/** Bundles received with a gap before them become complete once the missing entries have all arrived. */
async function completeGaps(db: ZwDb, ofUnit: readonly ReceivedBundle[]): Promise<string[]> {
  const now = nowComplete(ofUnit);
  if (now.length > 0) await db.receivedBundles.bulkPut(now.map((b) => ({ ...b, verdict: 'valid' as const })));
  return now.map((b) => b.fileName);
}

/** Reads, verifies and takes in one file, all in this thread. A file refused for any reason changes nothing. */
export async function importBundle(db: ZwDb, actor: Actor, file: { name: string; bytes: Uint8Array }, keys: KeyLookup): Promise<ImportOutcome> {
  mustUseConsole(actor);
  const read = readBundle(file.bytes, keys);
  if (read.verdict !== 'valid') return { fileName: file.name, verdict: read.verdict, detail: read.detail, ...(read.manifest ? { manifest: read.manifest } : {}) };
  return mergeVerified(db, actor, { name: file.name, hash: digest(read.manifest.suite, file.bytes), evidence: toBase64(file.bytes) }, mergePlan(read));
}

/** The identity the office enrolled for each unit (shared/console/coverage.ts). */
export async function enrolledIdentities(db: ZwDb): Promise<Map<string, Identity>> {
  return identitiesOf(await db.enrolledKeys.toArray());
}

/** Per enrolled unit: what has been received, how current it is, and where the holes are. */
export async function unitCoverage(db: ZwDb): Promise<UnitCoverage[]> {
  const identities = await enrolledIdentities(db);
  const received: ReceivedBundle[] = [];
  await db.receivedBundles.each((b) => void received.push(b));
  return coverageOf(identities, received);
}
