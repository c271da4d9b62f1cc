import { workerData } from 'node:worker_threads';
import type { WorkerJob } from './checkFiles';
import { prepareFile } from './preparedFiles';
import { serve } from './workerPool';

/** One of `ingest`'s worker threads: prepares each file it is sent and hands the bytes back without copying them. */
const job = workerData as WorkerJob;
const keys = new Map(job.keys);
serve(
  (file: string) => prepareFile(file, keys, job.officeKeys, job.lang),
  (answer) => {
    const bytes = 'prepared' in answer && answer.prepared.ok ? answer.prepared.bundle.bytes : null;
    const whole = bytes !== null && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
    return whole ? [bytes.buffer as ArrayBuffer] : [];
  },
);
