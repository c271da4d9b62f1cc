import { parentPort, workerData } from 'node:worker_threads';
import { prepareFile, type PrepareAnswer, type PrepareJob, type PrepareRequest } from './preparedFiles';

/** One of `ingest`'s worker threads: prepares each file it is sent and hands the bytes back without copying them. */
const job = workerData as PrepareJob;
const keys = new Map(job.keys);
parentPort!.on('message', async ({ index, file }: PrepareRequest) => {
  const answer = await prepareFile(file, keys, job.officeKeys, job.lang);
  const bytes = 'prepared' in answer && answer.prepared.ok ? answer.prepared.bundle.bytes : null;
  const whole = bytes !== null && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  parentPort!.postMessage({ index, answer } satisfies PrepareAnswer, whole ? [bytes.buffer as ArrayBuffer] : []);
});
