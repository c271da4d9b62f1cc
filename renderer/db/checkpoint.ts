import Dexie from 'dexie';
import { z } from 'zod';
import { ALARMING, CHECKPOINT_VERDICTS, checkpointSchema, judgeCheckpoint, type Checkpoint, type CheckpointVerdict, type HeldSegment, type OwnChain } from '../../shared/bundle/checkpoint';
import { isExportFiling, lastExport } from './bundleExport';
import { chainHead } from './repository';
import type { ZwDb } from './schema';

/**
 * A unit's check of the office's checkpoint, made as a policy is imported and
 * kept with it; and, at the office, the checkpoints a new policy carries.
 */

export const checkpointCheckSchema = z
  .object({
    /** The office's checkpoint for this unit; null when the policy carried none for it. */
    office: checkpointSchema.nullable(),
    verdict: z.enum(CHECKPOINT_VERDICTS),
    /** This unit's own head when it checked. */
    head: z.object({ seq: z.number().int().min(0), hash: z.string() }).strict(),
    /** This unit's own hash at the office's seq, for the receipt to print beside the office's; null when it has none there. */
    ownHash: z.string().nullable(),
    newer: z.number().int().min(0),
    /** When this unit last exported a bundle, as it knew then. */
    lastExportAt: z.number().nullable(),
    checkedAt: z.number(),
  })
  .strict();

export type CheckpointCheck = z.infer<typeof checkpointCheckSchema>;

/** The unit's own chain as a checkpoint at `seq` is judged against, read in the caller's transaction. */
export async function ownChainAt(db: ZwDb, unitId: string, seq: number): Promise<OwnChain> {
  const head = await chainHead(db, unitId);
  if (seq < 1 || seq > head.seq) return { head, hashAtSeq: null, newer: 0 };
  const first = await db.changelog.where('[unitId+seq]').between([unitId, Dexie.minKey], [unitId, seq], true, true).last();
  let hashAtSeq: string | null = null;
  let newer = 0;
  await db.changelog
    .where('[unitId+seq]')
    .between([unitId, first?.seq ?? 1], [unitId, Dexie.maxKey], true, true)
    .each((c) => {
      for (const e of c.entries) {
        if (e.seq === seq) hashAtSeq = e.hash;
        else if (e.seq > seq && !isExportFiling(e)) newer += 1;
      }
    });
  return { head, hashAtSeq, newer };
}

/** Judges the office's checkpoint for this unit against its chain as it stands. */
export async function checkCheckpoint(db: ZwDb, unitId: string, checkpoints: readonly Checkpoint[]): Promise<CheckpointCheck> {
  const office = checkpoints.find((c) => c.unitId === unitId) ?? null;
  const own = office ? await ownChainAt(db, unitId, office.seq) : { head: await chainHead(db, unitId), hashAtSeq: null, newer: 0 };
  const verdict: CheckpointVerdict = judgeCheckpoint(office, own);
  return { office, verdict, head: own.head, ownHash: own.hashAtSeq, newer: own.newer, lastExportAt: (await lastExport(db, unitId))?.at ?? null, checkedAt: Date.now() };
}

/** A kept check, checked again as it is read (meta is not signed); null when there is none. */
export function readCheck(value: unknown): CheckpointCheck | null {
  const parsed = checkpointCheckSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Whether a kept check says the office holds a history this unit did not write. */
export function checkpointAlarm(value: unknown): boolean {
  const check = readCheck(value);
  return check !== null && ALARMING.has(check.verdict);
}

/** At the office: each received segment's range, and the hash at the top of each unit's chain (segments ending there share it, or they would be forked). */
export async function heldSegments(db: ZwDb): Promise<HeldSegment[]> {
  const bundles = await db.receivedBundles.toArray();
  // Only the top segment's hash is ever needed; the others count for their ranges.
  const top = new Map<string, (typeof bundles)[number]>();
  for (const b of bundles) if ((top.get(b.unitId)?.toSeq ?? 0) < b.toSeq) top.set(b.unitId, b);
  const tops = [...top.values()];
  const hashes = await db.receivedHashes.bulkGet(tops.map((b) => b.fileHash));
  const lastHash = new Map(tops.map((b, i) => [b.unitId, hashes[i]?.hashes.at(-1) ?? '']));
  return bundles.map((b) => ({ unitId: b.unitId, fromSeq: b.fromSeq, toSeq: b.toSeq, lastHash: b.toSeq === top.get(b.unitId)!.toSeq ? lastHash.get(b.unitId)! : '', receivedAt: b.receivedAt }));
}
