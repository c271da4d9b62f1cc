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
