import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { assembleBundle, prepareBundle, readBundle, writeBundle, type BundleSource, type KnownKey, type SigningKey } from '../../../shared/bundle/codec';
import { attachedMember, judgeAttachedFiles, MAX_BUNDLE_ATTACHMENT_BYTES, referencedFiles } from '../../../shared/bundle/attachedFiles';
import { fixtureHistory } from '../../../shared/bundle/fixture';
import { generateKeyPair, keyIdOf, sign } from '../../../shared/bundle/suites';
import { FAILING } from '../../../shared/bundle/verdicts';
import { readZipIndex } from '../../../shared/bundle/zip';
import { sealEntry, type SealedEntry } from '../../../shared/changelog/chain';
import { sm3Bytes, toHex } from '../../../shared/crypto/sm3';
import { mergePlan } from '../../../shared/console/plan';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/attachments/sniff';

const fixture = (name: string) => new Uint8Array(readFileSync(`test/fixtures/attachments/${name}`));
const pdf = fixture('sheet.pdf');
const png = fixture('photo.png');
/** A zip archive (a .docx, say) renamed .png: its own local header, then nothing a viewer wants. */
const zipAsPng = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, ...new Array<number>(200).fill(0x41)]);
const hashOf = (bytes: Uint8Array) => toHex(sm3Bytes(bytes));

const pair = generateKeyPair('sm2-sm3');
const key: SigningKey = { suite: 'sm2-sm3', keyId: keyIdOf('sm2-sm3', pair.publicKey), privateKey: pair.privateKey };
const history = fixtureHistory(0, 30);
const unitId = history.unit.id;
const lookup = (keyId: string): KnownKey | undefined => (keyId === key.keyId ? { unitId, suite: 'sm2-sm3', publicKey: pair.publicKey, revoked: false } : undefined);
const ownerId = history.entries.find((e) => e.table === 'devices')!.recordId;

/** The fixture chain with one attachment entry per file, each naming the file's SM3, its type and size as the unit's checker found them. */
function withAttachments(files: { bytes: Uint8Array; type: 'pdf' | 'png' | 'jpeg' }[]): SealedEntry[] {
  const entries = [...history.entries];
  files.forEach((f, i) => {
    const last = entries[entries.length - 1]!;
    const at = Date.UTC(2026, 2, 1) + i;
    const id = `0196aaaa-0000-7000-8000-${String(i).padStart(12, '0')}`;
    const record = { unitId, id, rev: 1, createdAt: at, createdBy: 'a', updatedAt: at, updatedBy: 'a', retiredAt: null, retiredReason: null, ownerTable: 'faults', ownerId, fileName: `维修单${i}.pdf`, type: f.type, size: f.bytes.length, sm3: hashOf(f.bytes) };
    entries.push(sealEntry({ unitId, seq: last.seq + 1, table: 'attachments', recordId: id, rev: 1, op: 'create', at, by: 'a', record, prevHash: last.hash }));
  });
  return entries;
}

const source = (entries: SealedEntry[], files?: Map<string, Uint8Array>): BundleSource => ({ unit: history.unit, createdBy: { accountId: 'a', name: '管理员' }, createdAt: 1, prevHash: '0'.repeat(64), entries, ...(files ? { files } : {}) });
const read = (bytes: Uint8Array) => readBundle(bytes, lookup);

describe('attachment files in a bundle when the office asks for them', () => {
  it('carries each file as a member named by its SM3, listed in the signed manifest, and reads them back checked', () => {
    const entries = withAttachments([{ bytes: pdf, type: 'pdf' }, { bytes: png, type: 'png' }]);
    const bundle = writeBundle(source(entries, new Map([[hashOf(pdf), pdf], [hashOf(png), png]])), key);
    const index = readZipIndex(bundle.bytes, Number.MAX_SAFE_INTEGER);
    expect(index.ok && index.members.map((m) => m.name).sort()).toEqual([attachedMember(hashOf(pdf)), attachedMember(hashOf(png)), 'entries.ndjson', 'manifest.json', 'manifest.sig'].sort());
    expect(bundle.manifest.files).toHaveLength(2);
    const r = read(bundle.bytes);
    if (r.verdict !== 'valid') throw new Error(`${r.verdict}: ${r.detail}`);
    expect(r.files.get(hashOf(pdf))).toEqual(pdf);
    expect(r.files.get(hashOf(png))).toEqual(png);
    // The merge plan carries them to the store, with the attachment records they belong to.
    const plan = mergePlan(r);
    expect(plan.problem).toBeUndefined();
    expect(plan.latest.find(([t]) => t === 'attachments')?.[1]).toHaveLength(2);
    expect(plan.files.map(([sm3]) => sm3).sort()).toEqual([hashOf(pdf), hashOf(png)].sort());
  });

  it('without the policy a bundle is as before: no list, no files, the attachment records alone', () => {
    const bundle = writeBundle(source(withAttachments([{ bytes: pdf, type: 'pdf' }])), key);
    expect('files' in bundle.manifest).toBe(false);
    const r = read(bundle.bytes);
    expect(r.verdict).toBe('valid');
    if (r.verdict === 'valid') expect(r.files.size).toBe(0);
  });

  it('refuses a file whose bytes are not the ones the signed entry names', () => {
    const entries = withAttachments([{ bytes: pdf, type: 'pdf' }]);
    const other = pdf.slice();
    other[200] = other[200]! ^ 1;
    const r = read(writeBundle(source(entries, new Map([[hashOf(pdf), other]])), key).bytes);
    expect(r.verdict).toBe('badAttachment');
    expect(r.verdict !== 'valid' && r.detail).toMatch(/校验值不符/);
  });

  it('refuses a zip renamed .png, judged by content with the checker the unit uses', () => {
    const entries = withAttachments([{ bytes: zipAsPng, type: 'png' }]);
    const r = read(writeBundle(source(entries, new Map([[hashOf(zipAsPng), zipAsPng]])), key).bytes);
    expect(r.verdict).toBe('badAttachment');
    expect(r.verdict !== 'valid' && r.detail).toMatch(/不是 PDF、JPG 或 PNG/);
  });

  it('refuses a real PNG that its entry calls a PDF', () => {
    const entries = withAttachments([{ bytes: png, type: 'pdf' }]);
    const r = read(writeBundle(source(entries, new Map([[hashOf(png), png]])), key).bytes);
    expect(r.verdict).toBe('badAttachment');
  });

  it('refuses a listed file no entry references', () => {
    const entries = withAttachments([{ bytes: pdf, type: 'pdf' }]);
    const r = read(writeBundle(source(entries, new Map([[hashOf(pdf), pdf], [hashOf(png), png]])), key).bytes);
    expect(r.verdict).toBe('badAttachment');
    expect(r.verdict !== 'valid' && r.detail).toMatch(/不属于任何一条附件记录/);
  });

  it('refuses a file slipped in beside the signed manifest, listed or not', () => {
    const entries = withAttachments([{ bytes: pdf, type: 'pdf' }]);
    // Signed without the PNG, packed with it: the signature still holds, the listing does not.
    const prepared = prepareBundle(source(entries, new Map([[hashOf(pdf), pdf]])), key);
    const slipped = assembleBundle({ ...prepared, files: new Map([[hashOf(pdf), pdf], [hashOf(png), png]]) }, sign(key.suite, key.privateKey, prepared.manifestBytes));
    expect(read(slipped.bytes).verdict).toBe('badAttachment');
    // And a bundle exported without the policy may carry no file at all.
    const plain = prepareBundle(source(entries), key);
    const stray = assembleBundle({ ...plain, files: new Map([[hashOf(pdf), pdf]]) }, sign(key.suite, key.privateKey, plain.manifestBytes));
    expect(read(stray.bytes).verdict).toBe('badAttachment');
  });

  it('refuses a bundle sent under the policy that leaves out a file an entry references (refused, not reported)', () => {
    const entries = withAttachments([{ bytes: pdf, type: 'pdf' }, { bytes: png, type: 'png' }]);
    const r = read(writeBundle(source(entries, new Map([[hashOf(pdf), pdf]])), key).bytes);
    expect(r.verdict).toBe('badAttachment');
    expect(r.verdict !== 'valid' && r.detail).toMatch(/未随数据包报送/);
  });

  it('refuses files over the cap per bundle, from the signed list before any file is read', () => {
    const listed = Array.from({ length: Math.floor(MAX_BUNDLE_ATTACHMENT_BYTES / MAX_ATTACHMENT_BYTES) + 1 }, (_, i) => ({ sm3: i.toString(16).padStart(64, '0'), size: MAX_ATTACHMENT_BYTES }));
    const members = new Map(listed.map((f) => [f.sm3, f.size]));
    const referenced = new Map(listed.map((f, i) => [f.sm3, { sm3: f.sm3, type: 'pdf', size: f.size, seq: i + 1 }]));
    let reads = 0;
    const judged = judgeAttachedFiles({ listed, members, referenced, read: () => (reads++, null) });
    expect(judged).toEqual({ ok: false, problem: { kind: 'overCap', bytes: listed.length * MAX_ATTACHMENT_BYTES } });
    expect(reads).toBe(0);
  });

  it('every refusal is a failing verdict: nothing of the bundle is taken in', () => {
    expect(FAILING.has('badAttachment')).toBe(true);
  });

  it('finds the files a segment names from its attachment entries only', () => {
    const entries = withAttachments([{ bytes: pdf, type: 'pdf' }]).map((e) => ({ ...e, record: (JSON.parse(e.body) as { record: unknown }).record }));
    expect([...referencedFiles(entries).keys()]).toEqual([hashOf(pdf)]);
  });
});
