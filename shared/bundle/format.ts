import { z } from 'zod';
import { CHANGE_OPS } from '../changelog/chain';
import { LOGGED_TABLES } from '../changelog/tables';
import { CRYPTO_SUITES } from './suites';
import { attachedListSchema } from './attachedFiles';

/**
 * The export bundle (DESIGN.md, Export bundles): a zip with the manifest, the
 * unit key's signature over the manifest's exact bytes, and the change-log
 * entries fromSeq..toSeq, one canonical JSON object per line.
 */
export const BUNDLE_FORMAT = 'zwledger-bundle/1';
export const BUNDLE_FILES = { manifest: 'manifest.json', signature: 'manifest.sig', entries: 'entries.ndjson' } as const;

/**
 * Limits checked before anything is inflated: a bundle is untrusted input.
 * A unit's whole history of 50,000 devices and a decade of ledgers is well
 * inside them.
 */
export const BUNDLE_LIMITS = {
  fileBytes: 256 * 1024 * 1024,
  manifestBytes: 64 * 1024,
  signatureBytes: 1024,
  entriesBytes: 1024 * 1024 * 1024,
  /** Inflated over deflated: text compresses well, but not a thousandfold. */
  ratio: 200,
  entries: 5_000_000,
  entryBytes: 256 * 1024,
} as const;

const hash64 = z.string().regex(/^[0-9a-f]{64}$/);
const id = z.string().min(1).max(64);
const name = z.string().min(1).max(100);

export const manifestSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    unitId: id,
    unitName: name,
    unitCode: z.string().min(1).max(32),
    keyId: z.string().regex(/^[0-9a-f]{32}$/),
    suite: z.enum(CRYPTO_SUITES),
    fromSeq: z.number().int().min(1),
    toSeq: z.number().int().min(1),
    /** The chain hash at fromSeq - 1 (all zeros when fromSeq is 1). */
    prevHash: hash64,
    /** The chain hash at toSeq. */
    lastHash: hash64,
    counts: z.partialRecord(z.enum(LOGGED_TABLES), z.number().int().min(0)),
    createdAt: z.number().int().min(0),
    createdBy: z.object({ accountId: id, name: name }).strict(),
    /** The suite's hash of entries.ndjson's bytes. */
    entriesHash: z.string().regex(/^[0-9a-f]{64}$/),
    entriesBytes: z.number().int().min(0),
    /**
     * The attachment files the bundle carries, each a member named by its SM3
     * (attachedFiles.ts). Present only when the office's policy asks for them;
     * absent, the bundle is exactly as before.
     */
    files: attachedListSchema.optional(),
  })
  .strict()
  .refine((m) => m.toSeq >= m.fromSeq, { path: ['toSeq'], message: 'toSeq before fromSeq' });

export type Manifest = z.infer<typeof manifestSchema>;

export const entrySchema = z
  .object({
    unitId: id,
    seq: z.number().int().min(1),
    table: z.enum(LOGGED_TABLES),
    recordId: id,
    rev: z.number().int().min(1),
    op: z.enum(CHANGE_OPS),
    at: z.number().int().min(0),
    by: id,
    record: z.record(z.string().max(64), z.unknown()),
    prevHash: hash64,
    hash: hash64,
  })
  .strict();

/** Keys that must never reach an object of ours from untrusted JSON. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A parsed key can only be one of FORBIDDEN_KEYS if the text holds the name
 * as it is or spells some of it with a \u escape (letters and "_" have no
 * other escape). Text with neither, nearly every line of a bundle, needs no
 * walk; any other text is judged on its parsed keys, after unescaping.
 */
const MAYBE_FORBIDDEN = /__proto__|constructor|prototype|\\u/;

function forbiddenKey(value: unknown): string | undefined {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
      continue;
    }
    // JSON.parse makes "__proto__" an own property, so Object.keys sees it.
    for (const key of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(key)) return key;
      stack.push((v as Record<string, unknown>)[key]);
    }
  }
  return undefined;
}

/** JSON.parse that refuses prototype-polluting keys anywhere in the value. */
export function parseUntrustedJson(text: string): unknown {
  const value: unknown = JSON.parse(text);
  if (!MAYBE_FORBIDDEN.test(text)) return value;
  const key = forbiddenKey(value);
  if (key !== undefined) throw new Error(`forbidden key ${key}`);
  return value;
}
