import { writeBundle } from '../../shared/bundle/codec';
import { makeEnrolment } from '../../shared/bundle/enrolment';
import { fixtureHistory } from '../../shared/bundle/fixture';
import { generateKeyPair, keyIdOf } from '../../shared/bundle/suites';
import { GENESIS_HASH, sealEntry, type UnhashedEntry } from '../../shared/changelog/chain';

/**
 * A unit's own fixture history with `extra` records appended to its chain,
 * signed by a key of its own: the bundle a tampered PC could make. Used by
 * the console's unit tests and by the e2e run in a real Chromium.
 */
export function craftedUnit(index: number, count: number, extra: (unitId: string) => { table: string; record: Record<string, unknown> }[], claim?: { name: string; code: string }) {
  const { unit, entries } = fixtureHistory(index, count);
  const pair = generateKeyPair('ed25519-sha256');
  const key = { suite: 'ed25519-sha256' as const, keyId: keyIdOf('ed25519-sha256', pair.publicKey), privateKey: pair.privateKey };
  const all = [...entries];
  for (const { table, record } of extra(unit.id)) {
    const last = all[all.length - 1]!;
    const body = JSON.parse(last.body) as UnhashedEntry;
    all.push(sealEntry({ unitId: unit.id, seq: last.seq + 1, table: table as UnhashedEntry['table'], recordId: String(record.id), rev: Number(record.rev), op: 'create', at: body.at + 1, by: 'x', record, prevHash: last.hash }));
  }
  const bytes = writeBundle({ unit: { ...unit, ...claim }, createdBy: { accountId: 'a', name: 'a' }, createdAt: 1, prevHash: GENESIS_HASH, entries: all }, key).bytes;
  return { unit, enrolment: makeEnrolment(unit, pair, 1), file: { name: `${unit.code}.zwb`, bytes }, entries: all };
}
