import { BRIDGE_KEY, CHANNELS, type Channel, type Envelope, type RequestOf, type ResponseOf } from '../../shared/ipc/contract';

/**
 * The renderer's only way to reach main. In Electron the preload exposes one
 * function per channel; in browser mode the same contract is answered over
 * HTTP by the local host, authenticated with the per-launch token it set as
 * an HttpOnly cookie: the browser sends it, and no script here can read it. Either way a caller can only name a channel of the contract.
 */

type Bridge = { [C in Channel]: (request: RequestOf<C>) => Promise<Envelope<ResponseOf<C>>> };

export class IpcError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'IpcError';
  }
}

function electronBridge(): Bridge | undefined {
  const candidate = (window as unknown as Record<string, unknown>)[BRIDGE_KEY];
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  return CHANNELS.every((c) => typeof (candidate as Record<string, unknown>)[c] === 'function') ? (candidate as Bridge) : undefined;
}

function httpBridge(): Bridge {
  const call = async (channel: Channel, request: unknown): Promise<Envelope<unknown>> => {
    const response = await fetch(`/ipc/${channel}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
    return (await response.json()) as Envelope<unknown>;
  };
  return Object.fromEntries(CHANNELS.map((c) => [c, (request: unknown) => call(c, request)])) as unknown as Bridge;
}

let bridge: Bridge | undefined;

export async function invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  bridge ??= electronBridge() ?? httpBridge();
  const envelope = await (bridge[channel] as (r: RequestOf<C>) => Promise<Envelope<ResponseOf<C>>>)(request);
  if (!envelope.ok) throw new IpcError(envelope.error.code, envelope.error.message);
  return envelope.value;
}
