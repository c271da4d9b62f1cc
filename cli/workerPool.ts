import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parentPort, Worker } from 'node:worker_threads';

/**
 * The command line's worker threads: files handed out a few at a time to
 * whichever thread is free next in turn, and the answers given back in the
 * order the files were named. `verify` and `ingest` both read and verify
 * their files this way, so a province's files never sit in memory at once
 * and the order of the answers never depends on which thread was quicker.
 */

interface PoolRequest<T> {
  index: number;
  item: T;
}

interface PoolAnswer<A> {
  index: number;
  answer: A;
}

const HERE = dirname(fileURLToPath(import.meta.url));

/** A worker beside the built command line (out/cli), or its source run through tsx, so tests take the same path. */
export function startCliWorker(name: 'verifyWorker' | 'prepareWorker', workerData: unknown): Worker {
  const built = join(HERE, `${name}.mjs`);
  if (existsSync(built)) return new Worker(built, { workerData });
  // A worker thread does not inherit the parent's TypeScript loader: it registers tsx before loading the source.
  const tsx = import.meta.resolve('tsx/esm/api');
  const source = pathToFileURL(join(HERE, `${name}.ts`)).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(source)}); });`, { eval: true, workerData });
}

/**
 * Each item's answer, in order. With one thread (or one item) the work runs
 * here; otherwise in `threads` workers, with twice as many items in flight:
 * enough to keep every worker busy while the caller works on an answer,
 * few enough to bound the memory held.
 */
export async function* inOrder<T, A>(items: readonly T[], threads: number, here: (item: T) => Promise<A>, start: () => Worker): AsyncGenerator<A> {
  const n = Math.min(threads, items.length);
  if (n <= 1) {
    for (const item of items) yield await here(item);
    return;
  }
  const ahead = n * 2;
  const waiting = new Map<number, { resolve: (a: A) => void; reject: (e: unknown) => void; promise: Promise<A> }>();
  const workers = Array.from({ length: n }, start);
  const failAll = (error: unknown) => {
    for (const w of waiting.values()) w.reject(error);
  };
  for (const w of workers) {
    w.on('message', ({ index, answer }: PoolAnswer<A>) => waiting.get(index)?.resolve(answer));
    w.on('error', failAll);
    w.on('exit', (code) => code !== 0 && failAll(new Error(`worker thread exited with ${code}`)));
  }
  let sent = 0;
  const send = () => {
    for (; sent < items.length && waiting.size < ahead; sent++) {
      let resolve!: (a: A) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<A>((res, rej) => ((resolve = res), (reject = rej)));
      // A rejection nobody awaits yet (a later file when a worker dies) must not end the process before it is reported.
      promise.catch(() => undefined);
      waiting.set(sent, { resolve, reject, promise });
      workers[sent % n]!.postMessage({ index: sent, item: items[sent]! } satisfies PoolRequest<T>);
    }
  };
  try {
    for (let i = 0; i < items.length; i++) {
      send();
      const answer = await waiting.get(i)!.promise;
      waiting.delete(i);
      yield answer;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The worker's side: answers each item it is sent; `transfer` names buffers to hand back without copying. */
export function serve<T, A>(answer: (item: T) => Promise<A>, transfer: (a: A) => ArrayBuffer[] = () => []): void {
  parentPort!.on('message', async ({ index, item }: PoolRequest<T>) => {
    const a = await answer(item);
    parentPort!.postMessage({ index, answer: a } satisfies PoolAnswer<A>, transfer(a));
  });
}
