import { readBundle, type KnownKey, type ReadResult } from '../../../shared/bundle/codec';
import { digest } from '../../../shared/bundle/suites';
import { toBase64 } from '../../app/files';

export interface VerifyRequest {
  id: number;
  bytes: Uint8Array;
  keys: [string, KnownKey][];
}

export interface VerifyResponse {
  id: number;
  read: ReadResult;
  /** The file's hash and base64, for a valid bundle only. */
  hash: string;
  evidence: string;
}

export interface BundleVerifier {
  verify(bytes: Uint8Array, keys: [string, KnownKey][]): Promise<Omit<VerifyResponse, 'id'>>;
  close(): void;
}

function inThread(bytes: Uint8Array, keys: [string, KnownKey][]): Omit<VerifyResponse, 'id'> {
  const known = new Map(keys);
  const read = readBundle(bytes, (keyId) => known.get(keyId));
  const valid = read.verdict === 'valid';
  return { read, hash: valid ? digest(read.manifest.suite, bytes) : '', evidence: valid ? toBase64(bytes) : '' };
}

/**
 * Verifies bundles in a worker, so that checking one bundle overlaps with
 * writing the one before it; in this thread where workers are not available.
 */
export function createBundleVerifier(): BundleVerifier {
  let worker: Worker | null = null;
  try {
    worker = new Worker(new URL('./verifyWorker.ts', import.meta.url), { type: 'module' });
  } catch {
    worker = null;
  }
  if (!worker) return { verify: async (bytes, keys) => inThread(bytes, keys), close: () => undefined };
  const waiting = new Map<number, { bytes: Uint8Array; keys: [string, KnownKey][]; resolve: (r: Omit<VerifyResponse, 'id'>) => void }>();
  let next = 0;
  let broken = false;
  worker.addEventListener('message', (e: MessageEvent<VerifyResponse>) => {
    const { id, ...rest } = e.data;
    waiting.get(id)?.resolve(rest);
    waiting.delete(id);
  });
  // A worker that cannot start (a locked-down profile) must not leave files waiting: finish them here.
  worker.addEventListener('error', () => {
    broken = true;
    for (const [id, job] of waiting) {
      job.resolve(inThread(job.bytes, job.keys));
      waiting.delete(id);
    }
  });
  const w = worker;
  return {
    verify: (bytes, keys) =>
      new Promise((resolve) => {
        if (broken) return resolve(inThread(bytes, keys));
        const id = next++;
        waiting.set(id, { bytes, keys, resolve });
        w.postMessage({ id, bytes, keys } satisfies VerifyRequest);
      }),
    close: () => w.terminate(),
  };
}
