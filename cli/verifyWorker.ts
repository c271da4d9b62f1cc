import { parentPort, workerData } from 'node:worker_threads';
import { checkFile, type CheckedFile, type WorkerJob } from './checkFiles';

/** One of `verify`'s worker threads: checks its share of the files and sends the answers back in order. */
const job = workerData as WorkerJob;
const keys = new Map(job.keys);
const out: CheckedFile[] = [];
for (const file of job.files) out.push(await checkFile(file, keys, job.officeKeys, job.lang));
parentPort!.postMessage(out);
