import { isoDay } from '../../../../shared/calendar/calendar';
import type { Fault } from '../../../../shared/ledgers/fault';
import { faultStage, nextStep, openSteps, type FaultStage, type FaultStep } from '../../../../shared/ledgers/faultStages';
import { FAULT_CAUSES } from '../../../../shared/rules/faultSla';
import { recordFaultStep } from '../../../db/faultStages';
import type { MessageKey } from '../../../i18n';
import { db } from '../../../state/db';
import { formatDateTime } from '../../../ui/format';
import type { FieldDef, LedgerContext, Milestone, StepDef } from '../types';
import { assess } from './faultText';

/** Pickers work to the minute; a step's time defaults to this minute. */
export function minuteNow(): number {
  const d = new Date();
  d.setSeconds(0, 0);
  return d.getTime();
}

export const STAGE_TONE: Record<FaultStage, '' | 'orange' | 'green'> = { reported: 'orange', urged: 'orange', arrived: 'orange', resolved: '', filed: 'green' };

export function stageText(r: Fault, ctx: LedgerContext): string {
  const stage = faultStage(r);
  return stage === 'urged' ? ctx.t('stage.urged', { n: r.urges.length }) : ctx.t(`stage.${stage}`);
}

const at = (label: MessageKey): FieldDef => ({ name: 'at', label, kind: 'datetime', required: true, wide: true });

const FIELDS: Record<FaultStep, readonly FieldDef[]> = {
  urge: [at('stage.urgeAt')],
  arrive: [at('fault.arrivedAt')],
  resolve: [
    { ...at('fault.resolvedAt'), help: 'fault.resolvedHelp' },
    { name: 'resolution', label: 'fault.resolution', kind: 'textarea', required: true, max: 500, wide: true },
    { name: 'cause', label: 'fault.cause', kind: 'select', options: FAULT_CAUSES, required: true, wide: true },
    { name: 'serious', label: 'fault.serious', kind: 'check', wide: true, visibleWhen: (v) => v.cause === 'misoperation' },
  ],
  sheet: [
    { name: 'sheetWork', label: 'fault.sheetWork', kind: 'textarea', required: true, max: 500, wide: true },
    { name: 'sheetSentOn', label: 'fault.sheetSentOn', kind: 'date', required: true, wide: true },
  ],
};

const VALUES: Record<FaultStep, (r: Fault) => Record<string, unknown>> = {
  urge: () => ({ at: minuteNow() }),
  arrive: () => ({ at: minuteNow() }),
  resolve: (r) => ({ at: minuteNow(), resolution: r.resolution, cause: r.cause, serious: r.serious }),
  sheet: (r) => ({ sheetWork: r.sheetWork, sheetSentOn: r.sheetSentOn || isoDay(new Date()) }),
};

const TEXT: Record<FaultStep, { label: MessageKey; title: MessageKey; done: MessageKey }> = {
  urge: { label: 'stage.urge', title: 'stage.urgeTitle', done: 'fault.urged' },
  arrive: { label: 'stage.arrive', title: 'stage.arriveTitle', done: 'fault.arrived' },
  resolve: { label: 'stage.resolve', title: 'stage.resolveTitle', done: 'stage.resolvedDone' },
  sheet: { label: 'stage.sheet', title: 'stage.sheetTitle', done: 'stage.sheetDone' },
};

/** 督促 → 到达 → 结案 → 维修单, each a small form (shared/ledgers/faultStages.ts holds the order rules). */
export const faultSteps: readonly StepDef<Fault>[] = (['urge', 'arrive', 'resolve', 'sheet'] as const).map((key) => ({
  key,
  ...TEXT[key],
  fields: FIELDS[key],
  open: (r: Fault) => openSteps(r).includes(key),
  // Until the technician is there, urging is as much a next step as the arrival.
  next: (r: Fault) => nextStep(r) === key || (key === 'urge' && nextStep(r) === 'arrive'),
  values: (r: Fault) => VALUES[key](r),
  write: (actor, r, values) => recordFaultStep(db, actor, r.id, r.rev, key, values),
}));

export function faultMilestones(r: Fault, ctx: LedgerContext): Milestone[] {
  const t = ctx.t;
  const pending = t('stage.pending');
  const lastUrge = r.urges.length > 0 ? Math.max(...r.urges) : null;
  return [
    { title: t('stage.m.report'), detail: formatDateTime(r.reportedAt), done: true },
    { title: t('stage.urgeCount', { n: r.urges.length }), detail: lastUrge === null ? t('stage.noUrge') : t('stage.lastUrge', { time: formatDateTime(lastUrge) }), done: lastUrge !== null },
    {
      title: t('stage.m.arrive'),
      detail: r.arrivedAt !== null ? formatDateTime(r.arrivedAt) : t('stage.deadline', { time: formatDateTime(assess(r, ctx).deadline) }),
      done: r.arrivedAt !== null,
    },
    { title: t('stage.m.resolve'), detail: r.resolvedAt !== null ? formatDateTime(r.resolvedAt) : pending, done: r.resolvedAt !== null },
    { title: t('stage.m.sheet'), detail: r.sheetSentOn || pending, done: r.sheetSentOn !== '' },
  ];
}
