import { describe, expect, it } from 'vitest';
import { futureIssues } from '../../../shared/ledgers/pastOnly';
import { LEDGER_SPECS } from '../../../shared/ledgers/registry';
import { parseMobile, parsePhone } from '../../../shared/rules/phone';
import { BANDS, outsideBand } from '../../../shared/rules/faultSla';
import { unitProfileInput, unitProfileStored } from '../../../shared/domain/unit';
import { issuesFromZod } from '../../../renderer/db/errors';
import { scanInput } from '../../../shared/ledgers/scan';

const NOW = new Date(2026, 11, 2, 9, 30).getTime();

describe('times that record what already happened', () => {
  const faults = LEDGER_SPECS.faults.pastOnly!;
  it.each([
    ['a report now', { reportedAt: NOW }, []],
    ['a report within the minute of grace', { reportedAt: NOW + 59_000 }, []],
    ['a report two minutes ahead', { reportedAt: NOW + 120_000 }, ['reportedAt:futureTime']],
    ['an urge tomorrow among past ones', { reportedAt: NOW - 3_600_000, urges: [NOW - 60_000, NOW + 86_400_000] }, ['urges:futureTime']],
    ['an arrival and resolution ahead', { reportedAt: NOW - 3_600_000, arrivedAt: NOW + 3_600_000, resolvedAt: NOW + 7_200_000 }, ['arrivedAt:futureTime', 'resolvedAt:futureTime']],
    ['a sheet sent today', { reportedAt: NOW, sheetSentOn: '2026-12-02' }, []],
    ['a sheet sent tomorrow', { reportedAt: NOW, sheetSentOn: '2026-12-03' }, ['sheetSentOn:futureDate']],
    ['no arrival yet', { reportedAt: NOW, arrivedAt: null, sheetSentOn: '' }, []],
  ])('%s', (_name, body, expected) => {
    expect(futureIssues(faults, body, NOW).map((i) => `${i.field}:${i.code}`)).toEqual(expected);
  });

  it('holds duty dates, scans, incidents, inspections and copies to today', () => {
    expect(futureIssues(LEDGER_SPECS.dutyLogs.pastOnly!, { date: '2026-12-03' }, NOW)).toEqual([{ field: 'date', code: 'futureDate' }]);
    expect(futureIssues(LEDGER_SPECS.scans.pastOnly!, { scannedOn: '2026-12-02', signatureDate: '2026-12-05' }, NOW)).toEqual([{ field: 'signatureDate', code: 'futureDate' }]);
    expect(futureIssues(LEDGER_SPECS.incidents.pastOnly!, { occurredAt: NOW + 3_600_000, reportedAt: null }, NOW)).toEqual([{ field: 'occurredAt', code: 'futureTime' }]);
    expect(futureIssues(LEDGER_SPECS.inspections.pastOnly!, { inspectedOn: '2027-01-01' }, NOW)).toHaveLength(1);
    expect(futureIssues(LEDGER_SPECS.copyFilings.pastOnly!, { copiedOn: '2026-12-01' }, NOW)).toEqual([]);
  });
});

describe("the document officer's phone (第二十七条: reachable 24 hours)", () => {
  it.each([
    ['13909330002', '13909330002'],
    ['139 0933 0002', '13909330002'],
    ['139-0933-0002', '13909330002'],
    ['+86 139 0933 0002', '13909330002'],
  ])('takes the mobile %s', (input, value) => {
    expect(parseMobile(input)).toEqual({ ok: true, value });
  });
  it('refuses a landline with its own message, an empty field and nonsense', () => {
    expect(parseMobile('0933-8211234')).toEqual({ ok: false, error: 'phone.mobile' });
    expect(parseMobile('')).toEqual({ ok: false, error: 'phone.empty' });
    expect(parseMobile('12345')).toEqual({ ok: false, error: 'phone.format' });
    expect(parsePhone('0933-8211234')).toEqual({ ok: true, value: '0933-8211234' });
  });
  it('asks a mobile of new profiles but still reads older ones that hold a landline', () => {
    const profile = { name: '庄浪县信息办', code: 'ZL-001', level: 'county', area: 'township', leader: '张三', office: '综合科', adminName: '李四', adminPhone: '0933-8211234', docOfficerName: '王五', docOfficerPhone: '0933-8211235' };
    expect(unitProfileInput.safeParse(profile).success).toBe(false);
    expect(unitProfileStored.safeParse(profile).success).toBe(true);
  });
});

describe('a decided deduction against the proposed band', () => {
  it.each([
    [null, BANDS.lateAfterThreeUrges, false],
    [5, BANDS.lateAfterThreeUrges, false],
    [10, BANDS.lateAfterThreeUrges, false],
    [4, BANDS.lateAfterThreeUrges, true],
    [50, BANDS.lateAfterThreeUrges, true],
    [30, BANDS.networkCaused, false],
    [0, null, false],
    [5, null, true],
  ] as const)('%s%% with %o is outside: %s', (pct, band, expected) => {
    expect(outsideBand(pct, band)).toBe(expected);
  });
});

describe('field messages', () => {
  it('says the limit of a text that is too long', () => {
    const parsed = scanInput.safeParse({ deviceId: 'd', scannedOn: '2026-12-01', tool: 'x'.repeat(41), signatureVersion: '1', signatureDate: '2026-12-01', scope: 'full', threats: 0 });
    expect(parsed.success).toBe(false);
    expect(issuesFromZod(parsed.error!.issues)).toContainEqual({ field: 'tool', code: 'tooLongMax', vars: { max: '40' } });
  });
  it('never pre-ticks that threats were dealt with', () => {
    const parsed = scanInput.parse({ deviceId: 'd', scannedOn: '2026-12-01', tool: '火绒', signatureVersion: '1', signatureDate: '2026-12-01', scope: 'full', threats: 2, action: '已隔离' });
    expect(parsed.resolved).toBe(false);
  });
});
