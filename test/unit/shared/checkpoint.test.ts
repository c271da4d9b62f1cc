import { describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { checkpointsOf, judgeCheckpoint, type Checkpoint } from '../../../shared/bundle/checkpoint';
import { packPolicy, policyBytes, POLICY_FILES, POLICY_FORMAT, readPolicy, type Policy, type TrustedOffice } from '../../../shared/bundle/policy';
import { generateKeyPair, keyIdOf, sign, type KeyPair } from '../../../shared/bundle/suites';

const h = (c: string) => c.repeat(64);

describe('the office’s checkpoint of each unit', () => {
  it('is the highest seq held with its hash, the holes below it, and the latest receipt', () => {
    const cps = checkpointsOf([
      { unitId: 'b', fromSeq: 1, toSeq: 10, lastHash: h('1'), receivedAt: 5 },
      { unitId: 'a', fromSeq: 21, toSeq: 30, lastHash: h('3'), receivedAt: 9 },
      { unitId: 'a', fromSeq: 1, toSeq: 10, lastHash: h('2'), receivedAt: 7 },
    ]);
    expect(cps).toEqual([
      { unitId: 'a', seq: 30, hash: h('3'), missing: [{ from: 11, to: 20 }], receivedAt: 9 },
      { unitId: 'b', seq: 10, hash: h('1'), missing: [], receivedAt: 5 },
    ]);
  });
});

describe('a unit judging the office’s checkpoint against its own chain', () => {
  const cp: Checkpoint = { unitId: 'u', seq: 10, hash: h('a'), missing: [], receivedAt: 1 };
  it.each([
    ['agree', { head: { seq: 11, hash: h('c') }, hashAtSeq: h('a'), newer: 0 }],
    ['behind', { head: { seq: 15, hash: h('c') }, hashAtSeq: h('a'), newer: 5 }],
    ['mismatch', { head: { seq: 15, hash: h('c') }, hashAtSeq: h('b'), newer: 5 }],
    ['beyond', { head: { seq: 9, hash: h('c') }, hashAtSeq: null, newer: 0 }],
  ] as const)('%s', (verdict, own) => {
    expect(judgeCheckpoint(cp, own)).toBe(verdict);
  });
  it('says when the office holds nothing of the unit', () => {
    expect(judgeCheckpoint(null, { head: { seq: 3, hash: h('c') }, hashAtSeq: null, newer: 0 })).toBe('nothing');
  });
});

function policyWith(office: KeyPair, checkpoints: Checkpoint[]): Policy {
  return {
    format: POLICY_FORMAT,
    issuer: { unitId: 'office', name: '平凉市信息办', code: 'PL-XXB', suite: office.suite, publicKey: office.publicKey, keyId: keyIdOf(office.suite, office.publicKey) },
    issuedAt: 100,
    acceptedSuites: ['sm2-sm3'],
    calendar: [],
    schedule: null,
    ipRanges: [],
    directory: [],
    checkpoints,
  };
}

describe('checkpoints inside a policy bundle', () => {
  const office = generateKeyPair('sm2-sm3');
  const trusted: TrustedOffice = { keyId: keyIdOf('sm2-sm3', office.publicKey), suite: 'sm2-sm3', publicKey: office.publicKey, name: '平凉市信息办' };
  const cp: Checkpoint = { unitId: 'u1', seq: 42, hash: h('a'), missing: [], receivedAt: 1 };

  it('travel signed with the policy', () => {
    const bytes = policyBytes(policyWith(office, [cp]));
    const read = readPolicy(packPolicy(bytes, sign('sm2-sm3', office.privateKey, bytes)), trusted, null);
    expect(read).toMatchObject({ ok: true, policy: { checkpoints: [cp] } });
  });

  it('refuse the whole policy when one is forged after signing', () => {
    const bytes = policyBytes(policyWith(office, [cp]));
    const file = packPolicy(bytes, sign('sm2-sm3', office.privateKey, bytes));
    const policyText = strFromU8(unzipSync(file)[POLICY_FILES.policy]!);
    const forged = strToU8(policyText.replace(h('a'), h('b')).replace('"seq":42', '"seq":41'));
    expect(strFromU8(forged)).not.toBe(policyText);
    expect(readPolicy(packPolicy(forged, strFromU8(unzipSync(file)[POLICY_FILES.signature]!)), trusted, null)).toMatchObject({ ok: false, failure: 'badSignature' });
  });

  it('refuse a policy whose checkpoints another office key signed', () => {
    const other = generateKeyPair('sm2-sm3');
    const bytes = policyBytes(policyWith(other, [cp]));
    expect(readPolicy(packPolicy(bytes, sign('sm2-sm3', other.privateKey, bytes)), trusted, null)).toMatchObject({ ok: false, failure: 'otherIssuer' });
  });

  it('refuse a policy with two checkpoints for one unit, or holes above the seq', () => {
    const twice = policyBytes(policyWith(office, [cp, { ...cp, seq: 50 }]));
    expect(readPolicy(packPolicy(twice, sign('sm2-sm3', office.privateKey, twice)), trusted, null)).toMatchObject({ ok: false, failure: 'notPolicy' });
    const above = policyBytes(policyWith(office, [{ ...cp, missing: [{ from: 40, to: 45 }] }]));
    expect(readPolicy(packPolicy(above, sign('sm2-sm3', office.privateKey, above)), trusted, null)).toMatchObject({ ok: false, failure: 'notPolicy' });
  });
});
