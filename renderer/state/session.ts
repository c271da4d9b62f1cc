import { useMemo } from 'react';
import { create } from 'zustand';
import type { Account } from '../../shared/domain/account';
import type { UnitProfile } from '../../shared/domain/unit';
import { can, type Permission } from '../../shared/domain/roles';
import { accountByUsername, localUnit } from '../db/accounts';
import type { Actor } from '../db/repository';
import { db } from './db';
import { invoke } from './ipc';

/**
 * Who is signed in, and whether the session is locked. Main checks every
 * password and keeps the counts (main/services/signinGuard.ts), so five
 * wrong passwords lock the account from any screen, tab or window.
 */

export type SigninResult = { ok: true } | { ok: false; left: number } | { ok: false; lockedUntil: number };

interface SessionState {
  phase: 'loading' | 'setup' | 'signin' | 'ready';
  unit: UnitProfile | undefined;
  account: Account | undefined;
  /** Main's token for this sign-in: what an administrator's account changes are authorised by. */
  token: string | undefined;
  locked: boolean;
  load: () => Promise<void>;
  setUnit: (unit: UnitProfile) => void;
  setAccount: (account: Account) => void;
  signIn: (username: string, password: string) => Promise<SigninResult>;
  unlock: (password: string) => Promise<SigninResult>;
  lock: () => void;
  signOut: () => void;
}

const failureOf = (r: { left: number } | { lockedUntil: number }): SigninResult => ('lockedUntil' in r ? { ok: false, lockedUntil: r.lockedUntil } : { ok: false, left: r.left });

export const useSession = create<SessionState>((set, get) => ({
  phase: 'loading',
  unit: undefined,
  account: undefined,
  token: undefined,
  locked: false,
  load: async () => {
    // Only the first screens decide between setup and sign-in; a session in
    // progress is never sent back.
    if (get().phase === 'ready' || get().phase === 'signin') return;
    const unit = await localUnit(db);
    set({ unit, phase: unit ? 'signin' : 'setup' });
  },
  setUnit: (unit) => set({ unit }),
  setAccount: (account) => set({ account }),
  signIn: async (username, password) => {
    const unit = get().unit ?? (await localUnit(db));
    if (!unit) return { ok: false, left: 0 };
    const known = await accountByUsername(db, unit.id, username);
    // The page's hash is offered for main to take over once; main ignores it for an account it already holds.
    const legacy = known && known.passwordHash.startsWith('scrypt$') ? { accountId: known.id, role: known.role, hash: known.passwordHash } : undefined;
    const result = await invoke('auth:signIn', { unitId: unit.id, username: username.trim(), password, ...(legacy ? { legacy } : {}) });
    if (!result.ok) return failureOf(result);
    const account = await db.accounts.get(result.accountId);
    if (!account || account.unitId !== unit.id || account.retiredAt !== null) {
      void invoke('auth:signOut', { session: result.session });
      return { ok: false, left: 0 };
    }
    // Main's role is the one that counts; the page's copy could have been edited.
    set({ account: { ...account, role: result.role }, token: result.session, phase: 'ready', locked: false });
    return { ok: true };
  },
  unlock: async (password) => {
    const current = get().account;
    if (!current) return { ok: false, left: 0 };
    const result = await invoke('auth:confirm', { accountId: current.id, password });
    if (!result.ok) return failureOf(result);
    set({ locked: false });
    return { ok: true };
  },
  lock: () => set((s) => (s.phase === 'ready' ? { locked: true } : {})),
  signOut: () => {
    const token = get().token;
    if (token) void invoke('auth:signOut', { session: token }).catch(() => undefined);
    set({ account: undefined, token: undefined, phase: 'signin', locked: false });
  },
}));

/**
 * The actor stamped on writes; only called from screens behind sign-in. The same object from render to
 * render while the user is the same: callbacks that depend on it keep their
 * identity, so memoised parts of a page do not render again on each keystroke.
 */
export function useActor(): Actor {
  const unitId = useSession((s) => s.unit?.id);
  const accountId = useSession((s) => s.account?.id);
  const role = useSession((s) => s.account?.role);
  const actor = useMemo(() => (unitId && accountId && role ? { unitId, accountId, role } : undefined), [unitId, accountId, role]);
  if (!actor) throw new Error('no signed-in user');
  return actor;
}

export function useCan(permission: Permission): boolean {
  const role = useSession((s) => s.account?.role);
  return role !== undefined && can(role, permission);
}
