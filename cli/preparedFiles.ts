import { basename } from 'node:path';
import type { KnownKey } from '../shared/bundle/codec';
import type { SealKeyPair } from '../shared/bundle/seal';
import { prepareBundle, type Prepared } from '../main/services/pgStore/ingest';
import { openBundleFile, type WorkerJob } from './checkFiles';
import type { FileVerdict } from './commands';
import { MESSAGES, type Lang } from './messages';
import { inOrder, startCliWorker } from './workerPool';

/**
 * `ingest`'s reading, verifying and planning of each file (everything but
 * the database), spread over worker threads and handed back in the order
 * given, a few files ahead of the database: while PostgreSQL takes in one
 * file, the workers already verify the next ones.
 */
export type PreparedFile = { file: string; result: FileVerdict } | { file: string; prepared: Prepared };

/** One file, in whichever thread runs it. */
export async function prepareFile(file: string, keys: ReadonlyMap<string, KnownKey>, officeKeys: SealKeyPair[] | null, lang: Lang): Promise<PreparedFile> {
  const opened = await openBundleFile(file, officeKeys, MESSAGES[lang]);
  if ('result' in opened) return { file, result: opened.result };
  return { file, prepared: prepareBundle({ name: basename(file), bytes: opened.bytes }, (id) => keys.get(id)) };
}

/** `ingest`'s files prepared in worker threads (cli/workerPool.ts), in the order given. */
export function preparedFiles(files: readonly string[], job: WorkerJob, threads: number): AsyncGenerator<PreparedFile> {
  const keys = new Map(job.keys);
  return inOrder(files, threads, (file) => prepareFile(file, keys, job.officeKeys, job.lang), () => startCliWorker('prepareWorker', job));
}
