import { BUNDLE_LIMITS } from '../../../shared/bundle/format';
import { enrolledKeyList, mergeVerified, type ImportOutcome } from '../../db/console';
import type { Actor } from '../../db/repository';
import type { ZwDb } from '../../db/schema';
import { createBundleVerifier } from './bundleVerifier';

export interface IncomingFile {
  name: string;
  size: number;
  bytes: () => Promise<Uint8Array>;
}

/**
 * Imports files one after another, each all or nothing, while the next one
 * is being verified: at most two bundles are in memory at any time, however
 * many files were chosen.
 */
export async function importMany(db: ZwDb, actor: Actor, files: readonly IncomingFile[], onEach: (outcome: ImportOutcome, index: number) => void): Promise<ImportOutcome[]> {
  const keys = await enrolledKeyList(db);
  const verifier = createBundleVerifier();
  const verify = async (file: IncomingFile) => {
    if (file.size > BUNDLE_LIMITS.fileBytes) return { read: { verdict: 'unreadable' as const, detail: `${file.size} bytes` }, hash: '', evidence: '' };
    try {
      return await verifier.verify(await file.bytes(), keys);
    } catch (e) {
      return { read: { verdict: 'unreadable' as const, detail: e instanceof Error ? e.message : String(e) }, hash: '', evidence: '' };
    }
  };
  const out: ImportOutcome[] = [];
  try {
    let pending = files.length > 0 ? verify(files[0]!) : null;
    for (let i = 0; i < files.length; i++) {
      const { read, hash, evidence } = await pending!;
      pending = i + 1 < files.length ? verify(files[i + 1]!) : null;
      const name = files[i]!.name;
      const outcome: ImportOutcome =
        read.verdict === 'valid'
          ? await mergeVerified(db, actor, { name, hash, evidence }, read)
          : { fileName: name, verdict: read.verdict, detail: read.detail, ...(read.manifest ? { manifest: read.manifest } : {}) };
      out.push(outcome);
      onEach(outcome, i);
    }
  } finally {
    verifier.close();
  }
  return out;
}
