// Writes, into the folder given, two fixture units' enrolments and signed
// bundles whose last entry is the unit's submitted 2026 self-assessment:
// PL-0022 claims an isolation-card figure its records do not bear out, PL-0023
// claims only what it declares. Run with tsx by the evaluation e2e.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import county from '../../assets/rubrics/example-county.json';
import { craftedUnit } from './craftedBundle';

const dir = process.argv[2];
if (!dir) throw new Error('usage: craft-evaluation-bundles.ts <folder>');
const items: { id: string; maxPoints: number; scoring: { kind: string } }[] = county.categories.flatMap((c) => c.items as { id: string; maxPoints: number; scoring: { kind: string } }[]);
const declared = items.filter((i) => i.scoring.kind === 'declared');

for (const [index, claims] of [
  [21, [{ itemId: 'sec.isolation', points: 4, notApplicable: false, note: '', documents: '', figure: 99 }]],
  [22, []],
] as const) {
  const unit = craftedUnit(index, 80, (unitId) => [
    {
      table: 'selfAssessments',
      record: {
        unitId, id: `${unitId}/2026`, rev: 1, createdAt: Date.UTC(2026, 11, 1), createdBy: 'admin', updatedAt: Date.UTC(2026, 11, 1), updatedBy: 'admin', retiredAt: null, retiredReason: null,
        year: 2026, rubric: { group: 'county', version: 1, title: county.title, example: true },
        items: [...declared.map((i) => ({ itemId: i.id, points: index === 21 ? i.maxPoints : i.maxPoints - 1, notApplicable: false, note: '', documents: '', figure: null })), ...claims],
        summary: '全年专网运行平稳。', status: 'submitted', submission: 1, submittedAt: Date.UTC(2026, 11, 1), correctionReason: '', total: 80, provisional: false,
      },
    },
  ]);
  writeFileSync(join(dir, `${unit.unit.code}.json`), JSON.stringify(unit.enrolment));
  writeFileSync(join(dir, `${unit.unit.code}.zwb`), unit.file.bytes);
}
