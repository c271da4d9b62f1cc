import { z } from 'zod';
import type { RecordMeta } from '../domain/record';
import { itemSchema } from './rubric';
import type { Adjustment, OfficeEntry } from './score';

/**
 * What the evaluation group enters for one unit and year (考核办法 四): the
 * points of its own items (spot checks, best sub-site), the counts its banded
 * items score (notices naming the unit), the basis of rank items it keeps
 * (the unit's place in the website review), and any adjustment of an item's
 * score with its reason. One record per unit and year, id
 * `<officeUnitId>/<year>/<unitId>`, written through the office's own change
 * log, so every change and its reason stays in the record's history.
 *
 * Lists, not objects keyed by item id, so that no id lands on a prototype.
 */
const itemId = itemSchema.shape.id;
const points = z.number().finite().min(0).max(1000);

export const officeItemEntry = z
  .object({
    itemId,
    /** Points of an office item; null: does not apply. */
    points: points.nullable().optional(),
    /** The count a banded office item scores (notices naming the unit). */
    count: z.number().int().min(0).max(100_000).optional(),
    /** The value a rank item kept by the office places the unit by; null: takes no part. */
    basis: z.number().finite().min(0).max(1e9).nullable().optional(),
  })
  .strict();

export const officeAdjustment = z
  .object({
    itemId,
    points,
    reason: z.string().trim().min(2, 'evaluation.adjustReason').max(200, 'tooLong'),
  })
  .strict();

const UNIT_ID = /^[A-Za-z0-9-]{1,64}$/;

export const evaluationEntriesInput = z
  .object({
    year: z.number().int().min(2000).max(2100),
    assessedUnitId: z.string().regex(UNIT_ID),
    entries: z.array(officeItemEntry).max(600, 'tooMany'),
    adjustments: z.array(officeAdjustment).max(600, 'tooMany'),
  })
  .strict()
  .superRefine((v, ctx) => {
    for (const [list, name] of [
      [v.entries, 'entries'],
      [v.adjustments, 'adjustments'],
    ] as const) {
      const seen = new Set<string>();
      list.forEach((e, i) => {
        if (seen.has(e.itemId)) ctx.addIssue({ code: 'custom', path: [name, i, 'itemId'], message: 'evaluation.duplicateItem' });
        seen.add(e.itemId);
      });
    }
  });

export type EvaluationEntriesBody = z.output<typeof evaluationEntriesInput>;
export type EvaluationEntries = RecordMeta & EvaluationEntriesBody;

export function evaluationEntriesId(officeUnitId: string, year: number, unitId: string): string {
  return `${officeUnitId}/${year}/${unitId}`;
}

/** The entries and adjustments as the scoring model takes them. */
export function officeInputsOf(record: EvaluationEntries | undefined): { office: Record<string, OfficeEntry>; adjustments: Record<string, Adjustment> } {
  const office = Object.create(null) as Record<string, OfficeEntry>;
  const adjustments = Object.create(null) as Record<string, Adjustment>;
  for (const e of record?.entries ?? []) {
    office[e.itemId] = { ...(e.points !== undefined ? { points: e.points } : {}), ...(e.count !== undefined ? { count: e.count } : {}), ...(e.basis !== undefined ? { basis: e.basis } : {}) };
  }
  for (const a of record?.adjustments ?? []) adjustments[a.itemId] = { points: a.points, reason: a.reason };
  return { office, adjustments };
}
