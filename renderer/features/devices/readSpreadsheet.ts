import { readXlsx, type XlsxCell, type XlsxFailure, type XlsxLimits, type XlsxRead } from '../../../shared/import/xlsx';

export interface SpreadsheetRequest {
  bytes: ArrayBuffer;
  limits: XlsxLimits;
}
export type SpreadsheetResponse = XlsxRead;

/** What can go wrong besides the file itself: the read took too long, the worker died (out of memory), or the drawer was closed. */
export type SpreadsheetFailure = XlsxFailure | 'timeout' | 'failed' | 'aborted';
export type SpreadsheetRead = { ok: true; rows: XlsxCell[][] } | { ok: false; failure: SpreadsheetFailure; detail: string };

/** A 20,000-row sheet reads in about a second; a read still going after this is not going to finish. */
export const READ_TIMEOUT_MS = 60_000;

const failedEarly = new WeakSet<Worker>();

/**
 * A reader's worker started ahead of the file, so that loading and compiling
 * its module happens while the user is still choosing: the drawer starts one
 * when it opens. Null where workers do not exist.
 */
export function startSpreadsheetWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  const worker = new Worker(new URL('./xlsxWorker.ts', import.meta.url), { type: 'module' });
  // A worker that failed before it was given a file would otherwise leave the read waiting for the timeout.
  worker.addEventListener('error', () => failedEarly.add(worker), { once: true });
  return worker;
}

/**
 * Reads the first sheet of an .xlsx in a worker of its own, ended when it
 * answers, fails or runs out of time, so every read settles — with the rows
 * or with a failure the drawer can explain — and the next one starts clean.
 * Where workers do not exist (unit tests) it reads in this thread. A
 * worker from startSpreadsheetWorker is used once, like one started here.
 */
export async function readSpreadsheet(file: Blob, limits: XlsxLimits, options: { timeoutMs?: number; signal?: AbortSignal; worker?: Worker | null } = {}): Promise<SpreadsheetRead> {
  const timeoutMs = options.timeoutMs ?? READ_TIMEOUT_MS;
  let started = options.worker ?? null;
  if (started && failedEarly.has(started)) {
    started.terminate();
    started = null;
  }
  const bytes = await file.arrayBuffer();
  const worker = started ?? startSpreadsheetWorker();
  if (!worker) return readXlsx(new Uint8Array(bytes), limits);
  return new Promise<SpreadsheetRead>((resolve) => {
    const finish = (result: SpreadsheetRead) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, failure: 'timeout', detail: `${timeoutMs} ms` }), timeoutMs);
    options.signal?.addEventListener('abort', () => finish({ ok: false, failure: 'aborted', detail: 'aborted' }));
    worker.addEventListener('message', (e: MessageEvent<SpreadsheetResponse>) => finish(e.data));
    worker.addEventListener('error', (e) => finish({ ok: false, failure: 'failed', detail: e.message || 'worker error' }));
    worker.addEventListener('messageerror', () => finish({ ok: false, failure: 'failed', detail: 'message error' }));
    worker.postMessage({ bytes, limits } satisfies SpreadsheetRequest, [bytes]);
  });
}
