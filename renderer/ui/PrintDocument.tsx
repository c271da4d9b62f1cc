import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';
import './print.css';

/**
 * A document for print, outside the app's layout: hidden on screen, and on
 * paper (or printed to PDF) the only thing shown. The page's print and
 * Electron's printToPDF both print the window, so they print this. `page`
 * names the CSS page it is laid out on: an official document (GB/T 9704) or
 * a ledger form, upright or on its side.
 */
export function PrintDocument({ children, testId, page = 'official' }: { children: ReactNode; testId?: string; page?: 'official' | 'form' | 'formWide' }) {
  return createPortal(
    <div className="print-root" data-page={page} data-testid={testId}>
      {children}
    </div>,
    document.body,
  );
}
