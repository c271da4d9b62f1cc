import { describe, expect, it } from 'vitest';
import { strFromU8, strToU8, zipSync } from 'fflate';
import { newestSealKey, packPolicy, policyBytes, POLICY_FILES, POLICY_FORMAT, readPolicy, type Policy, type TrustedOffice } from '../../../shared/bundle/policy';
import { fingerprint, generateKeyPair, keyIdOf, sign, type KeyPair } from '../../../shared/bundle/suites';
import { DEFAULT_SCHEDULE } from '../../../shared/calendar/schedule';
import { inRanges, parseRange } from '../../../shared/rules/ipRanges';
import { canonical } from '../../../shared/changelog/canonical';
import { generateSealKey, sealKeyIdOf, type SealKeyPair } from '../../../shared/bundle/seal';

describe('assigned IP ranges', () => {
  it.each([
    ['10.20.1.0/24', { first: 0x0a140100, last: 0x0a1401ff, text: '10.20.1.0/24' }],
    ['10.20.1.15', { first: 0x0a14010f, last: 0x0a14010f, text: '10.20.1.15' }],
    [' 10.20.0.0/16 ', { first: 0x0a140000, last: 0x0a14ffff, text: '10.20.0.0/16' }],
  ])('%s', (input, value) => {
    expect(parseRange(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['10.20.1.5/24', 'range.base'],
    ['10.20.1.0/33', 'range.prefix'],
    ['10.20.1.0/4', 'range.prefix'],
    ['10.20.1.0/', 'range.prefix'],
    ['10.20.1/24', 'range.format'],
    ['10.20.1.0/24/1', 'range.format'],
    ['', 'range.format'],
  ])('refuses %s (%s)', (input, error) => {
    expect(parseRange(input)).toEqual({ ok: false, error });
  });

  it('tells inside from outside, at both ends', () => {
    const range = (text: string) => {
      const parsed = parseRange(text);
      if (!parsed.ok) throw new Error(text);
      return parsed.value;
    };
    const ranges = [range('10.20.1.0/24'), range('10.30.0.7')];
    expect(inRanges('10.20.1.0', ranges)).toBe(true);
    expect(inRanges('10.20.1.255', ranges)).toBe(true);
    expect(inRanges('10.20.2.0', ranges)).toBe(false);
    expect(inRanges('10.30.0.7', ranges)).toBe(true);
    expect(inRanges('10.30.0.8', ranges)).toBe(false);
  });
});

function policyOf(office: KeyPair, issuedAt: number, extra: Partial<Policy> = {}): Policy {
  return {
    format: POLICY_FORMAT,
    issuer: { unitId: 'office', name: '平凉市信息办', code: 'PL-XXB', suite: office.suite, publicKey: office.publicKey, keyId: keyIdOf(office.suite, office.publicKey) },
    issuedAt,
    acceptedSuites: ['sm2-sm3'],
    calendar: [{ year: 2027, holidays: ['2027-01-01'], workdays: [], source: '市信息办' }],
    schedule: DEFAULT_SCHEDULE,
    ipRanges: [{ unitCode: 'ZL-001', unitName: '庄浪县', ranges: ['10.30.1.0/24'] }],
    directory: [{ unitCode: 'ZL-001', unitName: '庄浪县', level: 'county', area: 'township' }],
    ...extra,
  };
}

function signed(office: KeyPair, policy: Policy): Uint8Array {
  const bytes = policyBytes(policy);
  return packPolicy(bytes, sign(office.suite, office.privateKey, bytes));
}

describe('policy bundles', () => {
  const office = generateKeyPair('sm2-sm3');
  const trusted: TrustedOffice = { keyId: keyIdOf('sm2-sm3', office.publicKey), suite: 'sm2-sm3', publicKey: office.publicKey, name: '平凉市信息办' };

  it('is trusted on first use with its fingerprint shown, then only from the same key and newer', () => {
    const first = readPolicy(signed(office, policyOf(office, 100)), null, null);
    expect(first).toMatchObject({ ok: true, firstUse: true, fingerprint: fingerprint('sm2-sm3', office.publicKey) });
    expect(readPolicy(signed(office, policyOf(office, 200)), trusted, 100)).toMatchObject({ ok: true, firstUse: false });
    expect(readPolicy(signed(office, policyOf(office, 100)), trusted, 100)).toMatchObject({ ok: false, failure: 'older' });
    const impostor = generateKeyPair('sm2-sm3');
    expect(readPolicy(signed(impostor, policyOf(impostor, 300)), trusted, 100)).toMatchObject({ ok: false, failure: 'otherIssuer' });
  });

  it('refuses a changed policy, a wrong signature, and what is not a policy', () => {
    const policy = policyOf(office, 100);
    const bytes = policyBytes(policy);
    const sig = sign('sm2-sm3', office.privateKey, bytes);
    const edited = strToU8(strFromU8(bytes).replace('10.30.1.0/24', '10.30.0.0/16'));
    expect(readPolicy(packPolicy(edited, sig), null, null)).toMatchObject({ ok: false, failure: 'badSignature' });
    // Re-signed by another key but naming the office as issuer.
    const other = generateKeyPair('sm2-sm3');
    expect(readPolicy(packPolicy(bytes, sign('sm2-sm3', other.privateKey, bytes)), null, null)).toMatchObject({ ok: false, failure: 'badSignature' });
    expect(readPolicy(strToU8('not a zip'), null, null)).toMatchObject({ ok: false, failure: 'notPolicy' });
    expect(readPolicy(zipSync({ [POLICY_FILES.policy]: bytes }), null, null)).toMatchObject({ ok: false, failure: 'notPolicy' });
    const badRange = policyBytes({ ...policy, ipRanges: [{ unitCode: 'ZL-001', unitName: '庄浪县', ranges: ['10.30.1.5/24'] }] });
    expect(readPolicy(packPolicy(badRange, sign('sm2-sm3', office.privateKey, badRange)), null, null)).toMatchObject({ ok: false, failure: 'notPolicy' });
    const polluted = strToU8(canonical({ ...policy }).replace('{"acceptedSuites"', '{"__proto__":{"x":1},"acceptedSuites"'));
    expect(readPolicy(packPolicy(polluted, sign('sm2-sm3', office.privateKey, polluted)), null, null)).toMatchObject({ ok: false, failure: 'notPolicy' });
  });
});

describe('untrusted JSON', () => {
  it.each([
    ['{"__proto__":{"admin":true}}', '__proto__'],
    ['{"a":{"constructor":{"prototype":1}}}', 'constructor'],
    ['{"a":[{"prototype" : 1}]}', 'prototype'],
    ['{"a":"x\\\\","__proto__":1}', '__proto__'],
  ])('refuses %s', async (text, key) => {
    const { parseUntrustedJson } = await import('../../../shared/bundle/format');
    expect(() => parseUntrustedJson(text)).toThrow(`forbidden key ${key}`);
  });

  it('takes the same words inside a string value as text', async () => {
    const { parseUntrustedJson } = await import('../../../shared/bundle/format');
    expect(parseUntrustedJson('{"note":"备注 \\"constructor\\": 1 与 \\"__proto__\\":"}')).toEqual({ note: '备注 "constructor": 1 与 "__proto__":' });
  });
});

describe('the encryption keys a policy names', () => {
  it('are signed with the rest; the newest is the one units seal to, and a key whose id does not match is refused', () => {
    const office = generateKeyPair('sm2-sm3');
    const [old, fresh] = [generateSealKey('sm2-sm3'), generateSealKey('sm2-sm3')];
    const named = (k: SealKeyPair, createdAt: number) => ({ suite: k.suite, publicKey: k.publicKey, keyId: sealKeyIdOf(k.suite, k.publicKey), createdAt });
    const read = readPolicy(signed(office, policyOf(office, 1000, { sealKeys: [named(old, 1), named(fresh, 2)] })), null, null);
    expect(read.ok && newestSealKey(read.policy)?.publicKey).toBe(fresh.publicKey);
    // A signing key's id is not an encryption key's: the two are never confused.
    const wrongId = { ...named(fresh, 2), keyId: keyIdOf('sm2-sm3', fresh.publicKey) };
    expect(readPolicy(signed(office, policyOf(office, 1000, { sealKeys: [wrongId] })), null, null)).toMatchObject({ ok: false, failure: 'notPolicy' });
    expect(newestSealKey(policyOf(office, 1000))).toBeNull();
  });
});
