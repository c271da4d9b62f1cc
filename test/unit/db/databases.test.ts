import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { databaseDirectory, DATABASES_KEY, type KeyValueStore, type Locks } from '../../../renderer/db/databases';
import { DB_NAME } from '../../../renderer/db/schema';

function memoryStore(initial?: string): KeyValueStore & { raw: () => string | undefined } {
  const map = new Map<string, string>(initial === undefined ? [] : [[DATABASES_KEY, initial]]);
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), raw: () => map.get(DATABASES_KEY) };
}

describe('which database is live', () => {
  it('is the default name when nothing, or something unreadable, is stored', () => {
    expect(databaseDirectory(memoryStore()).live()).toBe(DB_NAME);
    expect(databaseDirectory(memoryStore('{not json')).live()).toBe(DB_NAME);
    expect(databaseDirectory(memoryStore(JSON.stringify({ live: '../../etc', drop: [] }))).live()).toBe(DB_NAME);
    expect(databaseDirectory(memoryStore(JSON.stringify({ live: 'zwledger-abc', drop: [], extra: 1 }))).live()).toBe(DB_NAME);
  });

  it('a restore interrupted before its switch leaves the old database live and its own on the drop list, which the next start deletes', async () => {
    const store = memoryStore();
    const first = databaseDirectory(store);
    const staged = first.stage();
    await staged.db.open();
    await staged.db.meta.put({ key: 'half', value: true });
    staged.db.close();
    expect(first.live()).toBe(DB_NAME);
    expect(await Dexie.getDatabaseNames()).toContain(staged.name);

    // The page is closed mid-restore; the next start sweeps.
    const next = databaseDirectory(store);
    await next.dropLeftovers();
    expect(await Dexie.getDatabaseNames()).not.toContain(staged.name);
    expect(JSON.parse(store.raw()!)).toEqual({ live: DB_NAME, drop: [] });
  });

  it('switching is one write that makes the new database live and puts the old one on the drop list; a switched database is never discarded', async () => {
    const store = memoryStore();
    const directory = databaseDirectory(store);
    const a = directory.stage();
    const b = directory.stage();
    expect(a.name).not.toBe(b.name);
    directory.switchTo(a.name);
    expect(JSON.parse(store.raw()!)).toEqual({ live: a.name, drop: [b.name, DB_NAME] });
    await directory.discard(a.name);
    expect(directory.live()).toBe(a.name);
    await directory.discard(b.name);
    expect(JSON.parse(store.raw()!)).toEqual({ live: a.name, drop: [DB_NAME] });
  });

  it('the sweep leaves alone a database another tab is restoring into', async () => {
    const store = memoryStore();
    const held = new Set<string>();
    const locks: Locks = {
      hold: async (name, task) => {
        held.add(name);
        try {
          return await task();
        } finally {
          held.delete(name);
        }
      },
      ifFree: async (name, task) => (held.has(name) ? false : (await task(), true)),
    };
    const restoring = databaseDirectory(store, { locks });
    const staged = restoring.stage();
    await staged.db.open();
    await restoring.locks.hold(staged.name, async () => {
      await databaseDirectory(store, { locks }).dropLeftovers();
      expect(await Dexie.getDatabaseNames()).toContain(staged.name);
    });
    staged.db.close();
    await databaseDirectory(store, { locks }).dropLeftovers();
    expect(await Dexie.getDatabaseNames()).not.toContain(staged.name);
  });
});
