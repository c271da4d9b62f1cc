import { randomBytes } from 'node:crypto';
import { BUNDLE_LIMITS } from '../../shared/bundle/format';
import type { SealFailure } from '../../shared/bundle/seal';
import type { UnitKeys } from './unitKey';

/**
 * Sealed bundles on their way through main: the sealed file comes in from
 * the console in pieces, is opened here with the office's encryption key,
 * and the signed bundle inside goes back in pieces to be verified as any
 * other. The private key never leaves main; what leaves is what the unit
 * signed, which the office was always meant to read.
 */

/** Sealed files open at once: the console imports one while it verifies the next. */
const MAX_OPEN = 4;

interface Session {
  parts: Buffer[];
  size: number;
  opened: Uint8Array | null;
}

export class SealedInboxError extends Error {
  constructor(readonly code: 'unknownSession' | 'tooLarge' | 'busy') {
    super(code);
  }
}

export type InboxOpened = { ok: true; size: number } | { ok: false; failure: SealFailure; chunk?: number };

export function createSealedInbox(unitKeys: UnitKeys) {
  const sessions = new Map<string, Session>();
  const session = (id: string) => {
    const s = sessions.get(id);
    if (!s) throw new SealedInboxError('unknownSession');
    return s;
  };

  return {
    begin(): string {
      if (sessions.size >= MAX_OPEN) {
        // The oldest was left behind by a page that went away mid-import.
        sessions.delete(sessions.keys().next().value!);
      }
      const id = randomBytes(16).toString('hex');
      sessions.set(id, { parts: [], size: 0, opened: null });
      return id;
    },

    append(id: string, data: Buffer): void {
      const s = session(id);
      if (s.opened) throw new SealedInboxError('busy');
      if (s.size + data.length > BUNDLE_LIMITS.fileBytes) {
        sessions.delete(id);
        throw new SealedInboxError('tooLarge');
      }
      s.parts.push(data);
      s.size += data.length;
    },

    async open(id: string, who: { unitId: string; password: string; accountId: string; grant?: string }): Promise<InboxOpened> {
      const s = session(id);
      const bytes = new Uint8Array(Buffer.concat(s.parts, s.size));
      s.parts = [];
      const opened = await unitKeys.openSealed({ ...who, bytes });
      if (!opened.ok) {
        sessions.delete(id);
        return { ok: false, failure: opened.failure, ...(opened.chunk === undefined ? {} : { chunk: opened.chunk }) };
      }
      s.opened = opened.content;
      return { ok: true, size: opened.content.length };
    },

    /** A piece of the opened bundle; the session ends with its last piece. */
    read(id: string, offset: number, length: number): { data: Buffer; done: boolean } {
      const s = session(id);
      if (!s.opened) throw new SealedInboxError('unknownSession');
      const end = Math.min(s.opened.length, offset + length);
      const data = Buffer.from(s.opened.subarray(offset, end));
      if (end >= s.opened.length) sessions.delete(id);
      return { data, done: end >= s.opened.length };
    },

    /** The file as sent, unopened, for a store that reads it itself (the PostgreSQL ingest); the session ends. */
    take(id: string): Uint8Array {
      const s = session(id);
      if (s.opened) throw new SealedInboxError('busy');
      sessions.delete(id);
      return new Uint8Array(Buffer.concat(s.parts, s.size));
    },

    close(id: string): void {
      sessions.delete(id);
    },
  };
}

export type SealedInbox = ReturnType<typeof createSealedInbox>;
