// Writes, into the folder given, PL-0009.json (a ninth fixture unit's
// enrolment) and PL-0009-1-31.zwb: its signed bundle carrying a computer under
// the id PL-0001 holds. Run with tsx by the console's e2e, whose own loader
// cannot import the fixture's calendar data.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureHistory } from '../../shared/bundle/fixture';
import { craftedUnit } from './craftedBundle';

const dir = process.argv[2];
if (!dir) throw new Error('usage: craft-foreign-bundle.ts <folder>');
const victim = fixtureHistory(1, 400)
  .entries.map((e) => JSON.parse(e.body) as { table: string; record: Record<string, unknown> })
  .find((e) => e.table === 'devices')!;
const thief = craftedUnit(9, 30, (unitId) => [{ table: 'devices', record: { ...victim.record, unitId, owner: '冒名', rev: 5 } }]);
writeFileSync(join(dir, 'PL-0009.json'), JSON.stringify(thief.enrolment));
writeFileSync(join(dir, 'PL-0009-1-31.zwb'), thief.file.bytes);
