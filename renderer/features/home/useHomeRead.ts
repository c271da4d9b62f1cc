import { useEffect, useState } from 'react';

/**
 * One read of a home page's figures per visit (or per change of `key`); a
 * failure is kept as its message, never shown as zeros. `read` null waits:
 * the trend, for one, is not read before the cards are shown.
 */
export function useHomeRead<T>(read: (() => Promise<T>) | null, key: string): { data: T | null; error: string | null } {
  const [state, setState] = useState<{ data: T | null; error: string | null }>({ data: null, error: null });
  const waiting = read === null;
  useEffect(() => {
    if (!read) return;
    let live = true;
    read()
      .then((data) => live && setState({ data, error: null }))
      .catch((e: unknown) => live && setState({ data: null, error: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
    // `read` is a fresh closure each render; what it reads is named by `key`.
  }, [key, waiting]);
  return state;
}
