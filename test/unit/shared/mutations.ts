import { strFromU8, strToU8, zipSync } from 'fflate';
import { BUNDLE_FILES } from '../../../shared/bundle/format';
import { generateKeyPair, keyIdOf, sign } from '../../../shared/bundle/suites';
import { packBundle, unpackBundle } from '../../../shared/bundle/zip';
import { canonical } from '../../../shared/changelog/canonical';
import { utf8 } from '../../../shared/crypto/sm3';

export interface MutatedBundle {
  name: string;
  bytes: Uint8Array;
  /** The verdict it must get, or: refused, unless the three files inside are byte-identical to the original's. */
  expected: string | 'failOrIdentical';
}

/**
 * At least 200 mutations of one valid sm2-sm3 bundle: bit flips, truncations,
 * an edited manifest, swapped, removed, duplicated and edited entries, a
 * re-signature by another key, missing and extra files, a zip bomb.
 */
export function mutateBundle(original: Uint8Array): MutatedBundle[] {

  const files = unpackBundle(original);
  if (!files.ok) throw new Error('fixture does not unpack');
  const manifest = JSON.parse(strFromU8(files.manifest)) as Record<string, unknown>;
  const lines = strFromU8(files.entries).split('\n').slice(0, -1);
  const repack = (m: Uint8Array, s: Uint8Array, e: Uint8Array) => packBundle(m, s, e);
  const withLines = (ls: string[]) => repack(files.manifest, files.signature, strToU8(ls.map((l) => l + '\n').join('')));
  const withManifest = (m: Record<string, unknown>) => repack(utf8(canonical(m)), files.signature, files.entries);
  const attacker = generateKeyPair('sm2-sm3');
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const cases: MutatedBundle[] = [];

  for (let i = 0; i < 80; i++) {
    const bytes = original.slice();
    const at = Math.floor(random() * bytes.length);
    bytes[at]! ^= 1 << Math.floor(random() * 8);
    cases.push({ name: `bit flip at ${at}`, bytes, expected: 'failOrIdentical' });
  }
  for (let i = 0; i < 30; i++) {
    const length = Math.floor((original.length * i) / 30);
    cases.push({ name: `truncated to ${length}`, bytes: original.slice(0, length), expected: length < 4 ? 'notBundle' : 'failOrIdentical' });
  }
  for (const [field, value] of Object.entries({ unitName: '别的单位', unitCode: 'XX-99', fromSeq: 2, toSeq: 39, createdAt: 0, prevHash: '1'.repeat(64), lastHash: '2'.repeat(64), entriesHash: '3'.repeat(64), entriesBytes: 1, counts: { devices: 40 }, createdBy: { accountId: 'x', name: '别人' }, suite: 'ed25519-sha256' })) {
    cases.push({ name: `manifest ${field} edited`, bytes: withManifest({ ...manifest, [field]: value }), expected: 'badSignature' });
  }
  cases.push({ name: 'manifest re-serialised with spaces', bytes: repack(strToU8(JSON.stringify(manifest, null, 1)), files.signature, files.entries), expected: 'badSignature' });
  cases.push({ name: 'manifest is not JSON', bytes: repack(strToU8('{"keyId":'), files.signature, files.entries), expected: 'altered' });
  cases.push({ name: 'manifest names another key', bytes: withManifest({ ...manifest, keyId: keyIdOf('sm2-sm3', attacker.publicKey) }), expected: 'unknownKey' });
  for (let i = 0; i < 20; i++) {
    const a = Math.floor(random() * lines.length);
    const b = (a + 1 + Math.floor(random() * (lines.length - 1))) % lines.length;
    const swapped = [...lines];
    [swapped[a], swapped[b]] = [swapped[b]!, swapped[a]!];
    cases.push({ name: `entries ${a} and ${b} swapped`, bytes: withLines(swapped), expected: 'altered' });
  }
  for (let i = 0; i < lines.length; i += 2) {
    cases.push({ name: `entry ${i} removed`, bytes: withLines(lines.filter((_, j) => j !== i)), expected: 'altered' });
    cases.push({ name: `entry ${i} duplicated`, bytes: withLines(lines.flatMap((l, j) => (j === i ? [l, l] : [l]))), expected: 'altered' });
    cases.push({ name: `entry ${i} edited`, bytes: withLines(lines.map((l, j) => (j === i ? l.replace('"rev":1', '"rev":2').replace('"at":', '"at":1') : l))), expected: 'altered' });
  }
  // An attacker who edits the entries and signs a matching manifest with a key of their own.
  const edited = strToU8(lines.map((l, j) => (j === 5 ? l.replace('"rev":', '"rev":9') : l) + '\n').join(''));
  for (const keyId of [manifest.keyId as string, keyIdOf('sm2-sm3', attacker.publicKey)]) {
    const forged = utf8(canonical({ ...manifest, keyId, entriesBytes: edited.length, entriesHash: '0'.repeat(64) }));
    cases.push({ name: `re-signed by another key claiming ${keyId === manifest.keyId ? 'the unit key' : 'its own'}`, bytes: repack(forged, utf8(sign('sm2-sm3', attacker.privateKey, forged)), edited), expected: keyId === manifest.keyId ? 'badSignature' : 'unknownKey' });
  }
  cases.push({ name: 'signature missing', bytes: zipSync({ [BUNDLE_FILES.manifest]: files.manifest, [BUNDLE_FILES.entries]: files.entries }), expected: 'notBundle' });
  cases.push({ name: 'an extra file', bytes: zipSync({ [BUNDLE_FILES.manifest]: files.manifest, [BUNDLE_FILES.signature]: files.signature, [BUNDLE_FILES.entries]: files.entries, 'readme.txt': strToU8('hi') }), expected: 'altered' });
  cases.push({ name: 'signature emptied', bytes: repack(files.manifest, new Uint8Array(), files.entries), expected: 'badSignature' });
  cases.push({ name: 'not a zip', bytes: strToU8('这不是数据包'), expected: 'notBundle' });
  cases.push({ name: 'empty file', bytes: new Uint8Array(), expected: 'notBundle' });
  cases.push({ name: 'a zip bomb', bytes: zipSync({ [BUNDLE_FILES.manifest]: files.manifest, [BUNDLE_FILES.signature]: files.signature, [BUNDLE_FILES.entries]: new Uint8Array(4 * 1024 * 1024) }), expected: 'unreadable' });

  return cases;
}

/** Whether a bundle that was accepted vouches only for the original's files. */
export function sameFiles(a: Uint8Array, b: Uint8Array): boolean {
  const x = unpackBundle(a);
  const y = unpackBundle(b);
  return x.ok && y.ok && strFromU8(x.manifest) === strFromU8(y.manifest) && strFromU8(x.entries) === strFromU8(y.entries);
}

/**
 * A raw deflate stream that inflates to `blocks` × 2 065 549 zero bytes from
 * 13 012 bytes per block: fixed-Huffman blocks of one literal and 8 006
 * matches of 258 bytes at distance 1, each byte-aligned so one block's bytes
 * repeat. Built by hand, so a test gets a large bomb without deflating one.
 */
export function deflateBomb(blocks: number): Uint8Array {
  const bits: number[] = [];
  const put = (value: number, n: number) => {
    for (let i = 0; i < n; i++) bits.push((value >> i) & 1);
  };
  // Huffman codes go most significant bit first.
  const code = (value: number, n: number) => {
    for (let i = n - 1; i >= 0; i--) bits.push((value >> i) & 1);
  };
  const MATCHES = 8006; // 18 + 13 × 8006 bits is a whole number of bytes
  put(0, 1);
  put(1, 2); // not final, fixed Huffman
  code(0x30, 8); // literal 0
  for (let i = 0; i < MATCHES; i++) {
    code(0b11000101, 8); // length 258
    code(0, 5); // distance 1
  }
  code(0, 7); // end of block
  const block = new Uint8Array(bits.length / 8);
  bits.forEach((b, i) => (block[i >> 3]! |= b << (i & 7)));
  const last = new Uint8Array([0x03, 0x00]); // an empty final fixed block
  const out = new Uint8Array(block.length * blocks + last.length);
  for (let i = 0; i < blocks; i++) out.set(block, i * block.length);
  out.set(last, block.length * blocks);
  return out;
}

/** A zip whose central directory and local headers say whatever the caller wants, with the members' data as given. */
export function rawZip(members: { name: string; method: 0 | 8; data: Uint8Array; declaredSize: number }[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const header = (length: number, fields: [number, number, number][]) => {
    const h = new Uint8Array(length);
    const v = new DataView(h.buffer);
    for (const [at, size, value] of fields) {
      if (size === 2) v.setUint16(at, value, true);
      else v.setUint32(at, value, true);
    }
    return h;
  };
  for (const m of members) {
    const name = strToU8(m.name);
    const local = header(30 + name.length, [[0, 4, 0x04034b50], [4, 2, 20], [8, 2, m.method], [18, 4, m.data.length], [22, 4, m.declaredSize], [26, 2, name.length]]);
    local.set(name, 30);
    central.push(header(46 + name.length, [[0, 4, 0x02014b50], [4, 2, 20], [6, 2, 20], [10, 2, m.method], [20, 4, m.data.length], [24, 4, m.declaredSize], [28, 2, name.length], [42, 4, offset]]));
    central[central.length - 1]!.set(name, 46);
    parts.push(local, m.data);
    offset += local.length + m.data.length;
  }
  const directorySize = central.reduce((n, c) => n + c.length, 0);
  const end = header(22, [[0, 4, 0x06054b50], [8, 2, members.length], [10, 2, members.length], [12, 4, directorySize], [16, 4, offset]]);
  const all = [...parts, ...central, end];
  const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of all) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
