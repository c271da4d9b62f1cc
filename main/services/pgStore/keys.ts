import type { Pool, PoolClient } from 'pg';
import type { KeyLookup, KnownKey } from '../../../shared/bundle/codec';
import { rotationSignedBy, type Enrolment } from '../../../shared/bundle/enrolment';
import { fingerprint, type CryptoSuite } from '../../../shared/bundle/suites';
import type { KeyIdentity } from '../../../shared/console/coverage';
import type { EnrolledKeyRow } from '../../../shared/ipc/contract.pg';

/**
 * Enrolled unit keys in PostgreSQL: the same review as the console's key
 * page (shared/bundle/enrolment.ts decides what is a rotation), enrolment in
 * one transaction, revocation that keeps the key with its reason.
 */

export type EnrolmentStanding = 'new' | 'rotation' | 'already' | 'revoked';

export interface EnrolmentReview {
  enrolment: Enrolment;
  fingerprint: string;
  standing: EnrolmentStanding;
  /** The key this one rotates from, when the unit's enrolled key signed it. */
  rotatedFrom: string | null;
}

interface KeyRow {
  key_id: string;
  unit_id: string;
  unit_name: string;
  unit_code: string;
  suite: CryptoSuite;
  public_key: string;
  fingerprint: string;
  rotated_from: string | null;
  enrolled_at: string;
  enrolled_by: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revoked_reason: string | null;
}

export async function reviewEnrolments(pool: Pool, enrolments: readonly Enrolment[]): Promise<EnrolmentReview[]> {
  const units = [...new Set(enrolments.map((e) => e.unitId))];
  const rows = (await pool.query<KeyRow>('select key_id, unit_id, suite, public_key, revoked_at from enrolled_keys where unit_id = any($1)', [units])).rows;
  return enrolments.map((enrolment) => {
    const already = rows.find((k) => k.key_id === enrolment.keyId);
    const previous = enrolment.rotation ? rows.find((k) => k.key_id === enrolment.rotation!.previousKeyId && k.revoked_at === null) : undefined;
    const rotation = previous && rotationSignedBy(enrolment, { suite: previous.suite, publicKey: previous.public_key, keyId: previous.key_id, unitId: previous.unit_id }) ? previous.key_id : null;
    const standing: EnrolmentStanding = already ? (already.revoked_at === null ? 'already' : 'revoked') : rotation ? 'rotation' : 'new';
    return { enrolment, fingerprint: fingerprint(enrolment.suite, enrolment.publicKey), standing, rotatedFrom: rotation };
  });
}

/** Enrols the reviewed new keys and rotations in one transaction; a key enrolled meanwhile by another auditor is left as it is. Returns the key ids written. */
export async function enrolKeys(pool: Pool, reviews: readonly EnrolmentReview[], by: string, now: number = Date.now()): Promise<string[]> {
  const fresh = reviews.filter((r) => r.standing === 'new' || r.standing === 'rotation');
  const client = await pool.connect();
  try {
    await client.query('begin');
    const written: string[] = [];
    for (const r of fresh) {
      const e = r.enrolment;
      const result = await client.query(
        `insert into enrolled_keys (key_id, unit_id, unit_name, unit_code, suite, public_key, fingerprint, rotated_from, enrolled_at, enrolled_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict (key_id) do nothing`,
        [e.keyId, e.unitId, e.unitName, e.unitCode, e.suite, e.publicKey, r.fingerprint, r.rotatedFrom, now, by],
      );
      if (result.rowCount === 1) written.push(e.keyId);
    }
    await client.query('commit');
    return written;
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

export type RevokeResult = 'revoked' | 'unknown' | 'alreadyRevoked' | 'reason';

/** The console's rule: a reason of at least two characters, kept to 200. */
export async function revokeKey(pool: Pool, keyId: string, reason: string, by: string, now: number = Date.now()): Promise<RevokeResult> {
  const text = reason.trim();
  if (text.length < 2) return 'reason';
  const r = await pool.query('update enrolled_keys set revoked_at = $2, revoked_by = $3, revoked_reason = $4 where key_id = $1 and revoked_at is null', [keyId, now, by, text.slice(0, 200)]);
  if (r.rowCount === 1) return 'revoked';
  const known = await pool.query('select 1 from enrolled_keys where key_id = $1', [keyId]);
  return known.rowCount === 1 ? 'alreadyRevoked' : 'unknown';
}

/** Every enrolled key, for verifying bundles against the database's enrolment. */
export async function keyLookupFromDb(pool: Pool): Promise<KeyLookup> {
  const keys = await enrolledKeys(pool);
  return (keyId) => keys.get(keyId);
}

/** The same keys as a map, to hand to the threads that verify. */
export async function enrolledKeys(pool: Pool): Promise<Map<string, KnownKey>> {
  const rows = (await pool.query<KeyRow>('select key_id, unit_id, suite, public_key, revoked_at from enrolled_keys')).rows;
  return new Map<string, KnownKey>(rows.map((k) => [k.key_id, { unitId: k.unit_id, suite: k.suite, publicKey: k.public_key, revoked: k.revoked_at !== null }]));
}

/** The keys as the identity rule (shared/console/coverage.ts) needs them; a client too, to read them in a snapshot. */
export async function keyIdentities(pool: Pool | PoolClient): Promise<KeyIdentity[]> {
  const rows = (await pool.query<KeyRow>('select unit_id, unit_name, unit_code, enrolled_at, revoked_at from enrolled_keys')).rows;
  return rows.map((k) => ({ unitId: k.unit_id, unitName: k.unit_name, unitCode: k.unit_code, enrolledAt: Number(k.enrolled_at), revokedAt: k.revoked_at === null ? null : Number(k.revoked_at) }));
}

/** Every enrolled key, revoked ones too, as the keys page lists them. */
export async function enrolledKeyRows(pool: Pool): Promise<EnrolledKeyRow[]> {
  const rows = (await pool.query<KeyRow>('select * from enrolled_keys order by unit_code, enrolled_at desc')).rows;
  return rows.map((k) => ({
    keyId: k.key_id,
    unitId: k.unit_id,
    unitName: k.unit_name,
    unitCode: k.unit_code,
    suite: k.suite,
    publicKey: k.public_key,
    fingerprint: k.fingerprint,
    rotatedFrom: k.rotated_from,
    enrolledAt: Number(k.enrolled_at),
    enrolledBy: k.enrolled_by,
    revokedAt: k.revoked_at === null ? null : Number(k.revoked_at),
    revokedBy: k.revoked_by,
    revokedReason: k.revoked_reason,
  }));
}
