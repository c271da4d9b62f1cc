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

const out = lineWriter(process.stdout);
const err = lineWriter(process.stderr);
runCli(process.argv.slice(2), { out, err }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    err(MESSAGES[takeLang(process.argv.slice(2)).lang].error(error instanceof Error ? error.message : String(error)));
    process.exitCode = 3;
  },
);
