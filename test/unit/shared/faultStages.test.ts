import { describe, expect, it } from 'vitest';
import { faultInput, type FaultBody } from '../../../shared/ledgers/fault';
import { applyFaultStep, faultStage, nextStep, openSteps, type FaultStep } from '../../../shared/ledgers/faultStages';

const M = 60_000;
const H = 60 * M;
const T0 = new Date(2026, 2, 24, 8, 30).getTime();
const NOW = T0 + 5 * H;

function ticket(over: Partial<FaultBody> = {}): FaultBody {
  return faultInput.parse({ reportedAt: T0, reporter: '李明', description: '专网中断', maintainerId: 'm1', ...over });
}

const urged = ticket({ urges: [T0 + H, T0 + 2 * H] });
const arrived = ticket({ urges: [T0 + H], arrivedAt: T0 + 2 * H });
const resolved = ticket({ arrivedAt: T0 + H, resolvedAt: T0 + 2 * H, resolution: '更换光模块', cause: 'hardware' });
const filed = ticket({ arrivedAt: T0 + H, resolvedAt: T0 + 2 * H, resolution: '更换光模块', cause: 'hardware', sheetWork: '更换', sheetSentOn: '2026-03-24' });

describe('where a ticket stands', () => {
  it.each([
    ['just reported', ticket(), 'reported', ['urge', 'arrive', 'resolve'], 'arrive'],
    ['urged twice', urged, 'urged', ['urge', 'arrive', 'resolve'], 'arrive'],
    ['technician there', arrived, 'arrived', ['resolve'], 'resolve'],
    ['closed, no sheet', resolved, 'resolved', ['sheet'], 'sheet'],
    ['sheet sent', filed, 'filed', [], null],
  ] as const)('%s', (_name, f, stage, steps, next) => {
    expect(faultStage(f)).toBe(stage);
    expect(openSteps(f)).toEqual(steps);
    expect(nextStep(f)).toBe(next);
  });
});

describe('each step checks its times against the ticket', () => {
  const cases: [string, FaultBody, FaultStep, Record<string, unknown>, { field: string; code: string } | null][] = [
    ['an urge after the report', ticket(), 'urge', { at: T0 + 30 * M }, null],
    ['an urge before the report', ticket(), 'urge', { at: T0 - M }, { field: 'at', code: 'fault.beforeReport' }],
    ['an urge in the future', ticket(), 'urge', { at: NOW + 10 * M }, { field: 'at', code: 'futureTime' }],
    ['an urge within the minute of grace', ticket(), 'urge', { at: NOW + 30_000 }, null],
    ['an urge before the previous one', urged, 'urge', { at: T0 + 90 * M }, { field: 'at', code: 'stage.notAfterLastUrge' }],
    ['an urge at the same time as the previous one', urged, 'urge', { at: T0 + 2 * H }, { field: 'at', code: 'stage.notAfterLastUrge' }],
    ['an urge once the technician is there', arrived, 'urge', { at: T0 + 3 * H }, { field: '', code: 'stage.notOpen' }],
    ['an urge without a time', ticket(), 'urge', {}, { field: 'at', code: 'required' }],
    ['an arrival after the urges', urged, 'arrive', { at: T0 + 3 * H }, null],
    ['an arrival at the last urge', urged, 'arrive', { at: T0 + 2 * H }, null],
    ['an arrival before the last urge', urged, 'arrive', { at: T0 + 90 * M }, { field: 'at', code: 'stage.arriveBeforeUrge' }],
    ['an arrival before the report', ticket(), 'arrive', { at: T0 - H }, { field: 'at', code: 'fault.beforeReport' }],
    ['an arrival in the future', ticket(), 'arrive', { at: NOW + H }, { field: 'at', code: 'futureTime' }],
    ['a second arrival', arrived, 'arrive', { at: T0 + 3 * H }, { field: '', code: 'stage.notOpen' }],
    ['closing after the arrival', arrived, 'resolve', { at: T0 + 3 * H, resolution: '重启交换机', cause: 'power' }, null],
    ['closing before the arrival', arrived, 'resolve', { at: T0 + 90 * M, resolution: '重启交换机', cause: 'power' }, { field: 'at', code: 'stage.resolveBeforeArrival' }],
    ['closing remotely before the last urge', urged, 'resolve', { at: T0 + 90 * M, resolution: '远程处理', cause: 'other' }, { field: 'at', code: 'stage.resolveBeforeUrge' }],
    ['closing without a cause', arrived, 'resolve', { at: T0 + 3 * H, resolution: '重启交换机' }, { field: 'cause', code: 'required' }],
    ['closing without what was done', arrived, 'resolve', { at: T0 + 3 * H, resolution: '  ', cause: 'power' }, { field: 'resolution', code: 'required' }],
    ['closing twice', resolved, 'resolve', { at: T0 + 3 * H, resolution: 'x', cause: 'power' }, { field: '', code: 'stage.notOpen' }],
    ['a sheet on the day of closing', resolved, 'sheet', { sheetWork: '更换光模块', sheetSentOn: '2026-03-24' }, null],
    ['a sheet before the closing day', resolved, 'sheet', { sheetWork: '更换光模块', sheetSentOn: '2026-03-23' }, { field: 'sheetSentOn', code: 'stage.sentBeforeResolved' }],
    ['a sheet dated tomorrow', resolved, 'sheet', { sheetWork: '更换光模块', sheetSentOn: '2026-03-25' }, { field: 'sheetSentOn', code: 'futureDate' }],
    ['a sheet on a day that does not exist', resolved, 'sheet', { sheetWork: '更换光模块', sheetSentOn: '2026-02-30' }, { field: 'sheetSentOn', code: 'date' }],
    ['a sheet before the fault is closed', arrived, 'sheet', { sheetWork: '更换', sheetSentOn: '2026-03-24' }, { field: '', code: 'stage.notOpen' }],
    ['a value the step does not take', ticket(), 'urge', { at: T0 + H, arrivedAt: T0 }, { field: '', code: 'unrecognized_keys' }],
  ];
  it.each(cases)('%s', (_name, f, step, values, issue) => {
    const result = applyFaultStep(f, step, values, NOW);
    if (issue === null) {
      expect(result.issues).toBeUndefined();
      // What the step produces is a ticket the record schema accepts.
      expect(faultInput.safeParse(result.input).success).toBe(true);
    } else if (issue.code === 'unrecognized_keys') {
      expect(result.issues?.length).toBeGreaterThan(0);
    } else {
      expect(result.issues).toEqual([issue]);
    }
  });
});

describe('what each step changes', () => {
  it('an urge is added to the list, the rest of the ticket untouched', () => {
    const r = applyFaultStep(urged, 'urge', { at: T0 + 3 * H }, NOW);
    expect(r.input?.urges).toEqual([T0 + H, T0 + 2 * H, T0 + 3 * H]);
    expect(r.input?.description).toBe('专网中断');
    expect(r.input?.arrivedAt).toBeNull();
  });

  it('closing records the time, what was done, the cause; "serious" only counts for a misoperation', () => {
    const r = applyFaultStep(arrived, 'resolve', { at: T0 + 3 * H, resolution: '恢复配置', cause: 'staffChange', serious: true }, NOW);
    expect(r.input).toMatchObject({ resolvedAt: T0 + 3 * H, resolution: '恢复配置', cause: 'staffChange', serious: false });
    const m = applyFaultStep(arrived, 'resolve', { at: T0 + 3 * H, resolution: '恢复配置', cause: 'misoperation', serious: true }, NOW);
    expect(m.input?.serious).toBe(true);
  });

  it('the sheet keeps the closing and adds the work and the day it was sent', () => {
    const r = applyFaultStep(resolved, 'sheet', { sheetWork: '更换光模块一块', sheetSentOn: '2026-03-24' }, NOW);
    expect(r.input).toMatchObject({ resolvedAt: T0 + 2 * H, cause: 'hardware', sheetWork: '更换光模块一块', sheetSentOn: '2026-03-24' });
  });
});
