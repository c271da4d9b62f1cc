import type { UnitLevel } from '../../shared/domain/unit';
import { checkedRubrics, checkRubric, type RubricProblem } from '../../shared/evaluation/check';
import { exampleRubric } from '../../shared/evaluation/examples';
import type { Rubric } from '../../shared/evaluation/rubric';
import type { ZwDb } from './schema';

/**
 * The office's rubrics (考核办法 三): one per group and year, checked before
 * it is kept, and published to units in a signed policy. Saving a changed
 * rubric for a group and year counts its version up; every score carries the
 * version it was made under.
 */
const KEY = 'officeRubrics';

export class RubricRefused extends Error {
  constructor(readonly problems: RubricProblem[]) {
    super(problems.map((p) => p.en).join('; '));
    this.name = 'RubricRefused';
  }
}

export async function officeRubrics(db: ZwDb): Promise<Rubric[]> {
  return checkedRubrics((await db.meta.get(KEY))?.value).sort((a, b) => b.year - a.year || a.group.localeCompare(b.group));
}

/** The rubric a group is scored on at the office: its own for the year, else the example. */
export async function officeRubric(db: ZwDb, group: UnitLevel, year: number): Promise<Rubric> {
  return (await officeRubrics(db)).find((r) => r.group === group && r.year === year) ?? exampleRubric(group, year);
}

const sameContent = (a: Rubric, b: Rubric) => JSON.stringify({ ...a, version: 0 }) === JSON.stringify({ ...b, version: 0 });

/**
 * Keeps a rubric for its group and year after checking it; `official` marks
 * it as the office's own rather than an example. Refused, with every problem
 * in words, when it is inconsistent; nothing is kept then.
 */
export async function saveOfficeRubric(db: ZwDb, input: unknown, official: boolean): Promise<Rubric> {
  const checked = checkRubric(input);
  if (!checked.ok) throw new RubricRefused(checked.problems);
  let saved: Rubric | undefined;
  await db.transaction('rw', db.meta, async () => {
    const all = await officeRubrics(db);
    const previous = all.find((r) => r.group === checked.rubric.group && r.year === checked.rubric.year);
    const candidate: Rubric = { ...checked.rubric, example: !official };
    const version = previous ? (sameContent(previous, candidate) ? previous.version : Math.max(previous.version, candidate.version - 1) + 1) : candidate.version;
    saved = { ...candidate, version };
    await db.meta.put({ key: KEY, value: [...all.filter((r) => r !== previous), saved] });
  });
  return saved!;
}
