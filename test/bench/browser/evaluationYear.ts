// One unit's year of merged records as a year of bundles would have brought
// them to the office, for the evaluation benchmarks of both stores
// (evaluation.rank in IndexedDB, pg.evaluation in PostgreSQL).
import { WorkCalendar } from '../../../shared/calendar/calendar';
import { BUNDLED_CALENDARS } from '../../../shared/calendar/bundled';
import { DEFAULT_SCHEDULE } from '../../../shared/calendar/schedule';
import { expectedSlots } from '../../../shared/checkins/slots';
import type { MergedTable } from '../../../shared/console/records';
import type { RecordMeta } from '../../../shared/domain/record';
import { exampleRubric } from '../../../shared/evaluation/examples';
import { rubricItems } from '../../../shared/evaluation/rubric';
import { syntheticDevice } from './synthetic';

export const YEAR = 2026;
const DEVICES_PER_UNIT = 40;
const calendar = new WorkCalendar(BUNDLED_CALENDARS);

/** The working days of the year with their check-in slots, computed once for every unit. */
export function workingDays() {
  const out: { iso: string; slots: number[] }[] = [];
  for (let d = new Date(YEAR, 0, 1); d.getFullYear() === YEAR; d = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1)) {
    const e = expectedSlots(d, calendar, DEFAULT_SCHEDULE);
    if (e.status === 'work') out.push({ iso: `${YEAR}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`, slots: e.slots.map((s) => s.at) });
  }
  return out;
}

/** One unit's year as its bundles would have brought it: about five thousand records. */
export function unitYear(u: number, days: ReturnType<typeof workingDays>) {
  const unitId = `bench-unit-${String(u).padStart(4, '0')}`;
  const start = new Date(YEAR, 0, 1).getTime();
  let n = 0;
  const meta = (createdAt = start): RecordMeta => ({ unitId, id: `${unitId}-${(n += 1)}`, rev: 1, createdAt, createdBy: 'admin', updatedAt: createdAt, updatedBy: 'admin', retiredAt: null, retiredReason: null });
  const rows: Partial<Record<MergedTable, object[]>> = {};
  const put = (table: MergedTable, row: object) => (rows[table] ??= []).push(row);
  put('units', { ...meta(start - 86_400_000 * 30), id: unitId, name: `单位${u}`, code: `U-${u}`, level: u % 2 ? 'municipal' : 'county', area: u % 3 ? 'urban' : 'township', leader: '甲', office: '乙', adminName: '丙', adminPhone: '13800138000', docOfficerName: '丁', docOfficerPhone: '13800138001' });
  const deviceIds: string[] = [];
  for (let k = 0; k < DEVICES_PER_UNIT; k++) {
    const m = meta(start - 86_400_000);
    deviceIds.push(m.id);
    put('devices', { ...m, ...syntheticDevice(u * DEVICES_PER_UNIT + k + 1), internetCapable: (u + k) % 37 === 0, isolationCard: false, configCleared: null, configClearedBy: null, configClearedAt: null });
  }
  days.forEach((day, i) => {
    // A unit misses about one slot in twenty, and checks a few late.
    day.slots.forEach((at, s) => {
      if ((i * 7 + s * 3 + u) % 20 === 0) return;
      put('checkins', { ...meta(at), officerId: 'officer', officerName: '丁', at: at + (((i + s + u) % 9) - 4) * 60_000 + ((i + u) % 31 === 0 ? 25 * 60_000 : 0), docsReceived: 1, docsHandled: 1, note: '', backfilled: false, backfillReason: null });
    });
    if ((i + u) % 25 !== 0) put('dutyLogs', { ...meta(), date: day.iso, shift: 'allDay', staff: '丙', equipment: 'normal', abnormality: '', events: '', faults: '', handover: '' });
    if (i % 5 === 0) for (const deviceId of deviceIds) put('scans', { ...meta(), deviceId, scannedOn: day.iso, tool: '杀毒软件', signatureVersion: 'v1', signatureDate: day.iso, scope: 'full', threats: 0, action: '', resolved: false, note: '' });
  });
  for (let f = 0; f < 12; f++) {
    const reportedAt = new Date(YEAR, f, 10, 9).getTime();
    put('faults', { ...meta(reportedAt), reportedAt, reporter: '丙', description: '线路中断', deviceIds: [], maintainerId: 'm', urges: [], arrivedAt: reportedAt + (f % 4 === 0 ? 5 : 0.5) * 3_600_000, resolvedAt: reportedAt + 6 * 3_600_000, resolution: '', cause: 'network', serious: false, sheetWork: '', sheetSentOn: '', decidedPct: null });
    put('copyFilings', { ...meta(), copiedOn: `${YEAR}-${String(f + 1).padStart(2, '0')}-15`, content: 'data', description: '导出', purpose: '报送', copiedBy: '丙', approvalRef: '', automatic: true });
  }
  put('trainings', { ...meta(), heldOn: `${YEAR}-04-10`, organiser: '市信息办', topic: '专网安全', attendees: ['丙', '丁'] });
  put('incidents', { ...meta(), occurredAt: new Date(YEAR, 5, 1, 9).getTime(), kind: 'virus', title: '病毒', description: '发现病毒', deviceIds: [], protection: '', reportedTo: '市信息办', reportedAt: new Date(YEAR, 5, 1, 10).getTime(), outcome: '' });
  for (let q = 0; q < 4; q++) put('inspections', { ...meta(), inspectedOn: `${YEAR}-${String(q * 3 + 2).padStart(2, '0')}-20`, party: 'office', inspectors: '市信息办', checklist: [{ item: '隔离卡', result: q === 1 ? 'issue' : 'ok', note: '' }], findings: q === 1 ? '一台未装隔离卡' : '', followUp: '', followUpDone: q !== 1 });
  const rubric = exampleRubric(u % 2 ? 'municipal' : 'county', YEAR);
  const items = rubricItems(rubric).filter((x) => x.item.scoring.kind === 'declared').map(({ item }) => ({ itemId: item.id, points: item.maxPoints - (u % 3), notApplicable: false, note: '', documents: '', figure: null }));
  put('selfAssessments', { ...meta(), id: `${unitId}/${YEAR}`, year: YEAR, rubric: { group: rubric.group, version: 1, title: rubric.title, example: true }, items, summary: '', status: 'submitted', submission: 1, submittedAt: start, correctionReason: '', total: 80, provisional: false });
  return { unitId, rows };
}

