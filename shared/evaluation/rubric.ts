import { z } from 'zod';
import { UNIT_LEVELS } from '../domain/unit';
import { FIGURE_IDS } from './figures';

/**
 * The year-end rubric (《电子政务工作考核评价细则》) as data the office
 * publishes. The real 细则 is an attachment we do not have, so nothing about
 * its items is built in: only the six categories of 考核办法 三 and the ways
 * an item can be scored. County bodies (县区) and municipal departments (市直)
 * each have their own rubric, and are ranked only among their own group.
 *
 * This schema checks shape only; `checkRubric` (check.ts) checks that a
 * rubric is consistent — ids, bands, totals — before it can be published.
 */
export const RUBRIC_FORMAT = 'zwledger-rubric/1';

/** The six categories, in the order of 考核办法 三; 加分项 adds to the total, capped. */
export const CATEGORY_IDS = ['organisation', 'application', 'sharing', 'security', 'environment', 'bonus'] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number];
export const BONUS: CategoryId = 'bonus';
/** The categories' names as the measures write them, for documents and messages. */
export const CATEGORY_NAMES: Record<CategoryId, { zh: string; en: string }> = {
  organisation: { zh: '组织机构', en: 'Organisation' },
  application: { zh: '应用效果', en: 'Use' },
  sharing: { zh: '资源共享', en: 'Resource sharing' },
  security: { zh: '信息安全', en: 'Information security' },
  environment: { zh: '环境建设', en: 'Environment' },
  bonus: { zh: '加分项', en: 'Bonus' },
};

/** The office's own sources of points (考核办法 四), which units see but do not score. */
export const OFFICE_SOURCES = ['monitoring', 'notices', 'bestSubsite', 'spotCheck'] as const;
export type OfficeSource = (typeof OFFICE_SOURCES)[number];

const points = z.number().finite().min(0).max(1000);
const bound = z.number().finite().min(0).max(1e9);

/**
 * Points over [from, to) of a figure's value; `to: null` is open-ended. With
 * `toPoints` the points run linearly from `points` at `from` to `toPoints`
 * at `to` (e.g. 10 at 95 % falling to 0 at 60 % is the band 0.6–0.95 from 0
 * to 10). The band that ends at the top of a rate's domain includes 1.
 */
export const bandSchema = z
  .object({ from: bound, to: bound.nullable(), points, toPoints: points.optional() })
  .strict();
export type Band = z.infer<typeof bandSchema>;

/** Points by place: `places[0]` for first, and so on; places past the table get `rest`. */
const placesTable = z.object({ kind: z.literal('places'), points: z.array(points).min(1).max(500), rest: points }).strict();
/** First place gets the item's maximum, the others in proportion to their value against first's. */
const proportional = z.object({ kind: z.literal('proportional') }).strict();

const rankBasis = z.discriminatedUnion('source', [
  z.object({ source: z.literal('figure'), figure: z.enum(FIGURE_IDS) }).strict(),
  /** A value the office enters per unit (e.g. its place in the city's website review). */
  z.object({ source: z.literal('office'), label: z.string().trim().min(1).max(60), higherIsBetter: z.boolean() }).strict(),
]);

export const scoringSchema = z.discriminatedUnion('kind', [
  /** The unit declares its points, with a note and the documents they rest on. */
  z.object({ kind: z.literal('declared'), evidence: z.string().trim().max(200) }).strict(),
  /** Points from a ledger figure by bands; `prorate` scales a count of a part-year up to the year. */
  z.object({ kind: z.literal('figure'), figure: z.enum(FIGURE_IDS), bands: z.array(bandSchema).min(1).max(20), prorate: z.boolean() }).strict(),
  /** Points by the unit's place in its group on a basis value. */
  z.object({ kind: z.literal('rank'), basis: rankBasis, table: z.discriminatedUnion('kind', [placesTable, proportional]) }).strict(),
  /** The office scores it from its own work; with bands, from a count it keeps (notices naming the unit). */
  z.object({ kind: z.literal('office'), source: z.enum(OFFICE_SOURCES), bands: z.array(bandSchema).min(1).max(20).optional() }).strict(),
]);
export type Scoring = z.infer<typeof scoringSchema>;
export type ScoringKind = Scoring['kind'];

export const itemSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/),
    text: z.string().trim().min(1).max(300),
    maxPoints: points.refine((p) => p > 0, 'maxPoints'),
    /** Whether an item may be marked 不适用: then it leaves the denominator instead of scoring zero. */
    mayNotApply: z.boolean(),
    scoring: scoringSchema,
  })
  .strict();
export type RubricItem = z.infer<typeof itemSchema>;

export const categorySchema = z
  .object({ id: z.enum(CATEGORY_IDS), maxPoints: points, items: z.array(itemSchema).min(1).max(100) })
  .strict();
export type RubricCategory = z.infer<typeof categorySchema>;

export const rubricSchema = z
  .object({
    format: z.literal(RUBRIC_FORMAT),
    year: z.number().int().min(2000).max(2100),
    /** Counts up each time the office publishes a change; every score carries the version it was made under. */
    version: z.number().int().min(1).max(1_000_000),
    group: z.enum(UNIT_LEVELS),
    title: z.string().trim().min(1).max(100),
    /** Shipped as an example, not the office's real 细则: every screen and document says so. */
    example: z.boolean(),
    /** What the five scored categories add up to (the bonus comes on top). */
    total: points.refine((p) => p > 0, 'total'),
    categories: z.array(categorySchema).length(CATEGORY_IDS.length),
    /** Categories compared in order when totals are equal; empty: equal totals share a place (并列). */
    tieBreak: z.array(z.enum(CATEGORY_IDS)).max(CATEGORY_IDS.length),
  })
  .strict();
export type Rubric = z.infer<typeof rubricSchema>;

export function rubricItems(rubric: Rubric): { category: RubricCategory; item: RubricItem }[] {
  return rubric.categories.flatMap((category) => category.items.map((item) => ({ category, item })));
}
