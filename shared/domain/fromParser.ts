import { z } from 'zod';

/**
 * A zod string field backed by one of our parsers: the parser normalises
 * (MAC to canonical form, phone to its printed form) and its error code
 * becomes the issue message, which the UI translates.
 */
export function fromParser<E extends string>(parse: (input: string) => { ok: true; value: string } | { ok: false; error: E }) {
  return z.string().transform((value, ctx) => {
    const parsed = parse(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.error });
      return z.NEVER;
    }
    return parsed.value;
  });
}
