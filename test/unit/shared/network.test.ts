import { describe, expect, it } from 'vitest';
import { ipv4ToNumber, macDigits, parseIpv4, parseMac } from '../../../shared/rules/network';

describe('parseIpv4', () => {
  it.each([
    ['10.12.3.45', '10.12.3.45'],
    ['  192.168.1.1 ', '192.168.1.1'],
    ['172.16.0.0', '172.16.0.0'],
    ['1.0.0.1', '1.0.0.1'],
    ['223.255.255.254', '223.255.255.254'],
    ['10.0.0.255', '10.0.0.255'],
  ])('accepts %s', (input, expected) => {
    expect(parseIpv4(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'ip.empty'],
    ['   ', 'ip.empty'],
    ['10.1.1', 'ip.format'],
    ['10.1.1.1.1', 'ip.format'],
    ['10.1.1.a', 'ip.format'],
    ['10..1.1', 'ip.format'],
    ['10.1.1.1/24', 'ip.format'],
    ['１０.1.1.1', 'ip.format'],
    ['10.1.1.-1', 'ip.format'],
    ['256.1.1.1', 'ip.octet'],
    ['10.1.1.300', 'ip.octet'],
    ['10.01.1.1', 'ip.leadingZero'],
    ['010.1.1.1', 'ip.leadingZero'],
    ['0.1.2.3', 'ip.reserved'],
    ['127.0.0.1', 'ip.reserved'],
    ['224.0.0.1', 'ip.reserved'],
    ['255.255.255.255', 'ip.reserved'],
  ])('refuses %j with %s', (input, error) => {
    expect(parseIpv4(input)).toEqual({ ok: false, error });
  });

  it('orders addresses numerically', () => {
    expect(ipv4ToNumber('10.0.0.9')).toBeLessThan(ipv4ToNumber('10.0.0.10'));
    expect(ipv4ToNumber('255.255.255.254')).toBe(4294967294);
  });
});

describe('parseMac', () => {
  it.each([
    ['AA-BB-CC-DD-EE-FE', 'AA:BB:CC:DD:EE:FE'],
    ['aa:bb:cc:dd:ee:fe', 'AA:BB:CC:DD:EE:FE'],
    ['aabb.ccdd.eefe', 'AA:BB:CC:DD:EE:FE'],
    ['AABBCCDDEEFE', 'AA:BB:CC:DD:EE:FE'],
    [' 00-1A-2b-3C-4d-5E ', '00:1A:2B:3C:4D:5E'],
  ])('normalises %s', (input, expected) => {
    expect(parseMac(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'mac.empty'],
    ['AA-BB-CC-DD-EE', 'mac.format'],
    ['AA-BB-CC-DD-EE-FF-00', 'mac.format'],
    ['AA-BB:CC-DD:EE-F0', 'mac.format'],
    ['GG-BB-CC-DD-EE-FF', 'mac.format'],
    ['AAB-BCC-DDE-EF0', 'mac.format'],
    ['00-00-00-00-00-00', 'mac.zero'],
    ['FF-FF-FF-FF-FF-FF', 'mac.broadcast'],
    ['01:00:5E:00:00:FB', 'mac.multicast'],
    ['33-33-00-00-00-01', 'mac.multicast'],
  ])('refuses %j with %s', (input, error) => {
    expect(parseMac(input)).toEqual({ ok: false, error });
  });

  it('gives the bare digits for search', () => {
    expect(macDigits('AA:BB:CC:DD:EE:FE')).toBe('aabbccddeefe');
  });
});
