import county from '../../assets/rubrics/example-county.json';
import municipal from '../../assets/rubrics/example-municipal.json';
import type { UnitLevel } from '../domain/unit';
import { checkRubric } from './check';
import type { Rubric } from './rubric';

/**
 * The example rubrics shipped in assets/rubrics/, for a unit whose office has
 * not published its own: every screen and document scored against one says
 * it is an example (`rubric.example`). They are checked like any rubric, so
 * a broken example fails the tests rather than a unit's year-end.
 */
function load(file: unknown): Rubric {
  const r = checkRubric(file);
  if (!r.ok) throw new Error(`example rubric: ${r.problems.map((p) => p.en).join('; ')}`);
  return r.rubric;
}

const EXAMPLES: Record<UnitLevel, Rubric> = { county: load(county), municipal: load(municipal) };

export function exampleRubric(level: UnitLevel, year: number): Rubric {
  return { ...EXAMPLES[level], year };
}
