import { strFromU8 } from 'fflate';
import { ChainVerifier, GENESIS_HASH, type SealedEntry, type UnhashedEntry } from '../changelog/chain';
import type { LoggedTable } from '../changelog/tables';
import { utf8 } from '../crypto/sm3';
import { canonical } from '../changelog/canonical';
import { BUNDLE_FILES, BUNDLE_FORMAT, BUNDLE_LIMITS, entrySchema, manifestSchema, parseUntrustedJson, type Manifest } from './format';
import { CRYPTO_SUITES, digest, sign, verify, type CryptoSuite } from './suites';
import type { Verdict } from './verdicts';
import { attachedProblemText, judgeAttachedFiles, referencedFiles } from './attachedFiles';
import { indexBundle, inflateMember, packBundle, type UnpackFailure, type ZipMember } from './zip';

/** The private half of a unit key, as the main process holds it while signing. */
export interface SigningKey {
  suite: CryptoSuite;
  keyId: string;
  privateKey: string;
}

export interface BundleSource {
  unit: { id: string; name: string; code: string };
  createdBy: { accountId: string; name: string };
  createdAt: number;
  /** The chain hash before the first entry. */
  prevHash: string;
  /** Contiguous entries of the unit's chain, as stored: the exact bytes that were hashed. */
  entries: readonly SealedEntry[];
  /**
   * The attachment files the entries name, by SM3, when the office's policy
   * asks for them (even none: the manifest then says the unit sends files).
   * Absent: the bundle carries no files and lists none.
   */
  files?: ReadonlyMap<string, Uint8Array>;
}

// One line per entry: {"entry":<the stored canonical bytes>,"hash":"<hex>"}. The
// line is itself canonical JSON, and the verifier hashes the entry's bytes as
// they stand in the file, never a re-encoding of them.
const LINE_HEAD = '{"entry":';
const unhashedEntrySchema = entrySchema.omit({ hash: true });
const LINE_TAIL_LENGTH = ',"hash":"'.length + 64 + '"}'.length;

export function entryLine(sealed: Pick<SealedEntry, 'body' | 'hash'>): string {
  return `${LINE_HEAD}${sealed.body},"hash":"${sealed.hash}"}`;
}

export interface WrittenBundle {
  bytes: Uint8Array;
  manifest: Manifest;
  /** The suite's hash of the whole file: what the copy-filing record names. */
  fileHash: string;
}

/** A bundle ready to sign: the manifest's exact bytes are what the unit key signs. */
export interface PreparedBundle {
  manifest: Manifest;
  manifestBytes: Uint8Array;
  entryBytes: Uint8Array;
  files: ReadonlyMap<string, Uint8Array>;
}

export function prepareBundle(source: BundleSource, key: Pick<SigningKey, 'suite' | 'keyId'>): PreparedBundle {
  const { entries } = source;
  if (entries.length === 0) throw new Error('a bundle holds at least one entry');
  const counts: Partial<Record<LoggedTable, number>> = {};
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (i > 0 && e.seq !== entries[i - 1]!.seq + 1) throw new Error(`entries are not contiguous at seq ${e.seq}`);
    counts[e.table as LoggedTable] = (counts[e.table as LoggedTable] ?? 0) + 1;
  }
  const entryBytes = utf8(entries.map((e) => entryLine(e) + '\n').join(''));
  const manifest: Manifest = {
    format: BUNDLE_FORMAT,
    unitId: source.unit.id,
    unitName: source.unit.name,
    unitCode: source.unit.code,
    keyId: key.keyId,
    suite: key.suite,
    fromSeq: entries[0]!.seq,
    toSeq: entries[entries.length - 1]!.seq,
    prevHash: source.prevHash,
    lastHash: entries[entries.length - 1]!.hash,
    counts,
    createdAt: source.createdAt,
    createdBy: source.createdBy,
    entriesHash: digest(key.suite, entryBytes),
    entriesBytes: entryBytes.length,
    ...(source.files ? { files: [...source.files].map(([sm3, bytes]) => ({ sm3, size: bytes.length })).sort((a, b) => (a.sm3 < b.sm3 ? -1 : 1)) } : {}),
  };
  return { manifest, manifestBytes: utf8(canonical(manifest)), entryBytes, files: source.files ?? new Map() };
}

/** The bundle file, once the unit key has signed the manifest (in main, for the app). */
export function assembleBundle(prepared: PreparedBundle, signature: string): WrittenBundle {
  const bytes = packBundle(prepared.manifestBytes, utf8(signature), prepared.entryBytes, prepared.files);
  return { bytes, manifest: prepared.manifest, fileHash: digest(prepared.manifest.suite, bytes) };
}

/** Prepare, sign and assemble in one place: for the command line's fixtures and for tests. */
export function writeBundle(source: BundleSource, key: SigningKey): WrittenBundle {
  const prepared = prepareBundle(source, key);
  return assembleBundle(prepared, sign(key.suite, key.privateKey, prepared.manifestBytes));
}

/** What the reader knows of a key id: the enrolled unit key, and whether the office revoked it. */
export interface KnownKey {
  unitId: string;
  suite: CryptoSuite;
  publicKey: string;
  revoked: boolean;
}

export type KeyLookup = (keyId: string) => KnownKey | undefined;

export type ReadVerdict = Extract<Verdict, 'valid' | 'unknownKey' | 'revokedKey' | 'badSignature' | 'altered' | 'unreadable' | 'notBundle' | 'badAttachment'>;

export interface VerifiedEntry {
  entry: UnhashedEntry;
  hash: string;
}

export type ReadResult =
  | { verdict: 'valid'; manifest: Manifest; entries: VerifiedEntry[]; /** The attachment files carried, by SM3, each judged (attachedFiles.ts). */ files: Map<string, Uint8Array> }
  | { verdict: Exclude<ReadVerdict, 'valid'>; detail: string; manifest?: Manifest };

function looseManifest(bytes: Uint8Array): { keyId: string; suite: CryptoSuite } | null {
  try {
    const value = parseUntrustedJson(strFromU8(bytes));
    if (typeof value !== 'object' || value === null) return null;
    const { keyId, suite } = value as Record<string, unknown>;
    if (typeof keyId !== 'string' || !(CRYPTO_SUITES as readonly unknown[]).includes(suite)) return null;
    return { keyId, suite: suite as CryptoSuite };
  } catch {
    return null;
  }
}

/** A zip that would not open: no bundle at all, a file too many, or one that cannot be read. */
function unopened(refusal: { failure: UnpackFailure; detail: string }, manifest?: Manifest): ReadResult {
  const verdict = refusal.failure === 'notZip' || refusal.failure === 'missing' ? 'notBundle' : refusal.failure === 'extra' ? 'altered' : 'unreadable';
  return { verdict, detail: refusal.detail, ...(manifest ? { manifest } : {}) };
}

/**
 * Reads and verifies one bundle, trusting nothing in it until checked: the
 * zip's directory (sizes, before anything is inflated), then the small
 * manifest and signature alone, the key (enrolled, not revoked, of the same
 * unit) and the signature over the manifest's exact bytes. Only a bundle
 * signed by an enrolled key gets its entries inflated, and no further than
 * the signed manifest's entriesBytes; then the entries' hash and length,
 * every entry's schema and place in the chain, from the manifest's prevHash
 * to its lastHash, and the counts per table. Never throws.
 */
export function readBundle(bytes: Uint8Array, keys: KeyLookup): ReadResult {
  const index = indexBundle(bytes);
  if (!index.ok) return unopened(index);
  const inflate = (name: string, limit: number) => inflateMember(bytes, index.members.get(name) as ZipMember, limit);
  const manifestFile = inflate(BUNDLE_FILES.manifest, BUNDLE_LIMITS.manifestBytes);
  if (!manifestFile.ok) return unopened(manifestFile);
  const signatureFile = inflate(BUNDLE_FILES.signature, BUNDLE_LIMITS.signatureBytes);
  if (!signatureFile.ok) return unopened(signatureFile);
  const manifestBytes = manifestFile.data;
  const loose = looseManifest(manifestBytes);
  if (!loose) return { verdict: 'altered', detail: 'manifest.json is not a manifest' };
  const key = keys(loose.keyId);
  if (!key) return { verdict: 'unknownKey', detail: loose.keyId };
  if (key.revoked) return { verdict: 'revokedKey', detail: loose.keyId };
  const signature = strFromU8(signatureFile.data).trim();
  if (key.suite !== loose.suite || !verify(key.suite, key.publicKey, manifestBytes, signature)) return { verdict: 'badSignature', detail: loose.keyId };

  let manifest: Manifest;
  try {
    const parsed = manifestSchema.safeParse(parseUntrustedJson(strFromU8(manifestBytes)));
    if (!parsed.success) return { verdict: 'altered', detail: `manifest: ${parsed.error.issues[0]?.path.join('.') ?? ''}` };
    manifest = parsed.data;
  } catch (e) {
    return { verdict: 'altered', detail: e instanceof Error ? e.message : String(e) };
  }
  if (manifest.unitId !== key.unitId) return { verdict: 'badSignature', detail: 'the key belongs to another unit', manifest };
  const altered = (detail: string): ReadResult => ({ verdict: 'altered', detail, manifest });
  if (index.members.get(BUNDLE_FILES.entries)!.size !== manifest.entriesBytes) return altered('entries.ndjson does not match its hash');
  const entriesFile = inflate(BUNDLE_FILES.entries, manifest.entriesBytes);
  if (!entriesFile.ok) return unopened(entriesFile, manifest);
  const entryBytes = entriesFile.data;
  if (entryBytes.length !== manifest.entriesBytes || digest(manifest.suite, entryBytes) !== manifest.entriesHash) return altered('entries.ndjson does not match its hash');
  const expected = manifest.toSeq - manifest.fromSeq + 1;
  if (expected > BUNDLE_LIMITS.entries) return altered('too many entries');
  if (manifest.fromSeq === 1 && manifest.prevHash !== GENESIS_HASH) return altered('a first segment starts from the genesis hash');

  const text = strFromU8(entryBytes);
  const lines = text.split('\n');
  if (lines.pop() !== '') return altered('entries.ndjson does not end with a newline');
  if (lines.length !== expected) return altered(`${lines.length} entries, manifest says ${expected}`);
  const chain = new ChainVerifier({ seq: manifest.fromSeq - 1, hash: manifest.prevHash });
  const counts = new Map<string, number>();
  const entries: VerifiedEntry[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const at = manifest.fromSeq + i;
    if (line.length > BUNDLE_LIMITS.entryBytes || !line.startsWith(LINE_HEAD) || line.length < LINE_HEAD.length + LINE_TAIL_LENGTH) return altered(`entry ${at}: not an entry line`);
    const body = line.slice(LINE_HEAD.length, line.length - LINE_TAIL_LENGTH);
    const tail = line.slice(line.length - LINE_TAIL_LENGTH);
    const hash = tail.slice(9, 73);
    if (tail !== `,"hash":"${hash}"}`) return altered(`entry ${at}: not an entry line`);
    let entry: UnhashedEntry;
    try {
      const parsed = unhashedEntrySchema.safeParse(parseUntrustedJson(body));
      if (!parsed.success) return altered(`entry ${at}: ${parsed.error.issues[0]?.path.join('.') ?? ''}`);
      entry = parsed.data;
    } catch (e) {
      return altered(`entry ${at}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (entry.unitId !== manifest.unitId) return altered(`entry ${at}: another unit`);
    if (!chain.pushBody(entry, body, hash)) {
      const broken = chain.result();
      return altered(`entry ${broken.ok ? at : broken.seq}: ${broken.ok ? '' : broken.problem}`);
    }
    counts.set(entry.table, (counts.get(entry.table) ?? 0) + 1);
    entries.push({ entry, hash });
  }
  const result = chain.result();
  if (!result.ok || result.lastHash !== manifest.lastHash) return altered('the chain does not end at the manifest lastHash');
  const declared = Object.entries(manifest.counts).filter(([, n]) => n > 0);
  if (declared.length !== counts.size || declared.some(([table, n]) => counts.get(table) !== n)) return altered('counts per table do not match');
  const judged = judgeAttachedFiles({
    listed: manifest.files,
    members: new Map([...index.attached].map(([sm3, m]) => [sm3, m.size])),
    referenced: referencedFiles(entries.map((e) => e.entry)),
    read: (sm3) => {
      const r = inflateMember(bytes, index.attached.get(sm3)!, manifest.files?.find((f) => f.sm3 === sm3)?.size ?? 0);
      return r.ok ? r.data : null;
    },
  });
  if (!judged.ok) return { verdict: 'badAttachment', detail: attachedProblemText(judged.problem, 'zh'), manifest };
  return { verdict: 'valid', manifest, entries, files: judged.files };
}
