/**
 * Asks the browser to keep this site's data under storage pressure: without
 * it, Chromium may evict IndexedDB when the disk runs low, and with it every
 * ledger. Electron grants it; a browser may say no, which the page shows.
 */
export async function askPersistentStorage(): Promise<boolean> {
  try {
    if (!navigator.storage?.persist) return false;
    return (await navigator.storage.persisted()) || (await navigator.storage.persist());
  } catch {
    return false;
  }
}
