import { strFromU8, zipSync } from 'fflate';
import { z } from 'zod';
import { yearCalendar } from '../calendar/calendar';
import { workSchedule } from '../calendar/schedule';
import { canonical } from '../changelog/canonical';
import { utf8 } from '../crypto/sm3';
import { UNIT_AREAS, UNIT_LEVELS } from '../domain/unit';
import { parseRange } from '../rules/ipRanges';
import { parseUntrustedJson } from './format';
import { CRYPTO_SUITES, fingerprint, isPublicKey, keyIdOf, verify, type CryptoSuite } from './suites';
import { unpackFiles } from './zip';
import { isSealPublicKey, sealKeyIdOf } from './seal';
import { checkRubric } from '../evaluation/check';
import { itemSchema, rubricSchema } from '../evaluation/rubric';
import { checkpointSchema } from './checkpoint';

/**
 * A policy bundle (DESIGN.md, Export bundles): what the information office
 * sends back to units — work calendar and schedule, the address ranges
 * assigned to each unit, the unit directory — signed by the office's key.
 * A unit trusts the office key on its first import, after the fingerprint is
 * shown, and from then on takes only policies signed by that key, each
 * newer than the last.
 */
export const POLICY_FORMAT = 'zwledger-policy/1';
export const POLICY_FILES = { policy: 'policy.json', signature: 'policy.sig' } as const;
const POLICY_BYTES = 4 * 1024 * 1024;

const code = z.string().regex(/^[A-Za-z0-9-]{2,32}$/);
const name = z.string().trim().min(1).max(100);

const points = z.number().finite().min(0).max(2000);

export const resultSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    group: z.enum(UNIT_LEVELS),
    unitCode: code,
    unitName: name,
    rubricVersion: z.number().int().min(1).max(1_000_000),
    total: points,
    place: z.number().int().min(1).max(5000),
    tied: z.boolean(),
    groupSize: z.number().int().min(1).max(5000),
    items: z
      .array(
        z
          .object({
            itemId: itemSchema.shape.id,
            status: z.enum(['scored', 'notApplicable', 'missing']),
            points,
            /** Why the evaluation group set the points, where it did. */
            reason: z.string().trim().max(200).optional(),
          })
          .strict(),
      )
      .max(600),
  })
  .strict();

export const sealKeySchema = z
  .object({ suite: z.enum(CRYPTO_SUITES), publicKey: z.string().max(200), keyId: z.string().regex(/^[0-9a-f]{32}$/), createdAt: z.number().int().positive() })
  .strict()
  .refine((k) => isSealPublicKey(k.suite, k.publicKey) && sealKeyIdOf(k.suite, k.publicKey) === k.keyId, { message: 'encryption key' });

export type PolicySealKey = z.infer<typeof sealKeySchema>;

/** The key a unit seals to: the newest the policy names. */
export function newestSealKey(policy: Pick<Policy, 'sealKeys'>): PolicySealKey | null {
  return policy.sealKeys?.at(-1) ?? null;
}

export const policySchema = z
  .object({
    format: z.literal(POLICY_FORMAT),
    issuer: z.object({ unitId: z.string().min(1).max(64), name, code, suite: z.enum(CRYPTO_SUITES), publicKey: z.string().max(200), keyId: z.string().regex(/^[0-9a-f]{32}$/) }).strict(),
    issuedAt: z.number().int().positive(),
    /** The suites the office accepts; units make (or rotate to) keys in the first. */
    acceptedSuites: z.array(z.enum(CRYPTO_SUITES)).min(1).max(CRYPTO_SUITES.length),
    calendar: z.array(yearCalendar).max(30),
    schedule: workSchedule.nullable(),
    ipRanges: z
      .array(z.object({ unitCode: code, unitName: name, ranges: z.array(z.string().max(40).refine((r) => parseRange(r).ok, 'range')).min(1).max(200) }).strict())
      .max(5000),
    directory: z.array(z.object({ unitCode: code, unitName: name, level: z.enum(UNIT_LEVELS), area: z.enum(UNIT_AREAS) }).strict()).max(5000),
    /** The year-end rubrics the office publishes (考核办法 三), at most one per group and year; absent: no change. */
    rubrics: z.array(rubricSchema).max(20).optional(),
    /** The year's final results (考核办法 五): each unit's total, place and every item's points, with the office's reasons. */
    results: z.array(resultSchema).max(5000).optional(),
    /** The office's encryption keys, oldest first: units seal their bundles to the last. Absent: bundles travel unsealed. */
    sealKeys: z.array(sealKeySchema).min(1).max(20).optional(),
    // Checkpoints back to units (issue 16): signed with the rest, so a forged one refuses the whole policy.
    /** What the office holds of each unit's chain, one per unit it has received from. Absent: an office that does not say. */
    checkpoints: z.array(checkpointSchema).max(5000).optional(),
    /**
     * Units send the attachment files their exported entries name with every
     * bundle (shared/bundle/attachedFiles.ts, capped per bundle there). Absent
     * or false: bundles carry the attachment records only, as before.
     */
    sendAttachments: z.boolean().optional(),
  })
  .strict()
  .refine((p) => isPublicKey(p.issuer.suite, p.issuer.publicKey) && keyIdOf(p.issuer.suite, p.issuer.publicKey) === p.issuer.keyId, { path: ['issuer'], message: 'issuer key' });

export type Policy = z.infer<typeof policySchema>;
export type PublishedResult = NonNullable<Policy['results']>[number];

/** The exact bytes the office key signs. */
export function policyBytes(policy: Policy): Uint8Array {
  return utf8(canonical(policy));
}

export function packPolicy(bytes: Uint8Array, signature: string): Uint8Array {
  const mtime = new Date(2000, 0, 1);
  return zipSync({ [POLICY_FILES.policy]: [bytes, { level: 6, mtime }], [POLICY_FILES.signature]: [utf8(signature), { level: 0, mtime }] });
}

/** The office key a unit trusts, kept from its first policy import. */
export interface TrustedOffice {
  keyId: string;
  suite: CryptoSuite;
  publicKey: string;
  name: string;
}

export type PolicyFailure = 'unreadable' | 'notPolicy' | 'badSignature' | 'otherIssuer' | 'older';

export type PolicyRead =
  | { ok: true; policy: Policy; fingerprint: string; firstUse: boolean }
  | { ok: false; failure: PolicyFailure; detail: string };

/**
 * Reads a policy bundle: the zip within limits, the signature of the issuer
 * it names over the exact bytes, and — once an office is trusted — that it
 * is that office and newer than the last policy taken. Never throws.
 */
export function readPolicy(bytes: Uint8Array, trusted: TrustedOffice | null, lastIssuedAt: number | null): PolicyRead {
  const files = unpackFiles(bytes, new Map([[POLICY_FILES.policy, POLICY_BYTES], [POLICY_FILES.signature, 1024]]), POLICY_BYTES);
  if (!files.ok) return { ok: false, failure: files.failure === 'notZip' || files.failure === 'missing' || files.failure === 'extra' ? 'notPolicy' : 'unreadable', detail: files.detail };
  const raw = files.files[POLICY_FILES.policy]!;
  let policy: Policy;
  try {
    const parsed = policySchema.safeParse(parseUntrustedJson(strFromU8(raw)));
    if (!parsed.success) return { ok: false, failure: 'notPolicy', detail: parsed.error.issues[0]?.path.join('.') ?? '' };
    policy = parsed.data;
  } catch (e) {
    return { ok: false, failure: 'notPolicy', detail: e instanceof Error ? e.message : String(e) };
  }
  // A signature says who sent the rubrics, not that they add up: each is checked as the office's editor checks it.
  for (const rubric of policy.rubrics ?? []) {
    const checked = checkRubric(rubric);
    if (!checked.ok) return { ok: false, failure: 'notPolicy', detail: `rubric ${rubric.group}/${rubric.year}: ${checked.problems[0]!.zh}` };
  }
  const slots = new Set((policy.rubrics ?? []).map((r) => `${r.group}/${r.year}`));
  if (slots.size !== (policy.rubrics ?? []).length) return { ok: false, failure: 'notPolicy', detail: 'rubric twice' };
  const results = new Set((policy.results ?? []).map((r) => `${r.year}/${r.unitCode}`));
  if (results.size !== (policy.results ?? []).length) return { ok: false, failure: 'notPolicy', detail: 'result twice' };
  const checkpointUnits = new Set((policy.checkpoints ?? []).map((c) => c.unitId));
  if (checkpointUnits.size !== (policy.checkpoints ?? []).length) return { ok: false, failure: 'notPolicy', detail: 'checkpoint twice' };
  const { issuer } = policy;
  if (!verify(issuer.suite, issuer.publicKey, raw, strFromU8(files.files[POLICY_FILES.signature]!).trim())) return { ok: false, failure: 'badSignature', detail: issuer.keyId };
  if (trusted && (trusted.keyId !== issuer.keyId || trusted.publicKey !== issuer.publicKey)) return { ok: false, failure: 'otherIssuer', detail: issuer.keyId };
  if (lastIssuedAt !== null && policy.issuedAt <= lastIssuedAt) return { ok: false, failure: 'older', detail: String(policy.issuedAt) };
  return { ok: true, policy, fingerprint: fingerprint(issuer.suite, issuer.publicKey), firstUse: trusted === null };
}
