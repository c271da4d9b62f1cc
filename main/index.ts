import * as electron from 'electron';
import { join } from 'node:path';
import { bootstrap } from './bootstrap';

// The Electron entry: hand the real modules to bootstrap, which tests drive
// with fakes. out/main/index.cjs sits beside out/renderer and out/preload.
void bootstrap(electron, {
  outDir: join(__dirname, '..'),
  version: electron.app.getVersion(),
  isPackaged: electron.app.isPackaged,
});
