/**
 * IPv4 and MAC address rules for the networked-computer register (第十六条).
 * Every parser returns a result instead of throwing, so a form can show the
 * reason beside the field and an importer can report it per row.
 */

export type Parsed<T, E extends string> = { ok: true; value: T } | { ok: false; error: E };

export type Ipv4Error = 'ip.empty' | 'ip.format' | 'ip.octet' | 'ip.leadingZero' | 'ip.reserved';

/**
 * Accepts dotted-quad IPv4 only. Leading zeros are refused rather than
 * stripped because some tools read `010` as octal (8), so the user must say
 * which address is meant.
 */
export function parseIpv4(input: string): Parsed<string, Ipv4Error> {
  const text = input.trim();
  if (text === '') return { ok: false, error: 'ip.empty' };
  const parts = text.split('.');
  if (parts.length !== 4) return { ok: false, error: 'ip.format' };
  const octets: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return { ok: false, error: 'ip.format' };
    if (part.length > 1 && part.startsWith('0')) return { ok: false, error: 'ip.leadingZero' };
    const n = Number(part);
    if (n > 255) return { ok: false, error: 'ip.octet' };
    octets.push(n);
  }
  const [a, , , d] = octets as [number, number, number, number];
  // A host on the private network can never be these: "this network",
  // loopback, multicast/reserved, or the limited broadcast address.
  if (a === 0 || a === 127 || a >= 224 || (a === 255 && d === 255)) return { ok: false, error: 'ip.reserved' };
  return { ok: true, value: octets.join('.') };
}

/** Numeric value of a canonical IPv4 string, for range checks and sorting. */
export function ipv4ToNumber(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

export type MacError = 'mac.empty' | 'mac.format' | 'mac.zero' | 'mac.broadcast' | 'mac.multicast';

// The dashed/colon form repeats its first separator (\2), so one address
// cannot mix them; the groups are 1, 3, 4, 5, 6, 7 there.
const MAC_SEPARATED = /^([0-9a-f]{2})([-:])([0-9a-f]{2})\2([0-9a-f]{2})\2([0-9a-f]{2})\2([0-9a-f]{2})\2([0-9a-f]{2})$/i;
const MAC_FORMS: readonly RegExp[] = [
  /^([0-9a-f]{2})([0-9a-f]{2})\.([0-9a-f]{2})([0-9a-f]{2})\.([0-9a-f]{2})([0-9a-f]{2})$/i,
  /^([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i,
];

/**
 * Accepts `AA-BB-CC-DD-EE-FF` (Windows `ipconfig /all`), `aa:bb:cc:dd:ee:ff`,
 * `aabb.ccdd.eeff` (Cisco) and bare hex, and stores one canonical form:
 * upper case with colons. Separators must be consistent within one address.
 */
export function parseMac(input: string): Parsed<string, MacError> {
  const text = input.trim();
  if (text === '') return { ok: false, error: 'mac.empty' };
  // Called twice per row of a 20,000-row import: one regex and one string, no arrays.
  let m = MAC_SEPARATED.exec(text);
  let canonical: string;
  if (m) canonical = `${m[1]}:${m[3]}:${m[4]}:${m[5]}:${m[6]}:${m[7]}`.toUpperCase();
  else {
    m = MAC_FORMS[0]!.exec(text) ?? MAC_FORMS[1]!.exec(text);
    if (!m) return { ok: false, error: 'mac.format' };
    canonical = `${m[1]}:${m[2]}:${m[3]}:${m[4]}:${m[5]}:${m[6]}`.toUpperCase();
  }
  if (canonical === '00:00:00:00:00:00') return { ok: false, error: 'mac.zero' };
  if (canonical === 'FF:FF:FF:FF:FF:FF') return { ok: false, error: 'mac.broadcast' };
  // The least significant bit of the first octet marks a group address: no
  // network card has one.
  if (Number.parseInt(canonical.slice(0, 2), 16) & 1) return { ok: false, error: 'mac.multicast' };
  return { ok: true, value: canonical };
}

/** The twelve hex digits of a canonical MAC, for separator-free search. */
export function macDigits(canonical: string): string {
  return canonical.replace(/:/g, '').toLowerCase();
}
