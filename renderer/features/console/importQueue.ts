import { BUNDLE_LIMITS } from '../../../shared/bundle/format';
import { enrolledKeyList, mergeVerified, type ImportOutcome } from '../../db/console';
import type { Actor } from '../../db/repository';
import type { ZwDb } from '../../db/schema';
import { createBundleVerifier, type Checked } from './bundleVerifier';
import { unsealBundle, type Opener } from './unsealBundle';

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
export async function importMany(db: ZwDb, actor: Actor, files: readonly IncomingFile[], onEach: (outcome: ImportOutcome, index: number) => void, opener?: Opener): Promise<ImportOutcome[]> {
  const keys = await enrolledKeyList(db);
  const verifier = createBundleVerifier();
  const verify = async (file: IncomingFile): Promise<Checked> => {
    if (file.size > BUNDLE_LIMITS.fileBytes) return { verdict: 'unreadable', detail: `${file.size} bytes` };
    try {
      const bytes = await file.bytes();
      // A sealed file is opened in main first; what it carries is then verified like any bundle.
      const opened = await unsealBundle(bytes, opener);
      if (!opened.ok) return { verdict: opened.verdict, detail: opened.detail };
      return await verifier.verify(opened.bytes, keys);
    } catch (e) {
      return { verdict: 'unreadable', detail: e instanceof Error ? e.message : String(e) };
    }
  };
  const out: ImportOutcome[] = [];
  try {
    let pending = files.length > 0 ? verify(files[0]!) : null;
    for (let i = 0; i < files.length; i++) {
      const checked = await pending!;
      pending = i + 1 < files.length ? verify(files[i + 1]!) : null;
      const name = files[i]!.name;
      const outcome: ImportOutcome =
        checked.verdict === 'valid'
          ? await mergeVerified(db, actor, { name, hash: checked.hash, evidence: checked.evidence }, checked.plan)
          : { fileName: name, verdict: checked.verdict, detail: checked.detail, ...(checked.manifest ? { manifest: checked.manifest } : {}) };
      out.push(outcome);
      onEach(outcome, i);
    }
  } finally {
    verifier.close();
  }
  return out;
}
