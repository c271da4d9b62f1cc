import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// The layer rules of DESIGN.md are enforced by lint; these cases prove the
// rules bite, so a boundary cannot silently stop being checked.
const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

describe('layer boundaries', () => {
  it.each([
    ['renderer/features/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;"],
    ['renderer/features/x.ts', "import fs from 'fs';\nexport const x = fs;"],
    ['renderer/features/x.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;"],
    ['renderer/features/x.ts', "import { dispatch } from '../../main/services/dispatch';\nexport const x = dispatch;"],
    ['renderer/features/x.ts', 'export const x = process.env;'],
    ['shared/rules/x.ts', 'export const x = window.location;'],
    ['shared/rules/x.ts', 'export const x = document.title;'],
    ['shared/rules/x.ts', "import { createHash } from 'node:crypto';\nexport const x = createHash;"],
    ['shared/rules/x.ts', "import { db } from '../../renderer/state/db';\nexport const x = db;"],
    ['shared/rules/x.ts', "import Dexie from 'dexie';\nexport const x = Dexie;"],
    ['main/services/x.ts', "import { app } from 'electron';\nexport const x = app;"],
    ['preload/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;"],
    ['cli/x.ts', "import { harden } from '../main/hardening';\nexport const x = harden;"],
    // The renderer's floors import only downwards: shell → features → ui → state → i18n → db.
    ['renderer/db/x.ts', "import { toBase64 } from '../ui/files';\nexport const x = toBase64;"],
    ['renderer/db/x.ts', "import { useSession } from '../state/session';\nexport const x = useSession;"],
    ['renderer/db/x.ts', "import { zh } from '../i18n/zh';\nexport const x = zh;"],
    ['renderer/i18n/x.ts', "import { db } from '../state/db';\nexport const x = db;"],
    ['renderer/state/x.ts', "import { PageHead } from '../ui/PageHead';\nexport const x = PageHead;"],
    ['renderer/ui/x.ts', "import { DevicesPage } from '../features/devices/DevicesPage';\nexport const x = DevicesPage;"],
    ['renderer/ui/x.ts', "import { Shell } from '../shell/Shell';\nexport const x = Shell;"],
    ['renderer/features/devices/x.ts', "import { PAGES } from '../../shell/routes';\nexport const x = PAGES;"],
    ['renderer/features/ledgers/defs/x.ts', "import { PAGES } from '../../../shell/routes';\nexport const x = PAGES;"],
    ['renderer/db/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;"],
  ])('%s: a forbidden import or global fails lint', async (file, code) => {
    expect(await restricted(file, code)).not.toHaveLength(0);
  });

  it.each([
    ['renderer/features/x.ts', "import { parseIpv4 } from '../../shared/rules/network';\nexport const x = parseIpv4;"],
    ['main/x.ts', "import { app } from 'electron';\nexport const x = app;"],
    ['cli/x.ts', "import { migrate } from '../main/services/pgStore/migrate';\nexport const x = migrate;"],
    ['shared/rules/x.ts', "import { parseMac } from './network';\nexport const x = parseMac;"],
    ['renderer/shell/x.ts', "import { DevicesPage } from '../features/devices/DevicesPage';\nexport const x = DevicesPage;"],
    ['renderer/features/devices/x.ts', "import { PageHead } from '../../ui/PageHead';\nimport { db } from '../../state/db';\nimport { useT } from '../../i18n';\nimport { createDevice } from '../../db/devices';\nexport const x = [PageHead, db, useT, createDevice];"],
    ['renderer/ui/x.ts', "import { useT } from '../i18n';\nimport { ValidationError } from '../db/errors';\nexport const x = [useT, ValidationError];"],
    ['renderer/state/x.ts', "import { openDb } from '../db/schema';\nexport const x = openDb;"],
    ['renderer/db/x.ts', "import { openDb } from './schema';\nexport const x = openDb;"],
  ])('%s: an allowed import passes', async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  });
});
