import { z } from 'zod';
import { canonical } from '../changelog/canonical';
import { utf8 } from '../crypto/sm3';
import { parseUntrustedJson } from './format';
import { CRYPTO_SUITES, isPublicKey, keyIdOf, sign, verify, type CryptoSuite, type KeyPair } from './suites';

/**
 * The file a unit gives the office to enrol its public key. The office trusts
 * it after comparing the fingerprint with the one read out by phone. A
 * rotated key carries the old key's signature over the new key's facts; any
 * other new key needs the office's approval again.
 */
export const ENROLMENT_FORMAT = 'zwledger-enrolment/1';

const rotationFacts = (e: Pick<Enrolment, 'unitId' | 'suite' | 'publicKey' | 'keyId'>, previousKeyId: string) =>
  utf8(canonical({ format: ENROLMENT_FORMAT, unitId: e.unitId, suite: e.suite, publicKey: e.publicKey, keyId: e.keyId, previousKeyId }));

export const enrolmentSchema = z
  .object({
    format: z.literal(ENROLMENT_FORMAT),
    unitId: z.string().min(1).max(64),
    unitName: z.string().min(1).max(100),
    unitCode: z.string().min(1).max(32),
    suite: z.enum(CRYPTO_SUITES),
    publicKey: z.string().max(200),
    keyId: z.string().regex(/^[0-9a-f]{32}$/),
    createdAt: z.number().int().min(0),
    rotation: z.object({ previousKeyId: z.string().regex(/^[0-9a-f]{32}$/), signature: z.string().regex(/^[0-9a-f]{2,512}$/) }).strict().nullable(),
  })
  .strict()
  .refine((e) => isPublicKey(e.suite, e.publicKey), { path: ['publicKey'], message: 'not a public key of the suite' })
  .refine((e) => keyIdOf(e.suite, e.publicKey) === e.keyId, { path: ['keyId'], message: 'key id does not match the public key' });

export type Enrolment = z.infer<typeof enrolmentSchema>;

export function makeEnrolment(
  unit: { id: string; name: string; code: string },
  key: Pick<KeyPair, 'suite' | 'publicKey'>,
  createdAt: number,
  previous?: { keyId: string; suite: CryptoSuite; privateKey: string },
): Enrolment {
  const facts = { unitId: unit.id, suite: key.suite, publicKey: key.publicKey, keyId: keyIdOf(key.suite, key.publicKey) };
  return {
    format: ENROLMENT_FORMAT,
    unitName: unit.name,
    unitCode: unit.code,
    ...facts,
    createdAt,
    rotation: previous ? { previousKeyId: previous.keyId, signature: sign(previous.suite, previous.privateKey, rotationFacts(facts, previous.keyId)) } : null,
  };
}

/** A refusal says whether the text was not JSON at all or which field was wrong, for the screen's words. */
export type EnrolmentParse = { ok: true; enrolment: Enrolment } | { ok: false; reason: 'notJson' | 'field'; field: string; detail: string };

export function parseEnrolment(text: string): EnrolmentParse {
  let json: unknown;
  try {
    json = parseUntrustedJson(text);
  } catch (e) {
    return { ok: false, reason: 'notJson', field: '', detail: e instanceof Error ? e.message : String(e) };
  }
  const parsed = enrolmentSchema.safeParse(json);
  if (parsed.success) return { ok: true, enrolment: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  return { ok: false, reason: 'field', field, detail: `${field}: ${issue?.message ?? ''}` };
}

/** Whether a rotated key's enrolment is signed by the key it replaces. */
export function rotationSignedBy(enrolment: Enrolment, previous: { suite: CryptoSuite; publicKey: string; keyId: string; unitId: string }): boolean {
  const r = enrolment.rotation;
  if (!r || r.previousKeyId !== previous.keyId || previous.unitId !== enrolment.unitId) return false;
  return verify(previous.suite, previous.publicKey, rotationFacts(enrolment, r.previousKeyId), r.signature);
}
