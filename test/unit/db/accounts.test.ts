import { describe, expect, it } from 'vitest';
import { freshDb, unitWithAdmin } from './helpers';
import { accountByUsername, checkAccountChange, createAccount, disableAccount, localUnit, setupUnit, updateAccount, updateUnit } from '../../../renderer/db/accounts';
import { StaleRecordError, ValidationError } from '../../../renderer/db/errors';

describe('unit setup', () => {
  it('stores the profile, the first admin with a lower-cased username, and refuses a second setup', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const unit = await localUnit(db);
    expect(unit).toMatchObject({ id: actor.unitId, name: '庄浪县信息办', adminPhone: '0933-8211234', docOfficerPhone: '13800138000', createdBy: actor.accountId });
    const admin = await db.accounts.get(actor.accountId);
    expect(admin).toMatchObject({ username: 'admin', role: 'admin' });
    await expect(unitWithAdmin(db)).rejects.toBeInstanceOf(ValidationError);
    expect(await db.units.count()).toBe(1);
  });

  it('refuses a bad phone number and writes nothing', async () => {
    const db = freshDb();
    const bad = setupUnit(
      db,
      { name: '某单位', code: 'X1', level: 'municipal', area: 'urban', leader: '甲', office: '乙', adminName: '丙', adminPhone: '12345', docOfficerName: '丁', docOfficerPhone: '13800138000' },
      { username: 'admin', displayName: '丙', role: 'admin' },
      'h',
    );
    await expect(bad).rejects.toMatchObject({ issues: [{ field: 'adminPhone', code: 'phone.format' }] });
    expect(await db.units.count()).toBe(0);
    expect(await db.changelog.count()).toBe(0);
    expect(await localUnit(db)).toBeUndefined();
  });
});

describe('unit profile', () => {
  it('updates with a new revision, logged, and refuses a bad phone without change', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const unit = (await localUnit(db))!;
    const profile = { name: unit.name, code: unit.code, level: unit.level, area: 'urban' as const, leader: '新领导', office: unit.office, adminName: unit.adminName, adminPhone: unit.adminPhone, docOfficerName: unit.docOfficerName, docOfficerPhone: unit.docOfficerPhone };
    const saved = await updateUnit(db, actor, unit.rev, profile);
    expect(saved).toMatchObject({ rev: 2, leader: '新领导', area: 'urban' });
    await expect(updateUnit(db, actor, saved.rev, { ...profile, docOfficerPhone: '110' })).rejects.toMatchObject({ issues: [{ field: 'docOfficerPhone', code: 'phone.format' }] });
    await expect(updateUnit(db, actor, 1, profile)).rejects.toBeInstanceOf(StaleRecordError);
    // 第二十七条: the document officer is reachable 24 hours, so a landline is refused for them (the administrator may have one).
    await expect(updateUnit(db, actor, saved.rev, { ...profile, docOfficerPhone: '0933-8211234' })).rejects.toMatchObject({ issues: [{ field: 'docOfficerPhone', code: 'phone.mobile' }] });
    expect(await localUnit(db)).toMatchObject({ rev: 2, docOfficerPhone: '13800138000' });
  });
});

describe('accounts', () => {
  it('refuses a duplicate username regardless of case', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    await createAccount(db, actor, { username: 'wenwen', displayName: '文文', role: 'docOfficer' }, 'h');
    await expect(createAccount(db, actor, { username: 'WenWen', displayName: '文文2', role: 'duty' }, 'h')).rejects.toMatchObject({ issues: [{ field: 'username', code: 'account.duplicate' }] });
  });

  it('keeps at least one admin and never disables the signed-in account', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    const admin = (await db.accounts.get(actor.accountId))!;
    await expect(disableAccount(db, actor, admin.id, admin.rev, '离职')).rejects.toMatchObject({ issues: [{ code: 'accounts.cannotDisableSelf' }] });
    await expect(updateAccount(db, actor, admin.id, admin.rev, { role: 'duty' })).rejects.toMatchObject({ issues: [{ code: 'accounts.lastAdmin' }] });
    const other = await createAccount(db, actor, { username: 'duty1', displayName: '值班员', role: 'duty' }, 'h');
    const disabled = await disableAccount(db, actor, other.id, other.rev, '调离');
    expect(disabled.retiredReason).toBe('调离');
    expect(await accountByUsername(db, actor.unitId, 'duty1')).toBeUndefined();
  });
});

describe('account changes checked before main is told', () => {
  it('refuses to make the last administrator something else, without writing', async () => {
    const db = freshDb();
    const actor = await unitWithAdmin(db);
    await expect(checkAccountChange(db, actor, actor.accountId, { role: 'auditor' })).rejects.toMatchObject({ issues: [{ code: 'accounts.lastAdmin' }] });
    await expect(checkAccountChange(db, actor, actor.accountId, { displayName: '' })).rejects.toMatchObject({ issues: [{ field: 'displayName' }] });
    await checkAccountChange(db, actor, actor.accountId, { displayName: '李四新' });
    expect((await db.accounts.get(actor.accountId))!.displayName).toBe('李四');
  });
});
