import type { Messages } from './messages';

/** The command line's options, one way for every command. */

/** A command line that cannot be run as given: the message, then the usage. */
export class UsageError extends Error {}

export function parseArgs(args: readonly string[], flags: readonly string[], valued: readonly string[], m: Messages) {
  const options = new Map<string, string | true>();
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) {
      rest.push(a);
      continue;
    }
    const name = a.slice(2);
    if (flags.includes(name)) options.set(name, true);
    else if (valued.includes(name)) {
      const value = args[++i];
      if (value === undefined) throw new UsageError(m.needsValue(name));
      options.set(name, value);
    } else throw new UsageError(m.unknownOption(a));
  }
  return { options, rest };
}

export function count(value: string | true | undefined, name: string, min: number, max: number, m: Messages): number {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(m.integer(name, min, max));
  return n;
}
