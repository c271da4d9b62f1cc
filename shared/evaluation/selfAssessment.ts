import { z } from 'zod';
import type { RecordMeta } from '../domain/record';
import { UNIT_LEVELS } from '../domain/unit';
import { itemSchema, type Rubric } from './rubric';
import type { DeclaredScore } from './score';

/**
 * A unit's 年度自评 for one year: one record, id `<unitId>/<year>`, written
 * through the change log so that it travels to the office in the next bundle.
 *
 * It is a draft (submission 0) until the administrator submits it; then it is
 * locked. A correction is the next submission, with the reason for it: the
 * record's history keeps every earlier one, and the office always sees the
 * latest. Items are kept as a list, not as an object keyed by item id, so
 * that no id can land on an object's prototype.
 *
 * What the unit claims is kept as it was when submitted — the points of
 * every item it scores and the figure each figure item rested on — so the
 * office can set its own figures beside them and flag where they differ.
 */
export const SELF_STATUS = ['draft', 'submitted'] as const;

const itemId = itemSchema.shape.id;
const points = z.number().finite().min(0).max(1000);

export const selfItem = z
  .object({
    itemId,
    /** Points the unit gives itself; null: 不适用 (declared items that allow it) or not yet scored. */
    points: points.nullable(),
    notApplicable: z.boolean().default(false),
    note: z.string().trim().max(300, 'tooLong').default(''),
    /** What the points rest on: the documents the unit keeps (declared items). */
    documents: z.string().trim().max(300, 'tooLong').default(''),
    /** The figure's value the points were computed from (figure items), when submitted. */
    figure: z.number().finite().min(0).max(1e9).nullable().default(null),
  })
  .strict();
export type SelfItem = z.output<typeof selfItem>;

export const selfAssessmentInput = z
  .object({
    year: z.number().int().min(2000).max(2100),
    /** The rubric scored against: its version travels with every score. */
    rubric: z.object({ group: z.enum(UNIT_LEVELS), version: z.number().int().min(1).max(1_000_000), title: z.string().trim().min(1).max(100), example: z.boolean() }).strict(),
    items: z.array(selfItem).max(600, 'tooMany'),
    /** The 自查报告's summary: what was done in the year and what is still to do. */
    summary: z.string().trim().max(3000, 'tooLong').default(''),
    status: z.enum(SELF_STATUS),
    submission: z.number().int().min(0).max(1000),
    submittedAt: z.number().int().min(0).max(8_640_000_000_000_000).nullable(),
    /** Why the last submission corrected the one before; empty for the first. */
    correctionReason: z.string().trim().max(200, 'tooLong').default(''),
    /** The self-assessed total at submission (the unit's own scoring mode). */
    total: points.nullable(),
    provisional: z.boolean().default(false),
  })
  .strict()
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.items.forEach((item, i) => {
      if (seen.has(item.itemId)) ctx.addIssue({ code: 'custom', path: ['items', i, 'itemId'], message: 'evaluation.duplicateItem' });
      seen.add(item.itemId);
    });
    if ((v.status === 'submitted') !== (v.submission > 0 && v.submittedAt !== null)) ctx.addIssue({ code: 'custom', path: ['status'], message: 'evaluation.status' });
  });

export type SelfAssessmentInput = z.input<typeof selfAssessmentInput>;
export type SelfAssessmentBody = z.output<typeof selfAssessmentInput>;
export type SelfAssessment = RecordMeta & SelfAssessmentBody;

export function selfAssessmentId(unitId: string, year: number): string {
  return `${unitId}/${year}`;
}

/** The declared scores of a self-assessment, as the scoring model takes them; only items the rubric still declares. */
export function declaredOf(rubric: Rubric, items: readonly SelfItem[]): Record<string, DeclaredScore> {
  const declared = new Set(rubric.categories.flatMap((c) => c.items.filter((i) => i.scoring.kind === 'declared').map((i) => i.id)));
  const out: Record<string, DeclaredScore> = Object.create(null) as Record<string, DeclaredScore>;
  for (const item of items) {
    if (!declared.has(item.itemId)) continue;
    if (item.notApplicable) out[item.itemId] = { points: null, note: item.note, documents: item.documents };
    else if (item.points !== null) out[item.itemId] = { points: item.points, note: item.note, documents: item.documents };
  }
  return out;
}
