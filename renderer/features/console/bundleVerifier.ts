import { readBundle, type KnownKey, type ReadResult } from '../../../shared/bundle/codec';
import { digest } from '../../../shared/bundle/suites';
import type { UnsealVerdict } from '../../../shared/bundle/verdicts';
import { toBase64 } from '../../../shared/encoding/base64';
import { mergePlan, type MergePlan } from '../../../shared/console/plan';

/** A bundle checked: for a valid one, what to merge; otherwise the verdict and why. */
export type Checked = { verdict: 'valid'; plan: MergePlan; hash: string; evidence: string } | Exclude<ReadResult, { verdict: 'valid' }> | { verdict: UnsealVerdict; detail: string; manifest?: undefined };

export interface VerifyRequest {
  id: number;
  bytes: Uint8Array;
  keys: [string, KnownKey][];
}

export interface VerifyResponse {
  id: number;
  checked: Checked;
}

export interface BundleVerifier {
  verify(bytes: Uint8Array, keys: [string, KnownKey][]): Promise<Checked>;
  close(): void;
}

/** Verification itself, the same in the worker and in this thread. */
export function checkBundle(bytes: Uint8Array, keys: [string, KnownKey][]): Checked {
  const known = new Map(keys);
  const read = readBundle(bytes, (keyId) => known.get(keyId));
  if (read.verdict !== 'valid') return read;
  return { verdict: 'valid', plan: mergePlan(read), hash: digest(read.manifest.suite, bytes), evidence: toBase64(bytes) };
}

/**
 * Verifies bundles in a worker, so that checking one bundle overlaps with
 * writing the one before it; in this thread where workers are not available.
 * The worker sends back only what is merged, not every entry, so the page's
 * share of the work stays small.
 */
export function createBundleVerifier(): BundleVerifier {
  let worker: Worker | null = null;
  try {
    worker = new Worker(new URL('./verifyWorker.ts', import.meta.url), { type: 'module' });
  } catch {
    worker = null;
  }
  if (!worker) return { verify: async (bytes, keys) => checkBundle(bytes, keys), close: () => undefined };
  const waiting = new Map<number, { bytes: Uint8Array; keys: [string, KnownKey][]; resolve: (r: Checked) => void }>();
  let next = 0;
  let broken = false;
  worker.addEventListener('message', (e: MessageEvent<VerifyResponse>) => {
    waiting.get(e.data.id)?.resolve(e.data.checked);
    waiting.delete(e.data.id);
  });
  // A worker that cannot start (a locked-down profile) must not leave files waiting: finish them here.
  worker.addEventListener('error', () => {
    broken = true;
    for (const [id, job] of waiting) {
      job.resolve(checkBundle(job.bytes, job.keys));
      waiting.delete(id);
    }
  });
  const w = worker;
  return {
    verify: (bytes, keys) =>
      new Promise((resolve) => {
        if (broken) return resolve(checkBundle(bytes, keys));
        const id = next++;
        waiting.set(id, { bytes, keys, resolve });
        w.postMessage({ id, bytes, keys } satisfies VerifyRequest);
      }),
    close: () => w.terminate(),
  };
}
