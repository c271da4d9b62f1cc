import Dexie from 'dexie';
import { ChainVerifier, type ChainVerdict } from '../../shared/changelog/chain';
import type { ZwDb } from './schema';

/** Walks the unit's whole change log from seq 1, streaming, and reports the first broken link. */
export async function verifyUnitChain(db: ZwDb, unitId: string): Promise<ChainVerdict> {
  const verifier = new ChainVerifier();
  await db.changelog
    .where('[unitId+seq]')
    .between([unitId, Dexie.minKey], [unitId, Dexie.maxKey])
    .until(() => !verifier.result().ok)
    .each((entry) => {
      verifier.push(entry);
    });
  return verifier.result();
}
