import Dexie from 'dexie';
import { ChainVerifier, type ChainVerdict } from '../../shared/changelog/chain';
import type { ZwDb } from './schema';

/**
 * Walks the unit's whole change log from seq 1, one commit row at a time, and
 * reports the first broken link. A commit row whose summary (first and last
 * seq, last hash) disagrees with its entries is a break too.
 */
export async function verifyUnitChain(db: ZwDb, unitId: string): Promise<ChainVerdict> {
  const verifier = new ChainVerifier();
  await db.changelog
    .where('[unitId+seq]')
    .between([unitId, Dexie.minKey], [unitId, Dexie.maxKey])
    .until(() => !verifier.ok)
    .each((commit) => {
      for (const entry of commit.entries) if (!verifier.pushSealed(entry)) return;
      const verdict = verifier.result();
      const first = commit.entries[0];
      if (verdict.ok && (first?.seq !== commit.seq || verdict.lastSeq !== commit.lastSeq || verdict.lastHash !== commit.lastHash)) {
        verifier.fail(commit.seq, 'sequence');
      }
    });
  return verifier.result();
}
