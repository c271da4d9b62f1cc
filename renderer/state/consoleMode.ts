import { create } from 'zustand';
import type { PgFailure, ServerAddressInput } from '../../shared/ipc/contract.pg';
import { invoke } from './ipc';
import { useSession } from './session';

/**
 * Which database the office's console reads: this PC's own, or the
 * PostgreSQL server main keeps the way to. Asked of main once per sign-in
 * and after the settings page changes it; the pages choose their data
 * source by it.
 */
interface ConsoleModeState {
  /** null until main answered. */
  mode: 'local' | 'pg' | null;
  server: ServerAddressInput | null;
  /** In PostgreSQL mode: whether main can reach the server with the kept password. */
  ready: boolean;
  load: () => Promise<void>;
}

export const useConsoleMode = create<ConsoleModeState>((set) => ({
  mode: null,
  server: null,
  ready: false,
  load: async () => {
    const token = useSession.getState().token;
    if (!token) return set({ mode: 'local', server: null, ready: false });
    const status = await invoke('pgConsole:status', { session: token });
    set({ mode: status.mode, server: status.server, ready: status.ready });
  },
}));

/** A refusal of main's PostgreSQL store, carried to the page that shows it in Chinese. */
export class PgConsoleError extends Error {
  constructor(readonly code: PgFailure) {
    super(code);
    this.name = 'PgConsoleError';
  }
}

/** The session token main checks every PostgreSQL call against. */
export function sessionToken(): string {
  const token = useSession.getState().token;
  if (!token) throw new PgConsoleError('noSession');
  return token;
}

// Each sign-in asks again: the server's password opens at sign-in, and a sign-out forgets the answer.
useSession.subscribe((s, prev) => {
  if (s.token === prev.token) return;
  if (s.token) void useConsoleMode.getState().load().catch(() => useConsoleMode.setState({ mode: 'local', server: null, ready: false }));
  else useConsoleMode.setState({ mode: null, server: null, ready: false });
});
