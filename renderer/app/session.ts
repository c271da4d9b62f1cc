import { create } from 'zustand';
import type { Account } from '../../shared/domain/account';
import type { UnitProfile } from '../../shared/domain/unit';
import { can, type Permission } from '../../shared/domain/roles';
import { clearFailedSignins, localUnit, recordFailedSignin, signinCheck } from '../db/accounts';
import type { Actor } from '../db/repository';
import { db } from './db';
import { invoke } from './ipc';

/**
 * Who is signed in, and whether the session is locked. Sign-in and unlock go
 * through the same password check, so five wrong passwords lock the account
 * from either screen.
 */

export type SigninResult = { ok: true } | { ok: false; left: number } | { ok: false; lockedUntil: number };

interface SessionState {
  phase: 'loading' | 'setup' | 'signin' | 'ready';
  unit: UnitProfile | undefined;
  account: Account | undefined;
  locked: boolean;
  load: () => Promise<void>;
  setUnit: (unit: UnitProfile) => void;
  setAccount: (account: Account) => void;
  signIn: (username: string, password: string) => Promise<SigninResult>;
  unlock: (password: string) => Promise<SigninResult>;
  lock: () => void;
  signOut: () => void;
}

async function checkPassword(username: string, password: string): Promise<{ result: SigninResult; account?: Account }> {
  const check = await signinCheck(db, username);
  if (check.state === 'locked') return { result: { ok: false, lockedUntil: check.until } };
  // An unknown user still costs a hash check, so timing does not tell which usernames exist.
  const hash = check.account?.passwordHash ?? 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
  const { ok } = await invoke('auth:verifyPassword', { password, hash });
  if (ok && check.account) {
    await clearFailedSignins(db, username);
    return { result: { ok: true }, account: check.account };
  }
  const failure = await recordFailedSignin(db, username);
  return { result: 'lockedUntil' in failure ? { ok: false, lockedUntil: failure.lockedUntil } : { ok: false, left: failure.left } };
}

export const useSession = create<SessionState>((set, get) => ({
  phase: 'loading',
  unit: undefined,
  account: undefined,
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
    const { result, account } = await checkPassword(username, password);
    if (result.ok && account) set({ account, phase: 'ready', locked: false });
    return result;
  },
  unlock: async (password) => {
    const current = get().account;
    if (!current) return { ok: false, left: 0 };
    const { result, account } = await checkPassword(current.username, password);
    if (result.ok && account) set({ account, locked: false });
    return result;
  },
  lock: () => set((s) => (s.phase === 'ready' ? { locked: true } : {})),
  signOut: () => set({ account: undefined, phase: 'signin', locked: false }),
}));

/** The actor stamped on writes. Only called from screens behind sign-in. */
export function useActor(): Actor {
  const { unit, account } = useSession();
  if (!unit || !account) throw new Error('no signed-in user');
  return { unitId: unit.id, accountId: account.id, role: account.role };
}

export function useCan(permission: Permission): boolean {
  const role = useSession((s) => s.account?.role);
  return role !== undefined && can(role, permission);
}
