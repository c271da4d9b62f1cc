import { z } from 'zod';
import { isoDay } from '../calendar/calendar';
import { FAULT_CAUSES } from '../rules/faultSla';
import type { FaultBody, FaultInput } from './fault';
import { isoDate, moment, text } from './fields';
import { FUTURE_GRACE_MS } from './pastOnly';

/**
 * A fault ticket moves 报修 → 督促 → 到达 → 结案 → 维修单 (第十三条,
 * 第四十四条(一)). Each step is a small form of its own; this module says
 * where a ticket stands, which steps it may take next, and whether a step's
 * times fit the ticket's story. The record schema (fault.ts) stays as lenient
 * as it was, because the office merges tickets written before the steps
 * existed; the order rules bind what is entered from now on.
 */

export const FAULT_STEPS = ['urge', 'arrive', 'resolve', 'sheet'] as const;
export type FaultStep = (typeof FAULT_STEPS)[number];

/** Where a ticket stands, the furthest stage its times show. */
export type FaultStage = 'reported' | 'urged' | 'arrived' | 'resolved' | 'filed';

type Progress = Pick<FaultBody, 'reportedAt' | 'urges' | 'arrivedAt' | 'resolvedAt' | 'sheetSentOn'>;

export function faultStage(f: Progress): FaultStage {
  if (f.resolvedAt !== null) return f.sheetSentOn !== '' ? 'filed' : 'resolved';
  if (f.arrivedAt !== null) return 'arrived';
  return f.urges.length > 0 ? 'urged' : 'reported';
}

/**
 * The steps a ticket may take now. Urging stops once the technician is
 * there; a fault fixed remotely may be closed without an arrival (the SLA
 * rule then counts the resolution as the arrival).
 */
export function openSteps(f: Progress): FaultStep[] {
  if (f.resolvedAt !== null) return f.sheetSentOn === '' ? ['sheet'] : [];
  return f.arrivedAt === null ? ['urge', 'arrive', 'resolve'] : ['resolve'];
}

/** The step the list offers first: what normally happens next. */
export function nextStep(f: Progress): FaultStep | null {
  const steps = openSteps(f);
  return steps.includes('arrive') ? 'arrive' : (steps[0] ?? null);
}

export const STEP_SCHEMAS = {
  urge: z.object({ at: moment }).strict(),
  arrive: z.object({ at: moment }).strict(),
  resolve: z
    .object({
      at: moment,
      resolution: text(500),
      cause: z.enum(FAULT_CAUSES, { message: 'required' }),
      serious: z.boolean().default(false),
    })
    .strict(),
  sheet: z.object({ sheetWork: text(500), sheetSentOn: isoDate }).strict(),
} satisfies Record<FaultStep, z.ZodType>;

export type StepValues<S extends FaultStep> = z.input<(typeof STEP_SCHEMAS)[S]>;

export interface StepIssue {
  field: string;
  code: string;
}

export type StepResult = { input: FaultInput; issues?: undefined } | { input?: undefined; issues: StepIssue[] };

/** The body's fields as the record schema takes them back, with one step's values merged in. */
function inputWith(f: FaultBody, change: Partial<FaultInput>): FaultInput {
  return {
    reportedAt: f.reportedAt,
    reporter: f.reporter,
    description: f.description,
    deviceIds: f.deviceIds,
    maintainerId: f.maintainerId,
    urges: f.urges,
    arrivedAt: f.arrivedAt,
    resolvedAt: f.resolvedAt,
    resolution: f.resolution,
    cause: f.cause,
    serious: f.serious,
    sheetWork: f.sheetWork,
    sheetSentOn: f.sheetSentOn,
    decidedPct: f.decidedPct,
    ...change,
  };
}

/** Order rules for a step's time: in the past, after the report, after what it follows. */
function timeIssues(at: number, f: FaultBody, step: 'urge' | 'arrive' | 'resolve', now: number): StepIssue[] {
  if (at > now + FUTURE_GRACE_MS) return [{ field: 'at', code: 'futureTime' }];
  if (at < f.reportedAt) return [{ field: 'at', code: 'fault.beforeReport' }];
  const lastUrge = f.urges.length > 0 ? Math.max(...f.urges) : null;
  if (step === 'urge' && lastUrge !== null && at <= lastUrge) return [{ field: 'at', code: 'stage.notAfterLastUrge' }];
  if (step === 'resolve' && f.arrivedAt !== null && at < f.arrivedAt) return [{ field: 'at', code: 'stage.resolveBeforeArrival' }];
  // An arrival (or a remote fix) cannot come before someone urged the technician to come.
  if (step !== 'urge' && lastUrge !== null && at < lastUrge) return [{ field: 'at', code: step === 'arrive' ? 'stage.arriveBeforeUrge' : 'stage.resolveBeforeUrge' }];
  return [];
}

/**
 * One step applied to a ticket: the ticket's next input, or why not. `now`
 * is the writer's clock; the record schema still runs on the result.
 */
export function applyFaultStep(f: FaultBody, step: FaultStep, values: unknown, now: number): StepResult {
  if (!openSteps(f).includes(step)) return { issues: [{ field: '', code: 'stage.notOpen' }] };
  const parsed = STEP_SCHEMAS[step].safeParse(values);
  if (!parsed.success) return { issues: parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), code: i.message })) };
  const v = parsed.data as Record<string, unknown>;
  if (step === 'sheet') {
    const sentOn = v.sheetSentOn as string;
    if (sentOn > isoDay(new Date(now))) return { issues: [{ field: 'sheetSentOn', code: 'futureDate' }] };
    if (sentOn < isoDay(new Date(f.resolvedAt!))) return { issues: [{ field: 'sheetSentOn', code: 'stage.sentBeforeResolved' }] };
    return { input: inputWith(f, { sheetWork: v.sheetWork as string, sheetSentOn: sentOn }) };
  }
  const at = v.at as number;
  const issues = timeIssues(at, f, step, now);
  if (issues.length > 0) return { issues };
  if (step === 'urge') return { input: inputWith(f, { urges: [...f.urges, at] }) };
  if (step === 'arrive') return { input: inputWith(f, { arrivedAt: at }) };
  return {
    input: inputWith(f, { resolvedAt: at, resolution: v.resolution as string, cause: v.cause as FaultBody['cause'], serious: v.cause === 'misoperation' && v.serious === true }),
  };
}
