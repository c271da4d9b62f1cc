import { accountInput, type Account, type AccountInput } from '../../shared/domain/account';
import { unitProfileInput, type UnitProfile, type UnitProfileInput } from '../../shared/domain/unit';
import { v7 as uuidv7 } from 'uuid';
import { ValidationError, issuesFromZod, NotFoundError } from './errors';
import { commit, current, newRecord, revise, type Actor } from './repository';
import type { ZwDb } from './schema';

/**
 * Units and accounts. Passwords, their hashes and the sign-in lock are main's
 * (main/services/signinGuard.ts): the hash kept here is only the copy a
 * backup carries to a new PC, and is checked by nothing on this one.
 */

const UNIT_KEY = 'unitId';

export async function localUnit(db: ZwDb): Promise<UnitProfile | undefined> {
  const row = await db.meta.get(UNIT_KEY);
  if (typeof row?.value !== 'string') return undefined;
  // The profile's id is its unit's; a row whose unitId differs is not this PC's profile.
  const unit = await db.units.get(row.value);
  return unit?.unitId === row.value ? unit : undefined;
}

function parseAccount(input: AccountInput) {
  const parsed = accountInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error.issues));
  return parsed.data;
}

async function assertUsernameFree(db: ZwDb, unitId: string, username: string): Promise<void> {
  const same = await db.accounts.where('username').equals(username).filter((a) => a.unitId === unitId).count();
  if (same > 0) throw new ValidationError([{ field: 'username', code: 'account.duplicate' }]);
}

/**
 * First run: the unit profile, its first administrator and the record that
 * this PC belongs to that unit, in one transaction.
 */
export async function setupUnit(
  db: ZwDb,
  profile: UnitProfileInput,
  admin: AccountInput,
  passwordHash: string,
  // Main is told of the administrator before this write, so the ids are chosen first.
  ids: { unitId: string; accountId: string } = { unitId: uuidv7(), accountId: uuidv7() },
): Promise<{ unit: UnitProfile; account: Account }> {
  const parsedProfile = unitProfileInput.safeParse(profile);
  const issues = parsedProfile.success ? [] : issuesFromZod(parsedProfile.error.issues);
  const parsedAdmin = accountInput.safeParse({ ...admin, role: 'admin' });
  if (!parsedAdmin.success) issues.push(...issuesFromZod(parsedAdmin.error.issues));
  if (!parsedProfile.success || !parsedAdmin.success) throw new ValidationError(issues);
  // The first administrator writes their own account and the unit.
  const { unitId, accountId } = ids;
  const actor: Actor = { unitId, accountId, role: 'admin' };
  const unit: UnitProfile = { ...newRecord(actor, parsedProfile.data), id: unitId };
  const account: Account = { ...newRecord(actor, { ...parsedAdmin.data, passwordHash }), id: accountId };
  await commit(db, actor, async () => {
    if (await db.meta.get(UNIT_KEY)) throw new ValidationError([{ field: '', code: 'setup.already' }]);
    await db.meta.put({ key: UNIT_KEY, value: unitId });
    return [
      { table: 'units', op: 'create', record: unit },
      { table: 'accounts', op: 'create', record: account },
    ];
  }, ['meta']);
  return { unit, account };
}

export async function updateUnit(db: ZwDb, actor: Actor, expectedRev: number, profile: UnitProfileInput): Promise<UnitProfile> {
  const parsed = unitProfileInput.safeParse(profile);
  if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error.issues));
  let saved: UnitProfile | undefined;
  await commit(db, actor, async () => {
    const previous = await current<UnitProfile>(db, 'units', actor.unitId, expectedRev);
    saved = revise(previous, parsed.data, actor);
    return [{ table: 'units', op: 'update', record: saved }];
  });
  if (!saved) throw new NotFoundError(actor.unitId);
  return saved;
}

export function listAccounts(db: ZwDb, unitId: string): Promise<Account[]> {
  return db.accounts.where('unitId').equals(unitId).toArray();
}

/** The checks of createAccount, run before main is told of the account. */
export async function checkNewAccount(db: ZwDb, actor: Actor, input: AccountInput): Promise<AccountInput> {
  const body = parseAccount(input);
  await assertUsernameFree(db, actor.unitId, body.username);
  return body;
}

export async function createAccount(db: ZwDb, actor: Actor, input: AccountInput, passwordHash: string, id: string = uuidv7()): Promise<Account> {
  const body = parseAccount(input);
  const account: Account = { ...newRecord(actor, { ...body, passwordHash }), id };
  await commit(db, actor, async () => {
    await assertUsernameFree(db, actor.unitId, body.username);
    return [{ table: 'accounts', op: 'create', record: account }];
  });
  return account;
}

export async function updateAccount(
  db: ZwDb,
  actor: Actor,
  id: string,
  expectedRev: number,
  changes: { displayName?: string; role?: Account['role']; passwordHash?: string },
): Promise<Account> {
  let saved: Account | undefined;
  await commit(db, actor, async () => {
    const previous = await current<Account>(db, 'accounts', id, expectedRev);
    const body = parseAccount({ username: previous.username, displayName: changes.displayName ?? previous.displayName, role: changes.role ?? previous.role });
    if (previous.role === 'admin' && body.role !== 'admin') await assertAnotherAdmin(db, actor.unitId, id);
    saved = revise(previous, { ...body, passwordHash: changes.passwordHash ?? previous.passwordHash }, actor);
    return [{ table: 'accounts', op: 'update', record: saved }];
  });
  if (!saved) throw new NotFoundError(id);
  return saved;
}

/** The checks of updateAccount, run before main is told of the change. */
export async function checkAccountChange(db: ZwDb, actor: Actor, id: string, changes: { displayName?: string; role?: Account['role'] }): Promise<void> {
  const previous = await db.accounts.get(id);
  if (!previous || previous.unitId !== actor.unitId) throw new NotFoundError(id);
  const body = parseAccount({ username: previous.username, displayName: changes.displayName ?? previous.displayName, role: changes.role ?? previous.role });
  if (previous.role === 'admin' && body.role !== 'admin') await assertAnotherAdmin(db, actor.unitId, id);
}

async function assertAnotherAdmin(db: ZwDb, unitId: string, exceptId: string): Promise<void> {
  const admins = await db.accounts.where('unitId').equals(unitId).filter((a) => a.role === 'admin' && a.retiredAt === null && a.id !== exceptId).count();
  if (admins === 0) throw new ValidationError([{ field: 'role', code: 'accounts.lastAdmin' }]);
}

/** Disabling an account is its retirement: it can no longer sign in, and its stamps stay resolvable. */
export async function disableAccount(db: ZwDb, actor: Actor, id: string, expectedRev: number, reason: string): Promise<Account> {
  if (id === actor.accountId) throw new ValidationError([{ field: '', code: 'accounts.cannotDisableSelf' }]);
  const text = reason.trim();
  if (text.length < 2) throw new ValidationError([{ field: 'reason', code: 'retire.reason' }]);
  let saved: Account | undefined;
  await commit(db, actor, async () => {
    const previous = await current<Account>(db, 'accounts', id, expectedRev);
    if (previous.role === 'admin') await assertAnotherAdmin(db, actor.unitId, id);
    const now = Date.now();
    saved = revise(previous, { retiredAt: now, retiredReason: text }, actor, now);
    return [{ table: 'accounts', op: 'retire', record: saved }];
  });
  if (!saved) throw new NotFoundError(id);
  return saved;
}

/** The account a username names, for its display name and the hash handed to main once. */
export function accountByUsername(db: ZwDb, unitId: string, rawUsername: string): Promise<Account | undefined> {
  const username = rawUsername.trim().toLowerCase();
  return db.accounts
    .where('username')
    .equals(username)
    .filter((a) => a.unitId === unitId && a.retiredAt === null)
    .first();
}
