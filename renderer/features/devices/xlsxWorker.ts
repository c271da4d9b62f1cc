// Reads an .xlsx off the page's thread, so the drawer stays responsive and a
// stuck or oversized read can be ended (terminated) without the page. Built
// by Vite as a same-origin module, which the app's CSP (script-src 'self') allows.
import { readXlsx } from '../../../shared/import/xlsx';
import type { SpreadsheetRequest, SpreadsheetResponse } from './readSpreadsheet';

const scope = self as unknown as { postMessage(message: SpreadsheetResponse): void; addEventListener(type: 'message', listener: (e: MessageEvent<SpreadsheetRequest>) => void): void };

scope.addEventListener('message', async (e) => {
  try {
    scope.postMessage(await readXlsx(new Uint8Array(e.data.bytes), e.data.limits));
  } catch (error) {
    scope.postMessage({ ok: false, failure: 'corrupt', detail: error instanceof Error ? error.message : String(error) });
  }
});
