import { describe, expect, it } from 'vitest';
import { dataRows, detectHeader, IMPORT_LIMITS, openDeviceSheet, planDeviceImport, refusedSheet, type Cell, type Vocabulary } from '../../../shared/import/deviceSheet';
import type { Device } from '../../../shared/domain/device';

const vocab: Vocabulary = { kind: new Map([['笔记本', 'laptop']]), status: new Map([['备用', 'spare']]) };
const labels = { ip: 'IP 地址', mac: 'MAC 地址', owner: '负责人', office: '科室' };

function device(id: string, ip: string, mac: string): Device {
  return { id, unitId: 'u', rev: 1, createdAt: 0, createdBy: 'a', updatedAt: 0, updatedBy: 'a', retiredAt: null, retiredReason: null, ip, mac, owner: '李明', office: '信息科', location: '', kind: 'desktop', status: 'inUse', dedicatedConfirmed: true, internetCapable: false, isolationCard: false, note: '', configCleared: null, configClearedBy: null, configClearedAt: null };
}

const sheet: Cell[][] = [
  ['入网计算机登记'],
  ['庄浪县 · 导出时间 2026-11-24 09:00'],
  [],
  ['序号', 'IP地址', '物理地址', '使用人', '部门', '类型', '状态', '可上互联网', '隔离卡'],
  [1, '10.0.0.1', 'aa-bb-cc-dd-ee-01', '张三', '办公室', '笔记本', '备用', '是', '是'],
  [2, '10.0.0.2', 'AABB.CCDD.EE02', '李四', '办公室', '', '', '', ''],
  [null, null, null, null, null],
  [3, '10.0.0.300', 'AA:BB:CC:DD:EE:03', '王五', '办公室'],
  [4, '10.0.0.1', 'AA:BB:CC:DD:EE:04', '赵六', '办公室'],
  [5, '10.0.0.5', 'AA-BB-CC-DD-EE-01', '钱七', '办公室'],
  [6, '10.9.9.9', '02:00:00:00:00:09', '李明', '信息科'],
  [7, '10.9.9.8', '02:00:00:00:00:08', '李明', '信息科'],
  [8, '10.9.9.7', '02:00:00:00:00:07', '孙八', '办公室'],
  [9, '=cmd|calc', '02:00:00:00:00:10', '@SUM(1)', '办公室'],
];

describe('spreadsheet import of the device register', () => {
  const header = detectHeader(sheet, labels)!;
  const rows = dataRows(sheet, header.headerRow, header.mapping, vocab);
  const existing = [device('d9', '10.9.9.9', '02:00:00:00:00:09'), device('d8', '10.9.9.1', '02:00:00:00:00:08'), device('dx', '10.9.9.7', '02:00:00:00:00:99')];
  const plan = planDeviceImport(rows, existing);
  const byRow = new Map(plan.rows.map((r) => [r.row, r]));

  it('finds the header under a title and maps columns by their usual names', () => {
    expect(header.headerRow).toBe(3);
    expect(header.mapping).toMatchObject({ ip: 1, mac: 2, owner: 3, office: 4, kind: 5, status: 6, internetCapable: 7, isolationCard: 8, location: null });
  });

  it('reads labels and yes/no, normalises MACs, skips empty rows', () => {
    const first = byRow.get(5)!;
    expect(first.action).toBe('create');
    if (first.action === 'create') expect(first.body).toMatchObject({ mac: 'AA:BB:CC:DD:EE:01', kind: 'laptop', status: 'spare', internetCapable: true, isolationCard: true });
    expect(byRow.get(6)!.action).toBe('create');
    expect(byRow.has(7)).toBe(false);
  });

  it.each([
    [8, 'ip', 'ip.octet'],
    [9, 'ip', 'import.duplicateIp'],
    [10, 'mac', 'import.duplicateMac'],
    [13, 'ip', 'conflict.ip'],
    [14, 'ip', 'ip.format'],
  ])('refuses row %i on %s with %s', (row, field, code) => {
    const r = byRow.get(row)!;
    expect(r.action).toBe('refuse');
    if (r.action === 'refuse') expect(r.issues).toContainEqual(expect.objectContaining({ field, code }));
  });

  it('a known MAC updates its device, or leaves it as it is', () => {
    expect(byRow.get(11)!.action).toBe('unchanged');
    const moved = byRow.get(12)!;
    expect(moved.action).toBe('update');
    if (moved.action === 'update') expect(moved.changed).toEqual(['ip']);
    expect([plan.create, plan.update, plan.unchanged, plan.refuse]).toEqual([2, 1, 1, 5]);
  });

  it('holds a sheet to the row and column limits before anything is read from it', () => {
    const wide = [Array.from({ length: IMPORT_LIMITS.columns + 5 }, (_, i) => (i === 0 ? 'IP地址' : i === 1 ? 'MAC地址' : `c${i}`))];
    const opened = openDeviceSheet(wide, labels);
    expect(opened.ok && opened.sheet[0]!.length).toBe(IMPORT_LIMITS.columns);
    expect(opened.ok && opened.header?.mapping.mac).toBe(1);
    const limit = Array.from({ length: IMPORT_LIMITS.rows + 10 }, () => ['x']);
    expect(openDeviceSheet(limit, labels).ok).toBe(true);
    expect(openDeviceSheet([...limit, ['x']], labels)).toEqual({ ok: false, reason: 'tooManyRows' });
  });

  it('a sheet with no recognisable header is not guessed at', () => {
    expect(detectHeader([['a', 'b'], [1, 2]], labels)).toBeNull();
  });

  it('an update leaves every field whose column the sheet lacks as the register holds it', () => {
    // A WPS sheet with no 可上互联网 / 隔离卡 / 类型 / 状态 / 位置 columns, for a dual-network PC with its card.
    const wps: Cell[][] = [
      ['IP地址', 'MAC地址', '使用人', '部门', '备注'],
      ['10.9.9.9', '02-00-00-00-00-09', '李明', '信息科', '换了显示器'],
      ['10.9.9.20', '02-00-00-00-00-20', '新人', '信息科', ''],
    ];
    const dual: Device = { ...device('d9', '10.9.9.9', '02:00:00:00:00:09'), internetCapable: true, isolationCard: true, kind: 'laptop', status: 'spare', location: '三楼', dedicatedConfirmed: false };
    const found = detectHeader(wps, labels)!;
    const p = planDeviceImport(dataRows(wps, found.headerRow, found.mapping, vocab), [dual]);
    const updated = p.rows.find((r) => r.row === 2)!;
    expect(updated.action).toBe('update');
    if (updated.action !== 'update') return;
    expect(updated.changed).toEqual(['note']);
    expect(updated.body).toMatchObject({ internetCapable: true, isolationCard: true, kind: 'laptop', status: 'spare', location: '三楼', dedicatedConfirmed: false, note: '换了显示器' });
    const created = p.rows.find((r) => r.row === 3)!;
    expect(created.action).toBe('create');
    if (created.action === 'create') expect(created.body).toMatchObject({ internetCapable: false, isolationCard: false, kind: 'desktop', status: 'inUse', dedicatedConfirmed: true, location: '' });
  });

  it('blank kind, status and yes/no cells keep what is registered; filled ones change it', () => {
    const withCols: Cell[][] = [
      ['IP地址', 'MAC地址', '使用人', '部门', '类型', '可上互联网', '隔离卡'],
      ['10.9.9.9', '02-00-00-00-00-09', '李明', '信息科', '', '', '否'],
    ];
    const dual: Device = { ...device('d9', '10.9.9.9', '02:00:00:00:00:09'), internetCapable: true, isolationCard: true, kind: 'laptop' };
    const found = detectHeader(withCols, labels)!;
    const r = planDeviceImport(dataRows(withCols, found.headerRow, found.mapping, vocab), [dual]).rows[0]!;
    expect(r.action).toBe('update');
    if (r.action === 'update') {
      expect(r.changed).toEqual(['isolationCard']);
      expect(r.target.isolationCard).toBe(true);
      expect(r.body).toMatchObject({ kind: 'laptop', internetCapable: true, isolationCard: false });
    }
  });

  it('the refused rows come out as the file had them, with their row and reason, and read back with the same columns', () => {
    const out = refusedSheet(sheet, header.headerRow, plan, { row: '原表行号', reason: '拒绝原因' }, (r) => r.issues.map((i) => i.code).join('；'));
    expect(out.header).toEqual(['序号', 'IP地址', '物理地址', '使用人', '部门', '类型', '状态', '可上互联网', '隔离卡', '原表行号', '拒绝原因']);
    expect(out.rows.map((r) => r[9])).toEqual([8, 9, 10, 13, 14]);
    expect(out.rows[0]).toEqual([3, '10.0.0.300', 'AA:BB:CC:DD:EE:03', '王五', '办公室', null, null, null, null, 8, 'ip.octet']);
    expect(out.rows[4]![1]).toBe('=cmd|calc');
    const again = detectHeader([out.header, ...out.rows], labels)!;
    expect(again.mapping).toMatchObject(header.mapping);
  });
});
