// Builds the renderer, main, preload, browser-mode host and the office's
// command line with Vite, one tool for all five (DESIGN.md, Layout). Outputs under out/.
import { build } from 'vite';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const only = process.argv.slice(2);
const wanted = (name) => only.length === 0 || only.includes(name);

/** A Node-side bundle: every dependency inlined, so installers ship no node_modules. */
function nodeBundle({ entry, outDir, fileName, format, external = [], emptyOutDir = true }) {
  return {
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: entry,
      outDir,
      emptyOutDir,
      target: 'node20',
      minify: false,
      sourcemap: false,
      rollupOptions: {
        external: [...nodeBuiltins, ...external],
        // Chunks beside the entry, so a path taken from import.meta.url (the command line's worker threads) means the same in every chunk.
        output: { format, entryFileNames: fileName, chunkFileNames: '[name]-[hash].js' },
      },
    },
    ssr: { noExternal: true, target: 'node' },
  };
}

if (wanted('renderer')) await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
if (wanted('main')) {
  await build(nodeBundle({ entry: 'main/index.ts', outDir: 'out/main', fileName: 'index.cjs', format: 'cjs', external: ['electron'] }));
}
if (wanted('preload')) {
  // Sandboxed preloads are CommonJS and may require only 'electron'.
  await build(nodeBundle({ entry: 'preload/index.ts', outDir: 'out/preload', fileName: 'index.cjs', format: 'cjs', external: ['electron'] }));
}
if (wanted('host')) {
  await build(nodeBundle({ entry: 'main/browser-host.ts', outDir: 'out/host', fileName: 'host.mjs', format: 'es' }));
}
if (wanted('cli')) {
  await build(nodeBundle({ entry: 'cli/zwledger.ts', outDir: 'out/cli', fileName: 'zwledger.mjs', format: 'es' }));
  // verify's worker threads (cli/checkFiles.ts), beside the command.
  await build(nodeBundle({ entry: 'cli/verifyWorker.ts', outDir: 'out/cli', fileName: 'verifyWorker.mjs', format: 'es', emptyOutDir: false }));
  await build(nodeBundle({ entry: 'cli/prepareWorker.ts', outDir: 'out/cli', fileName: 'prepareWorker.mjs', format: 'es', emptyOutDir: false }));
}
