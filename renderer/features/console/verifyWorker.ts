// A worker that verifies bundles off the page's thread: unzip, parse, hash
// every entry, check the chain and the signature, and prepare the merge and
// the evidence. The page meanwhile writes the bundle before it to IndexedDB.
import { checkBundle, type VerifyRequest, type VerifyResponse } from './bundleVerifier';

const scope = self as unknown as { postMessage(message: VerifyResponse): void; addEventListener(type: 'message', listener: (e: MessageEvent<VerifyRequest>) => void): void };

scope.addEventListener('message', (e) => {
  const { id, bytes, keys } = e.data;
  try {
    scope.postMessage({ id, checked: checkBundle(bytes, keys) });
  } catch (error) {
    scope.postMessage({ id, checked: { verdict: 'unreadable', detail: error instanceof Error ? error.message : String(error) } });
  }
});
