import type * as FsPromises from 'node:fs/promises';
import type * as Path from 'node:path';

/**
 * Backup files in the folder the administrator chose: written whole under a
 * temporary name and renamed (a crash never leaves half a backup under a real
 * name), named by unit and time, and pruned to the newest `keep`. Backups kept
 * before a restore are never pruned.
 */

export interface BackupFilesDeps {
  fs: Pick<typeof FsPromises, 'mkdir' | 'writeFile' | 'rename' | 'readdir' | 'stat' | 'unlink'>;
  path: Pick<typeof Path, 'isAbsolute' | 'join' | 'resolve'>;
  now: () => Date;
}

export type BackupKind = 'auto' | 'manual' | 'beforeRestore';

export interface BackupFileInfo {
  name: string;
  size: number;
  modifiedAt: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

function stamp(d: Date): string {
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

const PRUNABLE = /^zwledger-([A-Za-z0-9-]{2,32})-(\d{8}-\d{6})(-auto|-manual)\.zwbak$/;
const ANY = /^zwledger-[A-Za-z0-9-]{2,32}-\d{8}-\d{6}-(auto|manual|before-restore)\.zwbak$/;

export class BackupFolderError extends Error {}

export function createBackupFiles(deps: BackupFilesDeps) {
  const folder = (dir: string) => {
    if (!deps.path.isAbsolute(dir)) throw new BackupFolderError('folder must be an absolute path');
    return deps.path.resolve(dir);
  };

  async function list(dir: string): Promise<BackupFileInfo[]> {
    const root = folder(dir);
    let names: string[];
    try {
      names = await deps.fs.readdir(root);
    } catch {
      return [];
    }
    const files = await Promise.all(
      names.filter((n) => ANY.test(n)).map(async (name) => {
        const s = await deps.fs.stat(deps.path.join(root, name));
        return { name, size: s.size, modifiedAt: s.mtimeMs };
      }),
    );
    return files.sort((a, b) => (a.name < b.name ? 1 : -1));
  }

  async function write(request: { dir: string; unitCode: string; kind: BackupKind; data: Uint8Array; keep: number }): Promise<{ name: string; pruned: string[] }> {
    const root = folder(request.dir);
    await deps.fs.mkdir(root, { recursive: true });
    const suffix = request.kind === 'beforeRestore' ? 'before-restore' : request.kind;
    const name = `zwledger-${request.unitCode}-${stamp(deps.now())}-${suffix}.zwbak`;
    const target = deps.path.join(root, name);
    const temp = `${target}.part`;
    await deps.fs.writeFile(temp, request.data);
    await deps.fs.rename(temp, target);
    const pruned: string[] = [];
    if (request.kind !== 'beforeRestore') {
      const mine = (await deps.fs.readdir(root))
        .map((n) => ({ n, m: PRUNABLE.exec(n) }))
        .filter((x) => x.m && x.m[1] === request.unitCode)
        .map((x) => x.n)
        .sort()
        .reverse();
      for (const old of mine.slice(request.keep)) {
        await deps.fs.unlink(deps.path.join(root, old));
        pruned.push(old);
      }
    }
    return { name, pruned };
  }

  return { list, write };
}
