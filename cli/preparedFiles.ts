import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { KnownKey } from '../shared/bundle/codec';
import type { SealKeyPair } from '../shared/bundle/seal';
import { prepareBundle, type Prepared } from '../main/services/pgStore/ingest';
import { openBundleFile } from './checkFiles';
import type { FileVerdict } from './commands';
import { MESSAGES, type Lang } from './messages';

/**
 * `ingest`'s reading, verifying and planning of each file (everything but
 * the database), spread over worker threads and handed back in the order
 * given, a few files ahead of the database: while PostgreSQL takes in one
 * file, the workers already verify the next ones.
 */
export type PreparedFile = { file: string; result: FileVerdict } | { file: string; prepared: Prepared };

export interface PrepareJob {
  keys: [string, KnownKey][];
  officeKeys: SealKeyPair[] | null;
  lang: Lang;
}

/** One file, in whichever thread runs it. */
export async function prepareFile(file: string, keys: ReadonlyMap<string, KnownKey>, officeKeys: SealKeyPair[] | null, lang: Lang): Promise<PreparedFile> {
  const opened = await openBundleFile(file, officeKeys, MESSAGES[lang]);
  if ('result' in opened) return { file, result: opened.result };
  return { file, prepared: prepareBundle({ name: basename(file), bytes: opened.bytes }, (id) => keys.get(id)) };
}

const HERE = dirname(fileURLToPath(import.meta.url));
/** The worker beside the built command line (out/cli), or run from source through tsx, so tests take the same path. */
function startWorker(job: PrepareJob): Worker {
  const built = join(HERE, 'prepareWorker.mjs');
  if (existsSync(built)) return new Worker(built, { workerData: job });
  // A worker thread does not inherit the parent's TypeScript loader: it registers tsx before loading the source.
  const tsx = import.meta.resolve('tsx/esm/api');
  const source = pathToFileURL(join(HERE, 'prepareWorker.ts')).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(source)}); });`, { eval: true, workerData: job });
}

export interface PrepareRequest {
  index: number;
  file: string;
}

export interface PrepareAnswer {
  index: number;
  answer: PreparedFile;
}

export async function* preparedFiles(files: readonly string[], job: PrepareJob, threads: number): AsyncGenerator<PreparedFile> {
  const n = Math.min(threads, files.length);
  if (n <= 1) {
    const keys = new Map(job.keys);
    for (const file of files) yield await prepareFile(file, keys, job.officeKeys, job.lang);
    return;
  }
  // Enough files in flight to keep every worker busy while the database works, few enough to bound the memory held.
  const ahead = n * 2;
  const answers = new Map<number, { resolve: (a: PreparedFile) => void; reject: (e: unknown) => void; promise: Promise<PreparedFile> }>();
  const workers = Array.from({ length: n }, () => startWorker(job));
  const failAll = (error: unknown) => {
    for (const a of answers.values()) a.reject(error);
  };
  for (const w of workers) {
    w.on('message', ({ index, answer }: PrepareAnswer) => answers.get(index)?.resolve(answer));
    w.on('error', failAll);
    w.on('exit', (code) => code !== 0 && failAll(new Error(`ingest worker exited with ${code}`)));
  }
  let sent = 0;
  const send = () => {
    for (; sent < files.length && answers.size < ahead; sent++) {
      let resolve!: (a: PreparedFile) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<PreparedFile>((res, rej) => ((resolve = res), (reject = rej)));
      // A rejection nobody awaits yet (a later file when a worker dies) must not end the process before it is reported.
      promise.catch(() => undefined);
      answers.set(sent, { resolve, reject, promise });
      workers[sent % n]!.postMessage({ index: sent, file: files[sent]! } satisfies PrepareRequest);
    }
  };
  try {
    for (let i = 0; i < files.length; i++) {
      send();
      const answer = await answers.get(i)!.promise;
      answers.delete(i);
      yield answer;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
