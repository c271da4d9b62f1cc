// bundles.sealed: sealing and opening the units' bundles, as a ratio to the
// unsealed export (prepare, sign, pack) and import check (readBundle) of the
// same bundles, measured in the same run, per suite. The entries are split
// into one bundle per unit, as the office receives them (ZW_BENCH_SEALED_ENTRIES
// in all, default 100,000; ZW_BENCH_BUNDLE_ENTRIES per unit, default 2,000: the
// issue's figure is for the 1,000,000 entries of 500 units). Each bundle is
// exported and imported both ways one after the other, in alternating order,
// so a machine that slows down mid-run slows both sides alike. The shared
// codec is the very code the app and the command line run; it is bundled
// here with esbuild so the figure needs no browser.
// Standalone: `node test/bench/app/bundles-sealed.mjs`.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ENTRIES = Number(process.env.ZW_BENCH_SEALED_ENTRIES ?? 100_000);
const PER_UNIT = Math.max(1, Math.floor(Number(process.env.ZW_BENCH_BUNDLE_ENTRIES ?? 2_000)));
const RUNS = Math.max(1, Math.floor(Number(process.env.ZW_BENCH_REPEATS ?? 3)));
const root = resolve(import.meta.dirname, '../../..');

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
  const perUnit = Math.min(ENTRIES, PER_UNIT);
  const units = Math.max(1, Math.round(ENTRIES / perUnit));
  for (const suite of ['sm2-sm3', 'ed25519-sha256']) {
    const office = codec.generateSealKey(suite);
    const took = { export: 0, import: 0, sealedExport: 0, sealedImport: 0 };
    let bytes = 0;
    for (let u = 0; u < units; u++) {
      const { unit, entries } = codec.fixtureHistory(u, perUnit);
      const pair = codec.generateKeyPair(suite);
      const key = { suite, keyId: codec.keyIdOf(suite, pair.publicKey), privateKey: pair.privateKey };
      const source = { unit, createdBy: { accountId: 'bench', name: 'bench' }, createdAt: Date.UTC(2026, 0, 5), prevHash: '0'.repeat(64), entries };
      const lookup = (id) => (id === key.keyId ? { unitId: unit.id, suite, publicKey: pair.publicKey, revoked: false } : undefined);
      const plain = (timed) => {
        let t = performance.now();
        const bundle = codec.writeBundle(source, key);
        if (timed) took.export += performance.now() - t;
        bytes += timed ? bundle.bytes.length : 0;
        t = performance.now();
        if (codec.readBundle(bundle.bytes, lookup).verdict !== 'valid') throw new Error('unsealed bundle did not verify');
        if (timed) took.import += performance.now() - t;
      };
      const sealed = (timed) => {
        let t = performance.now();
        const sealedBytes = codec.sealBundle(codec.writeBundle(source, key).bytes, office);
        if (timed) took.sealedExport += performance.now() - t;
        t = performance.now();
        const opened = codec.openSealed(sealedBytes, [office]);
        if (!opened.ok || codec.readBundle(opened.content, lookup).verdict !== 'valid') throw new Error('sealed bundle did not open and verify');
        if (timed) took.sealedImport += performance.now() - t;
      };
      // The first unit once untimed each way, to warm the JIT.
      if (u === 0) {
        plain(false);
        sealed(false);
      }
      for (let run = 0; run < RUNS; run++) {
        if ((u + run) % 2 === 0) {
          plain(true);
          sealed(true);
        } else {
          sealed(true);
          plain(true);
        }
      }
    }
    console.log(
      JSON.stringify({
        name: 'bundles.sealed',
        suite,
        units,
        entries: units * perUnit,
        bundleBytes: Math.round(bytes / (units * RUNS)),
        exportMs: Math.round(took.export / RUNS),
        sealedExportMs: Math.round(took.sealedExport / RUNS),
        importMs: Math.round(took.import / RUNS),
        sealedImportMs: Math.round(took.sealedImport / RUNS),
        overUnsealed: Number(((took.sealedExport + took.sealedImport) / (took.export + took.import)).toFixed(3)),
        goal: 1.15,
        reduced: units * perUnit < 1_000_000,
      }),
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
