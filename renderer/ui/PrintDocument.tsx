import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';
import './print.css';

/**
 * A document for print, outside the app's layout: hidden on screen, and on
 * paper (or printed to PDF) the only thing shown. The page's print and
 * Electron's printToPDF both print the window, so they print this.
 */
export function PrintDocument({ children, testId }: { children: ReactNode; testId?: string }) {
  return createPortal(
    <div className="print-root" data-testid={testId}>
      {children}
    </div>,
    document.body,
  );
}
