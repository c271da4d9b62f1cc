import { describe, expect, it } from 'vitest';
import { addressBook, addressState, blocksOf, hostSpan, isStale, nextFreeAddress, numberToIpv4, rangeUsage, type PlannedDevice } from '../../../shared/rules/addressPlan';
import { parseRange, type IpRange } from '../../../shared/rules/ipRanges';
import { ipv4ToNumber } from '../../../shared/rules/network';

function range(text: string): IpRange {
  const r = parseRange(text);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const active = (id: string, ip: string): PlannedDevice => ({ id, ip, retiredAt: null });
const retired = (id: string, ip: string): PlannedDevice => ({ id, ip, retiredAt: 1 });

describe('address plan: range arithmetic', () => {
  it.each([
    ['10.20.1.0/24', '10.20.1.1', '10.20.1.254', 254],
    ['10.20.0.0/16', '10.20.0.1', '10.20.255.254', 65_534],
    ['10.20.1.0/30', '10.20.1.1', '10.20.1.2', 2],
    ['10.20.1.0/31', '10.20.1.0', '10.20.1.1', 2],
    ['10.20.1.7', '10.20.1.7', '10.20.1.7', 1],
  ])('%s has hosts %s to %s (%i)', (text, first, last, count) => {
    const span = hostSpan(range(text));
    expect([numberToIpv4(span.first), numberToIpv4(span.last), span.count]).toEqual([first, last, count]);
  });

  it.each(['0.0.0.1', '10.20.255.254', '255.255.255.255', '192.168.0.0'])('numberToIpv4 inverts ipv4ToNumber for %s', (ip) => {
    expect(numberToIpv4(ipv4ToNumber(ip))).toBe(ip);
  });

  it.each([
    ['10.20.1.0/24', ['10.20.1.0/24']],
    ['10.20.0.0/23', ['10.20.0.0/24', '10.20.1.0/24']],
    ['10.20.1.128/25', ['10.20.1.128 – 10.20.1.255']],
    ['10.20.1.9', ['10.20.1.9']],
  ])('%s is cut into /24 blocks', (text, labels) => {
    expect(blocksOf(range(text)).map((b) => b.label)).toEqual(labels);
  });

  it('a /16 is 256 blocks of 256 addresses', () => {
    const blocks = blocksOf(range('10.20.0.0/16'));
    expect(blocks).toHaveLength(256);
    expect(blocks.every((b) => b.last - b.first === 255)).toBe(true);
    expect(numberToIpv4(blocks[255]!.first)).toBe('10.20.255.0');
  });
});

describe('address plan: states and the next free address', () => {
  const devices = [active('a', '10.20.1.1'), active('b', '10.20.1.2'), active('c', '10.20.1.2'), retired('d', '10.20.1.3'), active('e', '10.20.1.4'), retired('f', '10.20.1.4')];
  const book = addressBook(devices);
  const stale = new Set(['e']);

  it.each([
    ['10.20.1.1', 'inUse'],
    ['10.20.1.2', 'conflict'],
    ['10.20.1.3', 'retired'],
    ['10.20.1.4', 'stale'],
    ['10.20.1.5', 'free'],
  ] as const)('%s is %s', (ip, state) => {
    expect(addressState(book, ipv4ToNumber(ip), stale)).toBe(state);
  });

  it('counts used, free, conflicts and stale per range; a retired address is free again', () => {
    const usage = rangeUsage(range('10.20.1.0/24'), book, stale);
    expect(usage).toMatchObject({ hosts: 254, used: 3, free: 251, conflicts: 1, stale: 1, nextFree: '10.20.1.3' });
  });

  it.each([
    [['10.20.1.0/30'], [active('a', '10.20.1.1')], '10.20.1.2'],
    [['10.20.1.0/30', '10.30.0.0/24'], [active('a', '10.20.1.1'), active('b', '10.20.1.2')], '10.30.0.1'],
    [['10.20.1.0/30'], [active('a', '10.20.1.1'), active('b', '10.20.1.2')], null],
    [['10.20.1.0/30'], [retired('a', '10.20.1.1')], '10.20.1.1'],
    [[], [], null],
  ])('ranges %j with %j offer %s', (texts, list, expected) => {
    expect(nextFreeAddress(texts.map(range), addressBook(list))).toBe(expected);
  });

  it('a full /16 is counted from the devices, not the 65,536 addresses', () => {
    const list: PlannedDevice[] = [];
    const r = range('10.20.0.0/16');
    for (let n = r.first + 1; n < r.first + 50_001; n++) list.push(active(`d${n}`, numberToIpv4(n)));
    const usage = rangeUsage(r, addressBook(list), new Set());
    expect(usage).toMatchObject({ used: 50_000, free: 15_534, nextFree: numberToIpv4(r.first + 50_001) });
  });
});

describe('address plan: possibly stale devices', () => {
  it.each([
    ['2026-01-01', undefined, '2026-03-31', false],
    ['2026-01-01', undefined, '2026-04-01', true],
    ['2025-01-01', '2026-03-01', '2026-05-29', false],
    ['2025-01-01', '2026-03-01', '2026-05-30', true],
    // A scan dated before the registration (an import of old records) does not make the device older.
    ['2026-03-01', '2025-01-01', '2026-04-01', false],
  ])('registered %s, last scanned %s: on %s stale is %s', (registered, scanned, today, expected) => {
    expect(isStale(registered, scanned, today)).toBe(expected);
  });
});
