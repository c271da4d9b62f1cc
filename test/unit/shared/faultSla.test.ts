import { describe, expect, it } from 'vitest';
import { assessFault, type FaultFacts } from '../../../shared/rules/faultSla';
import { monthlyLeaseReport, type ReportTicket } from '../../../shared/rules/leaseReport';

const H = 3_600_000;
const M = 60_000;
const T0 = new Date(2026, 2, 24, 8, 30).getTime();

function facts(over: Partial<FaultFacts> = {}): FaultFacts {
  return { reportedAt: T0, urges: [], arrivedAt: null, resolvedAt: null, cause: null, serious: false, ...over };
}

describe('arrival deadline (第四十四条(一))', () => {
  it.each([
    ['urban, exactly at 1 h', 'urban', facts({ arrivedAt: T0 + H }), 'onTime'],
    ['urban, one minute past 1 h', 'urban', facts({ arrivedAt: T0 + H + M }), 'late'],
    ['township, 2 h 59 min', 'township', facts({ arrivedAt: T0 + 3 * H - M }), 'onTime'],
    ['township, exactly at 3 h', 'township', facts({ arrivedAt: T0 + 3 * H }), 'onTime'],
    ['township, 3 h 1 min', 'township', facts({ arrivedAt: T0 + 3 * H + M }), 'late'],
    ['urban, fixed remotely in 40 min, never came', 'urban', facts({ resolvedAt: T0 + 40 * M, cause: 'power' }), 'onTime'],
    ['urban, resolved remotely at 50 min, arrival recorded later at 2 h (entered out of order)', 'urban', facts({ arrivedAt: T0 + 2 * H, resolvedAt: T0 + 50 * M, cause: 'hardware' }), 'onTime'],
  ] as const)('%s', (_name, area, f, state) => {
    expect(assessFault(f, area, T0 + 10 * H).state).toBe(state);
  });

  it('counts down while waiting and is overdue after the deadline', () => {
    const waiting = assessFault(facts(), 'urban', T0 + 45 * M);
    expect(waiting.state).toBe('waiting');
    expect(waiting.remaining).toBe(15 * M);
    const atDeadline = assessFault(facts(), 'urban', T0 + H);
    expect(atDeadline.state).toBe('waiting');
    const overdue = assessFault(facts(), 'urban', T0 + H + 1);
    expect(overdue.state).toBe('overdue');
    expect(overdue.remaining).toBe(-1);
  });

  it('a ticket spanning midnight and month end is judged on its times alone', () => {
    const reported = new Date(2026, 0, 31, 23, 30).getTime();
    const a = assessFault(facts({ reportedAt: reported, arrivedAt: reported + 2 * H + 30 * M, resolvedAt: reported + 4 * H, cause: 'hardware' }), 'township', reported + 5 * H);
    expect(a.state).toBe('onTime');
    expect(a.deadline).toBe(new Date(2026, 1, 1, 2, 30).getTime());
  });
});

describe('deduction bands', () => {
  const late = T0 + 2 * H;
  it.each([
    ['urged twice and late: no cut', facts({ urges: [T0 + 30 * M, T0 + 70 * M], arrivedAt: late, resolvedAt: late + H, cause: 'hardware' }), null, false],
    ['urged three times and late: 5–10%', facts({ urges: [T0 + 30 * M, T0 + 70 * M, T0 + 90 * M], arrivedAt: late, resolvedAt: late + H, cause: 'hardware' }), [5, 10], false],
    ['urged three times but arrived in time: no cut', facts({ urges: [T0 + 10 * M, T0 + 20 * M, T0 + 30 * M], arrivedAt: T0 + 50 * M, resolvedAt: late, cause: 'hardware' }), null, false],
    ['third urge after arrival does not count', facts({ urges: [T0 + 30 * M, T0 + 70 * M, late + 10 * M], arrivedAt: late, resolvedAt: late + H, cause: 'hardware' }), null, false],
    ['network-caused: 10–30%', facts({ arrivedAt: T0 + 20 * M, resolvedAt: T0 + H, cause: 'network' }), [10, 30], false],
    ['misoperation, not serious: no cut', facts({ arrivedAt: T0 + 20 * M, resolvedAt: T0 + H, cause: 'misoperation' }), null, false],
    ['serious misoperation: 10–30%', facts({ arrivedAt: T0 + 20 * M, resolvedAt: T0 + H, cause: 'misoperation', serious: true }), [10, 30], false],
    ['late after three urges and network-caused: the wider band', facts({ urges: [T0 + 30 * M, T0 + 70 * M, T0 + 90 * M], arrivedAt: late, resolvedAt: late + H, cause: 'network' }), [10, 30], false],
    ['staff changed parameters: notice, no cut', facts({ arrivedAt: T0 + 20 * M, resolvedAt: T0 + H, cause: 'staffChange' }), null, true],
  ] as const)('%s', (_name, f, band, notice) => {
    const a = assessFault(f, 'urban', T0 + 10 * H);
    expect(a.proposed ? [a.proposed.min, a.proposed.max] : null).toEqual(band);
    expect(a.notice).toBe(notice);
  });

  it('proposes the late band while still waiting after three urges', () => {
    const a = assessFault(facts({ urges: [T0 + 30 * M, T0 + 70 * M, T0 + 90 * M] }), 'urban', T0 + 2 * H);
    expect(a.state).toBe('overdue');
    expect(a.proposed?.reason).toBe('lateAfterThreeUrges');
    expect(a.closed).toBe(false);
  });
});

describe('monthly lease report', () => {
  const ticket = (id: string, over: Partial<ReportTicket>): ReportTicket => ({
    id, maintainerId: 'm1', description: id, decidedPct: null, ...facts(over), ...over,
  });
  it('groups by maintainer and the month the fault was reported in, and sums decided cuts against the fee', () => {
    const endOfJan = new Date(2026, 0, 31, 23, 30).getTime();
    const tickets = [
      ticket('a', { reportedAt: endOfJan, urges: [endOfJan + 10 * M, endOfJan + 20 * M, endOfJan + 30 * M], arrivedAt: endOfJan + 2 * H, resolvedAt: endOfJan + 3 * H, cause: 'network', decidedPct: 15 }),
      ticket('b', { reportedAt: new Date(2026, 0, 5, 9).getTime(), arrivedAt: new Date(2026, 0, 5, 9, 30).getTime(), resolvedAt: new Date(2026, 0, 5, 10).getTime(), cause: 'hardware' }),
      ticket('c', { reportedAt: new Date(2026, 0, 6, 9).getTime(), arrivedAt: new Date(2026, 0, 6, 9, 30).getTime(), resolvedAt: new Date(2026, 0, 6, 10).getTime(), cause: 'network' }),
      ticket('d', { maintainerId: 'm2', reportedAt: new Date(2026, 0, 6, 9).getTime(), arrivedAt: new Date(2026, 0, 6, 9, 30).getTime(), resolvedAt: new Date(2026, 0, 6, 10).getTime(), cause: 'power' }),
      ticket('feb', { reportedAt: new Date(2026, 1, 1, 9).getTime(), arrivedAt: new Date(2026, 1, 1, 9, 30).getTime(), resolvedAt: new Date(2026, 1, 1, 10).getTime(), cause: 'network', decidedPct: 20 }),
    ];
    const report = monthlyLeaseReport(tickets, '2026-01', 'urban', new Map([['m1', 12_000]]), Date.now());
    const m1 = report.find((r) => r.maintainerId === 'm1')!;
    expect(m1.lines.map((l) => l.ticket.id)).toEqual(['b', 'c', 'a']);
    expect(m1.onTime).toBe(2);
    expect(m1.late).toBe(1);
    expect([m1.proposedMin, m1.proposedMax]).toEqual([20, 60]);
    expect(m1.decidedPct).toBe(15);
    expect(m1.undecided).toBe(1);
    expect(m1.decidedAmount).toBe(1800);
    const m2 = report.find((r) => r.maintainerId === 'm2')!;
    expect(m2.fee).toBeNull();
    expect(m2.decidedAmount).toBeNull();
  });
  it('caps a month at the whole fee', () => {
    const t = (id: string) => ticket(id, { arrivedAt: T0 + 10 * M, resolvedAt: T0 + H, cause: 'network', decidedPct: 30 });
    const [m] = monthlyLeaseReport(['a', 'b', 'c', 'd'].map(t), '2026-03', 'urban', new Map([['m1', 1000]]), Date.now());
    expect(m!.decidedPct).toBe(100);
    expect(m!.decidedAmount).toBe(1000);
  });
});
