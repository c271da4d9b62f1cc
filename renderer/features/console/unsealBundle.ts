import { isSealed } from '../../../shared/bundle/seal';
import { sealVerdict, type UnsealVerdict } from '../../../shared/bundle/verdicts';
import { fromBase64, toBase64 } from '../../../shared/encoding/base64';
import { invoke } from '../../state/ipc';

/** Who asks main to open a sealed bundle: an auditor of the office, with a password main checks. */
export interface Opener {
  unitId: string;
  accountId: string;
  password: string;
}

export type Unsealed = { ok: true; bytes: Uint8Array; sealed: boolean } | { ok: false; verdict: UnsealVerdict; detail: string };

/** Raw bytes per piece: their base64 is just under the contract's limit for one call. */
const PIECE = 6 * 1024 * 1024;


/**
 * A received file as the signed bundle it carries: a plain bundle as it is;
 * a sealed one sent to main in pieces, opened there with the office's key
 * (which never comes to this page), and its content read back.
 */
export async function unsealBundle(bytes: Uint8Array, opener: Opener | undefined): Promise<Unsealed> {
  if (!isSealed(bytes)) return { ok: true, bytes, sealed: false };
  if (!opener || opener.password === '') return { ok: false, verdict: 'sealedLocked', detail: 'no password' };
  const sent = await sendToMain(bytes);
  if (!sent.ok) return { ok: false, verdict: 'unreadable', detail: sent.code };
  const { id } = sent;
  const opened = await invoke('sealed:open', { id, ...opener });
  if (!opened.ok) {
    if ('failure' in opened) return { ok: false, verdict: sealVerdict(opened.failure), detail: opened.chunk === undefined ? opened.failure : `${opened.failure} at chunk ${opened.chunk}` };
    return { ok: false, verdict: 'sealedLocked', detail: opened.code };
  }
  const out = new Uint8Array(opened.size);
  let at = 0;
  for (let done = opened.size === 0; !done; ) {
    const piece = await invoke('sealed:read', { id, offset: at });
    if (!piece.ok) return { ok: false, verdict: 'unreadable', detail: piece.code };
    const data = fromBase64(piece.data);
    out.set(data, at);
    at += data.length;
    done = piece.done;
  }
  if (opened.size === 0) await invoke('sealed:close', { id });
  return { ok: true, bytes: out, sealed: true };
}

/** A file to main's inbox in pieces; main then opens it (sealed:open) or takes it in itself (pgConsole:ingest). */
export async function sendToMain(bytes: Uint8Array): Promise<{ ok: true; id: string } | { ok: false; code: string }> {
  const { id } = await invoke('sealed:begin', {});
  for (let at = 0; at < bytes.length; at += PIECE) {
    const sent = await invoke('sealed:append', { id, data: toBase64(bytes.subarray(at, at + PIECE)) });
    if (!sent.ok) return { ok: false, code: sent.code };
  }
  return { ok: true, id };
}
