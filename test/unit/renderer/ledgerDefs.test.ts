import { describe, expect, it } from 'vitest';
import * as defs from '../../../renderer/features/ledgers/defs';
import { zh } from '../../../renderer/i18n/zh';
import { en } from '../../../renderer/i18n/en';
import { LEDGER_SPECS } from '../../../shared/ledgers/registry';

// A declaration names its labels by key; a select's option labels are built
// from a prefix, which the type checker cannot see. Every one must exist.
describe('ledger declarations', () => {
  for (const def of Object.values(defs)) {
    it(`${def.table}: every select option has a label in both languages`, () => {
      for (const field of def.fields.filter((f) => f.kind === 'select')) {
        for (const option of field.options ?? []) {
          const key = `${field.optionPrefix ?? field.name}.${option}`;
          expect(zh, key).toHaveProperty([key]);
          expect(en, key).toHaveProperty([key]);
        }
      }
    });
    it(`${def.table}: the form's fields and a new record's input are the schema's`, () => {
      const schema = LEDGER_SPECS[def.table].schema as unknown as { shape?: object; in?: { shape?: object } };
      const shape = Object.keys(schema.shape ?? schema.in?.shape ?? {});
      expect(shape.length).toBeGreaterThan(0);
      const empty = Object.keys(def.empty({ t: (k: string) => k, now: Date.now(), me: '', unit: { adminName: 'a', docOfficerName: 'b', area: 'urban' }, devices: new Map(), activeDevices: [], maintainers: new Map(), names: new Map(), ranges: [] } as never));
      expect(new Set(empty)).toEqual(new Set(shape));
      for (const f of def.fields) expect(empty, f.name).toContain(f.name);
    });
  }
});
