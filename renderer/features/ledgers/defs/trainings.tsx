import { isoDay } from '../../../../shared/calendar/calendar';
import type { Training } from '../../../../shared/ledgers/training';
import { TrainingPanel } from '../panels/TrainingPanel';
import { TrainingForm } from '../paper/TrainingForm';
import type { LedgerDef } from '../types';

/** 业务培训 (第四十二条). */
export const trainingLedger: LedgerDef<Training> = {
  table: 'trainings',
  title: 'training.title',
  rule: 'training.rule',
  noun: 'training.noun',
  view: 'ledgers.view',
  edit: 'ledgers.write',
  fields: [
    { name: 'heldOn', label: 'training.heldOn', kind: 'date', required: true },
    { name: 'organiser', label: 'training.organiser', kind: 'text', required: true, max: 60 },
    { name: 'topic', label: 'training.topic', kind: 'text', required: true, max: 100, wide: true },
    { name: 'attendees', label: 'training.attendees', kind: 'tags', required: true, wide: true, help: 'training.attendeesHelp' },
  ],
  empty: (ctx) => ({ heldOn: isoDay(new Date(ctx.now)), organiser: '', topic: '', attendees: [ctx.unit.adminName, ctx.unit.docOfficerName] }),
  columns: [
    { key: 'heldOn', title: 'training.heldOn', width: 110, value: (r) => r.heldOn },
    { key: 'organiser', title: 'training.organiser', width: 140, value: (r) => r.organiser },
    { key: 'topic', title: 'training.topic', width: 200, grow: true, value: (r) => r.topic },
    { key: 'attendees', title: 'training.attendees', width: 220, grow: true, value: (r) => r.attendees.join('、') },
    { key: 'count', title: 'training.count', width: 70, value: (r) => r.attendees.length },
  ],
  defaultSort: { key: 'heldOn', order: 'descend' },
  panel: TrainingPanel,
  paper: { title: 'paper.title.training', period: 'year', day: (r) => r.heldOn, Form: TrainingForm },
  headline: (r) => `${r.heldOn} ${r.topic}`,
};
