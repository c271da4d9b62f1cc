import Dexie from 'dexie';
import { z } from 'zod';
import { DB_NAME, openDb, type ZwDb } from './schema';

/**
 * Which IndexedDB database holds the app's data. A restore of an office's
 * million entries cannot be one IndexedDB transaction (Chromium holds it
 * all until commit and never finished one in half an hour), yet it must
 * still be all or nothing. So it fills a new database in bounded batches
 * and, once every check has passed, makes it the live one with a single
 * write of this small record; the old database is dropped at the next start.
 * A crash before that write leaves the old database live and the half-filled
 * one on the drop list; after it, the restored one is live.
 *
 * The record is one key of the page's localStorage, so the switch is one
 * atomic setItem and the name is known synchronously when the page opens its
 * connection. Should the record be lost, the app opens the default name and
 * no database is dropped: nothing is ever deleted that is not on the list.
 */

export const DATABASES_KEY = 'zwledger.databases';

/** The part of localStorage used here, so tests can hand in a Map. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Serialises a restore against the start-up sweep of another tab (Web Locks in the app; nothing in tests). */
export interface Locks {
  hold<T>(name: string, task: () => Promise<T>): Promise<T>;
  /** Runs `task` only if no one holds `name`; false when someone does. */
  ifFree(name: string, task: () => Promise<void>): Promise<boolean>;
}

const dbName = z.string().regex(/^[\w.-]{1,100}$/);
const record = z.object({ live: dbName, drop: z.array(dbName).max(50) }).strict();
type Record_ = z.output<typeof record>;

export interface DatabaseDirectory {
  /** The name the page opens. */
  live(): string;
  /** A new, empty database for a restore, on the drop list until `switchTo` makes it live. */
  stage(): { name: string; db: ZwDb };
  /** Makes `name` the live database in one write; the previous one goes on the drop list. */
  switchTo(name: string): void;
  /** Deletes a staged database that will not be used, and forgets it. */
  discard(name: string): Promise<void>;
  /** Deletes what is on the drop list and not in use by a restore in another tab. */
  dropLeftovers(): Promise<void>;
  locks: Locks;
}

const noLocks: Locks = { hold: (_name, task) => task(), ifFree: async (_name, task) => (await task(), true) };

/** Web Locks where the platform has them: a restore in one tab keeps another tab's start-up from dropping its staging database. */
export function webLocks(): Locks {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return noLocks;
  return {
    hold: (name, task) => locks.request(name, task),
    ifFree: (name, task) => locks.request(name, { ifAvailable: true }, async (lock) => (lock ? (await task(), true) : false)),
  };
}

export function databaseDirectory(
  store: KeyValueStore,
  deps: { open?: (name: string) => ZwDb; remove?: (name: string) => Promise<void>; now?: () => number; locks?: Locks } = {},
): DatabaseDirectory {
  const open = deps.open ?? ((name: string) => openDb(name));
  const remove = deps.remove ?? ((name: string) => Dexie.delete(name));
  const now = deps.now ?? Date.now;
  const locks = deps.locks ?? noLocks;

  const read = (): Record_ => {
    try {
      const parsed = record.safeParse(JSON.parse(store.getItem(DATABASES_KEY) ?? 'null'));
      if (parsed.success) return parsed.data;
    } catch {
      // Not JSON: treated as absent.
    }
    return { live: DB_NAME, drop: [] };
  };
  const write = (next: Record_) => store.setItem(DATABASES_KEY, JSON.stringify(next));
  const forget = (name: string) => {
    const current = read();
    write({ ...current, drop: current.drop.filter((n) => n !== name) });
  };
  let counter = 0;

  return {
    live: () => read().live,
    stage() {
      const current = read();
      counter += 1;
      const name = `zwledger-${now().toString(36)}${counter.toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
      write({ ...current, drop: [...current.drop.filter((n) => n !== name), name] });
      return { name, db: open(name) };
    },
    switchTo(name) {
      const current = read();
      if (current.live === name) return;
      write({ live: name, drop: [...current.drop.filter((n) => n !== name && n !== current.live), current.live] });
    },
    async discard(name) {
      if (read().live === name) return;
      await remove(name);
      forget(name);
    },
    async dropLeftovers() {
      for (const name of read().drop) {
        if (name === read().live) {
          forget(name);
          continue;
        }
        await locks.ifFree(name, async () => {
          await remove(name);
          forget(name);
        });
      }
    },
    locks,
  };
}
