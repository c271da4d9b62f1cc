// bundles.sealed: sealing and opening a unit's bundle, as a ratio to the
// unsealed export (prepare, sign, pack) and import check (readBundle) of the
// same segment, measured alternately in the same run, per suite. The shared
// codec is the very code the app and the command line run; it is bundled
// here with esbuild so the figure needs no browser. Reduced size by default
// (ZW_BENCH_SEALED_ENTRIES, default 100,000 entries; the figure is
// for 1,000,000). Standalone: `node test/bench/app/bundles-sealed.mjs`.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ENTRIES = Number(process.env.ZW_BENCH_SEALED_ENTRIES ?? 100_000);
const RUNS = Math.max(1, Math.floor(Number(process.env.ZW_BENCH_REPEATS ?? 3)));
const root = resolve(import.meta.dirname, '../../..');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = mkdtempSync(join(tmpdir(), 'zw-bench-sealed-'));
try {
  const out = join(dir, 'codec.mjs');
  await build({
    stdin: {
      contents: `export { fixtureHistory } from './shared/bundle/fixture';
export { writeBundle, readBundle } from './shared/bundle/codec';
export { generateKeyPair, keyIdOf } from './shared/bundle/suites';
export { generateSealKey, sealBundle, openSealed } from './shared/bundle/seal';`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    mainFields: ['module', 'main'],
    banner: { js: "import { createRequire as zwRequire } from 'node:module'; const require = zwRequire(import.meta.url);" },
    format: 'esm',
    outfile: out,
    logLevel: 'error',
  });
  const codec = await import(pathToFileURL(out).href);
  const { unit, entries } = codec.fixtureHistory(0, ENTRIES);
  for (const suite of ['sm2-sm3', 'ed25519-sha256']) {
    const pair = codec.generateKeyPair(suite);
    const key = { suite, keyId: codec.keyIdOf(suite, pair.publicKey), privateKey: pair.privateKey };
    const office = codec.generateSealKey(suite);
    const source = { unit, createdBy: { accountId: 'bench', name: 'bench' }, createdAt: Date.UTC(2026, 0, 5), prevHash: '0'.repeat(64), entries };
    const lookup = (id) => (id === key.keyId ? { unitId: unit.id, suite, publicKey: pair.publicKey, revoked: false } : undefined);
    const plain = { export: [], import: [] };
    const sealed = { export: [], import: [] };
    let bytes = 0;
    const measurePlain = () => {
      let t = performance.now();
      const bundle = codec.writeBundle(source, key);
      plain.export.push(performance.now() - t);
      bytes = bundle.bytes.length;
      t = performance.now();
      if (codec.readBundle(bundle.bytes, lookup).verdict !== 'valid') throw new Error('unsealed bundle did not verify');
      plain.import.push(performance.now() - t);
    };
    const measureSealed = () => {
      let t = performance.now();
      const sealedBytes = codec.sealBundle(codec.writeBundle(source, key).bytes, office);
      sealed.export.push(performance.now() - t);
      t = performance.now();
      const opened = codec.openSealed(sealedBytes, [office]);
      if (!opened.ok || codec.readBundle(opened.content, lookup).verdict !== 'valid') throw new Error('sealed bundle did not open and verify');
      sealed.import.push(performance.now() - t);
    };
    // One untimed round to warm the JIT, then the two alternately, each first in every other run.
    measurePlain();
    measureSealed();
    plain.export.length = plain.import.length = sealed.export.length = sealed.import.length = 0;
    for (let run = 0; run < RUNS; run++) {
      if (run % 2 === 0) {
        measurePlain();
        measureSealed();
      } else {
        measureSealed();
        measurePlain();
      }
    }
    const total = (o) => median(o.export) + median(o.import);
    console.log(
      JSON.stringify({
        name: 'bundles.sealed',
        suite,
        entries: ENTRIES,
        bundleBytes: bytes,
        exportMs: Math.round(median(plain.export)),
        sealedExportMs: Math.round(median(sealed.export)),
        importMs: Math.round(median(plain.import)),
        sealedImportMs: Math.round(median(sealed.import)),
        overUnsealed: Number((total(sealed) / total(plain)).toFixed(3)),
        goal: 1.15,
        reduced: ENTRIES < 1_000_000,
      }),
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
