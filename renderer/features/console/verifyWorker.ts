// A worker that verifies bundles off the page's thread: unzip, parse, hash
// every entry, check the chain and the signature, and base64 the file for
// evidence. The page meanwhile writes the bundle before it to IndexedDB.
import { readBundle, type KnownKey } from '../../../shared/bundle/codec';
import { digest } from '../../../shared/bundle/suites';
import { toBase64 } from '../../app/files';
import type { VerifyRequest, VerifyResponse } from './bundleVerifier';

const scope = self as unknown as { postMessage(message: VerifyResponse): void; addEventListener(type: 'message', listener: (e: MessageEvent<VerifyRequest>) => void): void };

scope.addEventListener('message', (e) => {
  const { id, bytes, keys } = e.data;
  try {
    const known = new Map<string, KnownKey>(keys);
    const read = readBundle(bytes, (keyId) => known.get(keyId));
    const valid = read.verdict === 'valid';
    scope.postMessage({ id, read, hash: valid ? digest(read.manifest.suite, bytes) : '', evidence: valid ? toBase64(bytes) : '' });
  } catch (error) {
    scope.postMessage({ id, read: { verdict: 'unreadable', detail: error instanceof Error ? error.message : String(error) }, hash: '', evidence: '' });
  }
});
