/**
 * Phone numbers on the unit profile. The administrator may give a landline
 * with its area code; the document officer must be reachable 24 hours
 * (第二十七条), which only a mobile number is.
 */
export type PhoneError = 'phone.empty' | 'phone.format' | 'phone.mobile';

/** The separators people type in numbers: spaces, hyphens, dots; and the country code. */
function compact(input: string): string {
  return input
    .trim()
    .replace(/[\s.\-（）()]/g, '')
    .replace(/^(\+?86)(?=1\d{10}$)/, '');
}

const MOBILE = /^1[3-9]\d{9}$/;

export function parsePhone(input: string): { ok: true; value: string } | { ok: false; error: PhoneError } {
  const text = input.trim().replace(/\s+/g, '');
  if (text === '') return { ok: false, error: 'phone.empty' };
  const mobile = compact(input);
  if (MOBILE.test(mobile)) return { ok: true, value: mobile };
  const landline = /^(0\d{2,3})-?(\d{7,8})$/.exec(text);
  if (landline) return { ok: true, value: `${landline[1]}-${landline[2]}` };
  return { ok: false, error: 'phone.format' };
}

/** A mobile number, stored as its 11 digits. A landline is refused with its own message. */
export function parseMobile(input: string): { ok: true; value: string } | { ok: false; error: PhoneError } {
  const parsed = parsePhone(input);
  if (!parsed.ok) return parsed;
  return MOBILE.test(parsed.value) ? parsed : { ok: false, error: 'phone.mobile' };
}
