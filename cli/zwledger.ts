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

/** A password typed at the terminal, not echoed; none where stdin is not a terminal (a script must use ZW_OFFICE_PASSWORD). */
function askPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) return Promise.reject(new Error(prompt.replace(/[:：]\s*$/, '')));
  return new Promise((resolve) => {
    process.stderr.write(prompt);
    const stdin = process.stdin;
    stdin.setRawMode(true);
    stdin.resume();
    let typed = '';
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          return resolve(typed);
        }
        if (ch === '\u0003') process.exit(130);
        typed = ch === '\u007f' ? typed.slice(0, -1) : typed + ch;
      }
    };
    stdin.on('data', onData);
  });
}

const out = lineWriter(process.stdout);
const err = lineWriter(process.stderr);
runCli(process.argv.slice(2), { out, err, askPassword, ...(process.stdin.isTTY ? { ask } : {}) }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    err(MESSAGES[takeLang(process.argv.slice(2)).lang].error(error instanceof Error ? error.message : String(error)));
    process.exitCode = 3;
  },
);
