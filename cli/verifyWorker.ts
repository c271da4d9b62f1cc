import { workerData } from 'node:worker_threads';
import { checkFile, type WorkerJob } from './checkFiles';
import { serve } from './workerPool';

/** One of `verify`'s worker threads: checks each file it is sent. */
const job = workerData as WorkerJob;
const keys = new Map(job.keys);
serve((file: string) => checkFile(file, keys, job.officeKeys, job.lang));
