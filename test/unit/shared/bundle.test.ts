import { describe, expect, it } from 'vitest';
import { deflateSync, strFromU8, strToU8 } from 'fflate';
import { readBundle, writeBundle, type KeyLookup, type KnownKey } from '../../../shared/bundle/codec';
import { makeEnrolment, parseEnrolment, rotationSignedBy } from '../../../shared/bundle/enrolment';
import { fixtureHistory, fixtureUnits, type FixtureUnit } from '../../../shared/bundle/fixture';
import { ChainKnowledge, type Segment } from '../../../shared/bundle/segments';
import { CRYPTO_SUITES, generateKeyPair, keyIdOf, sign, type CryptoSuite } from '../../../shared/bundle/suites';
import { BUNDLE_FILES, parseUntrustedJson } from '../../../shared/bundle/format';
import { canonical } from '../../../shared/changelog/canonical';
import { FAILING } from '../../../shared/bundle/verdicts';
import { deflateBomb, mutateBundle, rawZip, sameFiles } from './mutations';
import { inflateMember, inflateMemberNative, readZipIndex, unpackBundle } from '../../../shared/bundle/zip';
import { GENESIS_HASH, sealEntry } from '../../../shared/changelog/chain';
import { sm3 } from '../../../shared/crypto/sm3';

function lookupFor(units: FixtureUnit[], revoked: string[] = []): KeyLookup {
  const keys = new Map<string, KnownKey>(units.map((u) => [u.enrolment.keyId, { unitId: u.unit.id, suite: u.enrolment.suite, publicKey: u.enrolment.publicKey, revoked: revoked.includes(u.enrolment.keyId) }]));
  return (keyId) => keys.get(keyId);
}

function segmentOf(result: ReturnType<typeof readBundle>): Segment {
  if (result.verdict !== 'valid') throw new Error(`expected a valid bundle, got ${result.verdict}`);
  return { unitId: result.manifest.unitId, fromSeq: result.manifest.fromSeq, prevHash: result.manifest.prevHash, hashes: result.entries.map((e) => e.hash) };
}

describe.each(CRYPTO_SUITES)('bundles signed with %s', (suite: CryptoSuite) => {
  const [unit] = fixtureUnits({ units: 1, entries: 300, perBundle: 100, suite });
  const keys = lookupFor([unit!]);

  it('round-trips: three segments of one chain, each verified on its own', () => {
    expect(unit!.bundles).toHaveLength(3);
    const results = unit!.bundles.map((b) => readBundle(b.bytes, keys));
    expect(results.map((r) => r.verdict)).toEqual(['valid', 'valid', 'valid']);
    const [first, , last] = results;
    if (first?.verdict !== 'valid' || last?.verdict !== 'valid') throw new Error('unreachable');
    expect(first.manifest).toMatchObject({ fromSeq: 1, toSeq: 100, prevHash: GENESIS_HASH, suite, unitId: unit!.unit.id });
    expect(last.manifest.toSeq).toBe(300);
    expect(first.entries[0]!.entry).toMatchObject({ seq: 1, table: 'units', op: 'create' });
    expect(Object.values(first.manifest.counts).reduce((a, b) => a + (b ?? 0), 0)).toBe(100);
  });

  it('the same segment writes the same bytes but for the signature', () => {
    const { unit: u, entries } = fixtureHistory(0, 20);
    const key = generateKeyPair(suite);
    const signing = { suite, keyId: keyIdOf(suite, key.publicKey), privateKey: key.privateKey };
    const source = { unit: u, createdBy: { accountId: 'a', name: '管理员' }, createdAt: 1, prevHash: GENESIS_HASH, entries };
    const a = unpackBundle(writeBundle(source, signing).bytes);
    const b = unpackBundle(writeBundle(source, signing).bytes);
    if (!a.ok || !b.ok) throw new Error('unpack');
    expect(strFromU8(a.manifest)).toBe(strFromU8(b.manifest));
    expect(a.entries).toEqual(b.entries);
  });

  it('knows duplicates, gaps (filled later) and forks, in any order of arrival', () => {
    const segments = unit!.bundles.map((b) => segmentOf(readBundle(b.bytes, keys)));
    const inOrder = new ChainKnowledge();
    for (const s of segments) {
      expect(inOrder.assess(s).verdict).toBe('valid');
      inOrder.add(s);
    }
    expect(inOrder.assess(segments[1]!).verdict).toBe('duplicate');

    const reversed = new ChainKnowledge();
    expect(reversed.assess(segments[2]!)).toEqual({ verdict: 'gapBefore', missing: { from: 1, to: 200 } });
    reversed.add(segments[2]!);
    expect(reversed.assess(segments[1]!)).toEqual({ verdict: 'gapBefore', missing: { from: 1, to: 100 } });
    reversed.add(segments[1]!);
    expect(reversed.assess(segments[0]!).verdict).toBe('valid');
    reversed.add(segments[0]!);
    expect(reversed.assess(segments[2]!).verdict).toBe('duplicate');

    // Another history of the same unit from seq 101 on: the same seqs, other hashes.
    const fork: Segment = { ...segments[1]!, hashes: segments[1]!.hashes.map((h, i) => (i < 50 ? h : h.replace(/^./, (c) => (c === '0' ? '1' : '0')))) };
    expect(inOrder.assess(fork)).toEqual({ verdict: 'forked', forkAt: 151 });
    expect(inOrder.assess({ ...segments[2]!, prevHash: segments[0]!.prevHash })).toEqual({ verdict: 'forked', forkAt: 201 });
  });

  it('refuses keys it does not know, revoked keys, and a key of another unit', () => {
    const bytes = unit!.bundles[0]!.bytes;
    expect(readBundle(bytes, () => undefined).verdict).toBe('unknownKey');
    expect(readBundle(bytes, lookupFor([unit!], [unit!.enrolment.keyId])).verdict).toBe('revokedKey');
    const [other] = fixtureUnits({ units: 1, entries: 5, suite, firstUnit: 9 });
    const wrongUnit: KeyLookup = (id) => ({ ...keys(id)!, unitId: other!.unit.id });
    expect(readBundle(bytes, wrongUnit)).toMatchObject({ verdict: 'badSignature', detail: 'the key belongs to another unit' });
  });
});

describe('enrolment files', () => {
  const unit = { id: 'u-1', name: '庄浪县政府办', code: 'ZL-01' };

  it('round-trip, and a file whose key id does not match its key is refused', () => {
    const key = generateKeyPair('sm2-sm3');
    const enrolment = makeEnrolment(unit, key, 1);
    expect(parseEnrolment(JSON.stringify(enrolment))).toEqual({ ok: true, enrolment });
    expect(parseEnrolment(JSON.stringify({ ...enrolment, keyId: '0'.repeat(32) })).ok).toBe(false);
    expect(parseEnrolment(JSON.stringify({ ...enrolment, publicKey: '04' + '1'.repeat(128) })).ok).toBe(false);
    expect(parseEnrolment('{"__proto__":{"polluted":true}}').ok).toBe(false);
    expect(parseEnrolment('not json').ok).toBe(false);
  });

  it.each(CRYPTO_SUITES)('a rotated %s key is signed by the key it replaces, and by no other', (suite) => {
    const old = generateKeyPair(suite);
    const previous = { suite, keyId: keyIdOf(suite, old.publicKey), privateKey: old.privateKey };
    const rotated = makeEnrolment(unit, generateKeyPair(suite), 2, previous);
    const oldFacts = { suite, publicKey: old.publicKey, keyId: previous.keyId, unitId: unit.id };
    expect(parseEnrolment(JSON.stringify(rotated)).ok).toBe(true);
    expect(rotationSignedBy(rotated, oldFacts)).toBe(true);
    const stranger = generateKeyPair(suite);
    expect(rotationSignedBy(rotated, { ...oldFacts, publicKey: stranger.publicKey })).toBe(false);
    expect(rotationSignedBy({ ...rotated, unitId: 'u-2' }, { ...oldFacts, unitId: 'u-2' })).toBe(false);
  });
});

/**
 * At least 200 mutated bundles, each refused with the right verdict. A
 * mutation that leaves the three files byte-identical (a flipped bit in a
 * zip field no reader uses) may pass — the content it vouches for is the
 * original's — and that is checked too.
 */
describe('mutated bundles are refused with the right verdict', () => {
  const [unit] = fixtureUnits({ units: 1, entries: 40, suite: 'sm2-sm3' });
  const keys = lookupFor([unit!]);
  const original = unit!.bundles[0]!.bytes;
  const cases = mutateBundle(original);

  it('has at least 200 of them', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = readBundle(c.bytes, keys);
    if (c.expected !== 'failOrIdentical') {
      expect(result.verdict).toBe(c.expected);
      return;
    }
    // Accepted: then what it vouches for must be exactly the original's files.
    if (!FAILING.has(result.verdict)) expect(sameFiles(c.bytes, original)).toBe(true);
  });

  it('refuses a validly signed entry carrying a prototype-polluting key', () => {
    const { unit: u, entries } = fixtureHistory(3, 3);
    const poisoned = JSON.parse('{"id":"x","rev":1,"__proto__":{"admin":true}}') as Record<string, unknown> & { id: string; rev: number };
    const last = entries[entries.length - 1]!;
    const evil = sealEntry({ unitId: u.id, seq: 4, table: 'devices', recordId: 'x', rev: 1, op: 'create', at: 1, by: 'a', record: poisoned, prevHash: last.hash });
    const key = generateKeyPair('sm2-sm3');
    const signing = { suite: 'sm2-sm3' as const, keyId: keyIdOf('sm2-sm3', key.publicKey), privateKey: key.privateKey };
    const bytes = writeBundle({ unit: u, createdBy: { accountId: 'a', name: 'a' }, createdAt: 1, prevHash: GENESIS_HASH, entries: [...entries, evil] }, signing).bytes;
    const result = readBundle(bytes, () => ({ unitId: u.id, suite: 'sm2-sm3', publicKey: key.publicKey, revoked: false }));
    expect(result).toMatchObject({ verdict: 'altered', detail: 'entry 4: forbidden key __proto__' });
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});

/**
 * A zip's directory says how large each file is; an attacker's directory
 * lies. Nothing is inflated past what it declares, and the entries not at
 * all until the manifest's signature holds against an enrolled key.
 */
describe('a lying zip directory costs no more than the bytes it claims', () => {
  const [unit] = fixtureUnits({ units: 1, entries: 40, suite: 'sm2-sm3' });
  const keys = lookupFor([unit!]);
  const files = unpackBundle(unit!.bundles[0]!.bytes);
  if (!files.ok) throw new Error('fixture does not unpack');
  const manifest = JSON.parse(strFromU8(files.manifest)) as { entriesBytes: number };
  const stored = (name: string, data: Uint8Array) => ({ name, method: 0 as const, data, declaredSize: data.length });
  const bomb = deflateBomb(120); // 1.5 MB that inflates to 240 MB

  it('refuses entries that inflate past the signed manifest\'s entriesBytes', () => {
    const bytes = rawZip([stored(BUNDLE_FILES.manifest, files.manifest), stored(BUNDLE_FILES.signature, files.signature), { name: BUNDLE_FILES.entries, method: 8, data: bomb, declaredSize: manifest.entriesBytes }]);
    expect(readBundle(bytes, keys)).toMatchObject({ verdict: 'unreadable', detail: `entries.ndjson: more than ${manifest.entriesBytes} bytes` });
  });

  it('refuses a manifest that inflates past its declared size', () => {
    const bytes = rawZip([{ name: BUNDLE_FILES.manifest, method: 8, data: bomb, declaredSize: 600 }, stored(BUNDLE_FILES.signature, files.signature), stored(BUNDLE_FILES.entries, files.entries)]);
    expect(readBundle(bytes, keys)).toMatchObject({ verdict: 'unreadable', detail: 'manifest.json: more than 600 bytes' });
  });

  it('does not inflate the entries of a bundle signed by a key it does not know, or with a bad signature', () => {
    const garbage = { name: BUNDLE_FILES.entries, method: 8 as const, data: new Uint8Array([0xff, 0xff, 0xff, 0xff]), declaredSize: manifest.entriesBytes };
    const attacker = generateKeyPair('sm2-sm3');
    const forged = strToU8(canonical({ ...manifest, keyId: keyIdOf('sm2-sm3', attacker.publicKey) }));
    const unknown = rawZip([stored(BUNDLE_FILES.manifest, forged), stored(BUNDLE_FILES.signature, strToU8(sign('sm2-sm3', attacker.privateKey, forged))), garbage]);
    expect(readBundle(unknown, keys).verdict).toBe('unknownKey');
    const badSignature = rawZip([stored(BUNDLE_FILES.manifest, files.manifest), stored(BUNDLE_FILES.signature, strToU8(sign('sm2-sm3', attacker.privateKey, files.manifest))), garbage]);
    expect(readBundle(badSignature, keys).verdict).toBe('badSignature');
    expect(readBundle(rawZip([stored(BUNDLE_FILES.manifest, files.manifest), stored(BUNDLE_FILES.signature, files.signature), garbage]), keys).verdict).toBe('unreadable');
  });

  it('refuses a directory whose entries size disagrees with the signed manifest, before inflating', () => {
    const bytes = rawZip([stored(BUNDLE_FILES.manifest, files.manifest), stored(BUNDLE_FILES.signature, files.signature), { name: BUNDLE_FILES.entries, method: 8, data: bomb, declaredSize: manifest.entriesBytes - 1 }]);
    expect(readBundle(bytes, keys).verdict).toBe('altered');
  });

  it('inflates a member the directory describes truly, and refuses one it understates or overstates', () => {
    const data = strToU8('台账'.repeat(5000));
    const zip = (declaredSize: number) => rawZip([{ name: 'a.txt', method: 8, data: deflateSync(data), declaredSize }]);
    const read = (declaredSize: number) => {
      const index = readZipIndex(zip(declaredSize), 1 << 20);
      if (!index.ok) throw new Error(index.detail);
      return inflateMember(zip(declaredSize), index.members[0]!, 1 << 20);
    };
    expect(read(data.length)).toEqual({ ok: true, data });
    expect(read(data.length - 1)).toMatchObject({ ok: false, failure: 'tooLarge' });
    expect(read(data.length + 1)).toMatchObject({ ok: false, failure: 'corrupt' });
  });

  it('the platform inflater (used for spreadsheets) holds a member to its declared size the same way, and stops a bomb early', async () => {
    const data = strToU8('台账'.repeat(5000));
    const member = (bytes: Uint8Array) => {
      const index = readZipIndex(bytes, 1 << 22);
      if (!index.ok) throw new Error(index.detail);
      return index.members[0]!;
    };
    const read = (declaredSize: number, body: Uint8Array = deflateSync(data), limit = 1 << 20) => {
      const bytes = rawZip([{ name: 'a.txt', method: 8, data: body, declaredSize }]);
      return inflateMemberNative(bytes, member(bytes), limit);
    };
    expect(await read(data.length)).toEqual({ ok: true, data });
    expect(await read(data.length - 1)).toMatchObject({ ok: false, failure: 'tooLarge' });
    expect(await read(data.length + 1)).toMatchObject({ ok: false, failure: 'corrupt' });
    const deflated = deflateSync(data);
    expect(await read(data.length, deflated.subarray(0, deflated.length >> 1))).toMatchObject({ ok: false, failure: 'corrupt' });
    expect(await read(2 << 20)).toMatchObject({ ok: false, failure: 'tooLarge', detail: `a.txt: ${2 << 20} bytes` });
    // 240 MB behind a directory that says 600 bytes: refused after the first step's output, not after inflating it all.
    const started = performance.now();
    expect(await read(600, bomb)).toMatchObject({ ok: false, failure: 'tooLarge', detail: 'a.txt: more than 600 bytes' });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses a local header that names another file than the directory', () => {
    const bytes = rawZip([stored('manifest.json', files.manifest)]);
    const at = 30 + 'manifest.json'.length + files.manifest.length + 46; // the central entry's name
    bytes[at] = 'M'.charCodeAt(0);
    expect(readZipIndex(bytes, 1 << 20)).toMatchObject({ ok: false, failure: 'corrupt' });
  });
});

describe('forbidden keys are found after JSON unescaping', () => {
  it.each(['"\\u005f_proto__"', '"__proto\\u005f_"', '"\\u0063onstructor"', '"prototyp\\u0065"', '"\\u005F\\u005Fproto__"'])('refuses the key %s', (key) => {
    const text = `{"a":{"b":[{${key}:{"admin":true}}]}}`;
    expect(() => parseUntrustedJson(text)).toThrow(/forbidden key (__proto__|constructor|prototype)/);
  });

  it('accepts the same words escaped inside values, and keys that only look alike', () => {
    expect(parseUntrustedJson('{"note":"\\u005f_proto__","x\\u005f_proto__":1,"constructors":2}')).toEqual({ note: '__proto__', x__proto__: 1, constructors: 2 });
  });

  it('refuses a validly signed entry whose record carries an escaped __proto__', () => {
    const { unit: u, entries } = fixtureHistory(3, 3);
    const last = entries[entries.length - 1]!;
    const plain = sealEntry({ unitId: u.id, seq: 4, table: 'devices', recordId: 'x', rev: 1, op: 'create', at: 1, by: 'a', record: { id: 'x', rev: 1, zzproto: { admin: true } }, prevHash: last.hash });
    // The unit's own software would never write this; an attacker holding the key can.
    const body = plain.body.replace('"zzproto"', '"\\u005f_proto__"');
    const evil = { ...plain, body, hash: sm3(last.hash + body) };
    const key = generateKeyPair('sm2-sm3');
    const signing = { suite: 'sm2-sm3' as const, keyId: keyIdOf('sm2-sm3', key.publicKey), privateKey: key.privateKey };
    const bytes = writeBundle({ unit: u, createdBy: { accountId: 'a', name: 'a' }, createdAt: 1, prevHash: GENESIS_HASH, entries: [...entries, evil] }, signing).bytes;
    const result = readBundle(bytes, () => ({ unitId: u.id, suite: 'sm2-sm3', publicKey: key.publicKey, revoked: false }));
    expect(result).toMatchObject({ verdict: 'altered', detail: 'entry 4: forbidden key __proto__' });
  });
});

describe('fixture units', () => {
  it('keep their own ids past 4,096 units (a province has 5,000)', () => {
    const ids = [0, 1, 4095, 4096, 4097, 8193].map((i) => fixtureHistory(i, 1).unit.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Below 4,096 the ids are those fixtures have always had.
    expect(fixtureHistory(1, 1).unit.id).toMatch(/-7001-8000-000000000000$/);
  });
});
