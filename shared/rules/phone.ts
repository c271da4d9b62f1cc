/**
 * Phone numbers on the unit profile: the document officer must be reachable
 * 24 hours (第二十七条), so a mobile number or a landline with area code.
 */
export type PhoneError = 'phone.empty' | 'phone.format';

export function parsePhone(input: string): { ok: true; value: string } | { ok: false; error: PhoneError } {
  const text = input.trim().replace(/\s+/g, '');
  if (text === '') return { ok: false, error: 'phone.empty' };
  if (/^1[3-9]\d{9}$/.test(text)) return { ok: true, value: text };
  const landline = /^(0\d{2,3})-?(\d{7,8})$/.exec(text);
  if (landline) return { ok: true, value: `${landline[1]}-${landline[2]}` };
  return { ok: false, error: 'phone.format' };
}
