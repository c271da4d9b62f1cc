import { createInterface } from 'node:readline/promises';
import { runCli } from './commands';
import { MESSAGES, takeLang } from './messages';

/**
 * A stream whose reader went away (`zwledger verify … | head -1`) is not an
 * error of ours: what would have followed is dropped, and the command ends
 * with the code its work earned, without a stack trace.
 */
function lineWriter(stream: NodeJS.WriteStream): (line: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return (line) => {
    if (!closed) stream.write(`${line}\n`);
  };
}

/** A question on the terminal, when there is one: a script with no terminal is never left waiting. */
async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

const out = lineWriter(process.stdout);
const err = lineWriter(process.stderr);
runCli(process.argv.slice(2), { out, err, ...(process.stdin.isTTY ? { ask } : {}) }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    err(MESSAGES[takeLang(process.argv.slice(2)).lang].error(error instanceof Error ? error.message : String(error)));
    process.exitCode = 3;
  },
);
