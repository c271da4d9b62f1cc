import { describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../../../renderer/i18n';
import { fieldLabel, recordName, type NameLookup } from '../../../renderer/features/integrity/recordName';
import { LOGGED_TABLES } from '../../../shared/changelog/tables';

const t = (key: MessageKey, vars?: Record<string, string | number>) => translate('zh', key, vars);
const lookup: NameLookup = { device: (id) => (id === 'd1' ? '10.62.1.10 李明' : undefined), person: (id) => (id === 'p1' ? '王芳' : undefined) };
const at = new Date(2026, 2, 24, 8, 30).getTime();

describe('the integrity report names records as users know them', () => {
  it('names a record of each ledger by what its users call it, never its id', () => {
    expect(recordName(t, 'devices', { id: 'x', ip: '10.62.1.10', owner: '李明' }, lookup)).toBe('10.62.1.10 李明');
    expect(recordName(t, 'faults', { id: 'x', reportedAt: at, description: '网络中断，无法登录公文系统' }, lookup)).toBe('2026-03-24 08:30 网络中断，无法登录公文系统');
    expect(recordName(t, 'dutyLogs', { id: 'x', date: '2026-03-24', shift: 'night' }, lookup)).toBe('2026-03-24 夜班');
    expect(recordName(t, 'scans', { id: 'x', deviceId: 'd1', scannedOn: '2026-03-20' }, lookup)).toBe('10.62.1.10 李明 2026-03-20');
    expect(recordName(t, 'checkins', { id: 'x', at, officerId: 'p1' }, lookup)).toBe('2026-03-24 08:30 王芳签到');
    expect(recordName(t, 'accounts', { id: 'x', username: 'wangfang', displayName: '王芳' }, lookup)).toBe('王芳（wangfang）');
    expect(recordName(t, 'calendars', { id: 'u/2026', year: 2026 }, lookup)).toBe('2026 年工作日历');
    expect(recordName(t, 'schedules', { id: 'u' }, lookup)).toBe('本单位作息时间');
    expect(recordName(t, 'incidents', { id: 'x', occurredAt: at, title: '外来 U 盘' }, lookup)).toBe('2026-03-24 08:30 外来 U 盘');
  });

  it('still shows something for a planted record that names nothing, and clips a long one', () => {
    for (const table of LOGGED_TABLES.filter((x) => x !== 'schedules')) expect(recordName(t, table, { id: 'planted', ip: {}, name: 7n as unknown }, lookup)).toBe('（无法识别的记录）');
    expect(recordName(t, 'maintainers', { name: '甲'.repeat(80) }, lookup)).toHaveLength(40);
  });

  it('labels a changed field as its form does', () => {
    expect(fieldLabel(t, 'devices', 'owner')).toBe('负责人');
    expect(fieldLabel(t, 'faults', 'description')).toBe('故障现象');
    expect(fieldLabel(t, 'units', 'name')).toBe('单位名称');
    expect(fieldLabel(t, 'dutyLogs', 'rev')).toBe('修改次数');
  });
});
