// npm start: build, then run the Electron app, or browser mode when the
// Electron binary is absent (it cannot be downloaded on air-gapped
// machines). The binary is found by its files: requiring the 'electron'
// package would try to download it.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));

function electronBinary() {
  const dir = join('node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

function run(command, commandArgs) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  });
}

if (!args.has('--no-build')) {
  const code = await run(process.execPath, ['scripts/build.mjs']);
  if (code !== 0) process.exit(code);
}

const binary = args.has('--browser') ? undefined : electronBinary();
if (binary) {
  process.exit(await run(binary, ['.']));
}
if (!args.has('--browser')) {
  console.log('未找到 Electron 可执行文件（安装时跳过了下载），改用浏览器模式运行同一个应用。');
  console.log('The Electron binary is not installed; falling back to browser mode (same app, same main-process services).');
}
process.exit(await run(process.execPath, ['out/host/host.mjs']));
