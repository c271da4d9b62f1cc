import { runCli } from './commands';

const write = (stream: NodeJS.WriteStream) => (line: string) => void stream.write(`${line}\n`);

runCli(process.argv.slice(2), { out: write(process.stdout), err: write(process.stderr) }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`错误：${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 3;
  },
);
