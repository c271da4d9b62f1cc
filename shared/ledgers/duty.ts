import { z } from 'zod';
import type { RecordMeta } from '../domain/record';
import { isoDate, optionalText, text } from './fields';

/** 值班日志 (第十二条, 第二十三条): one per day and shift. */
export const DUTY_SHIFTS = ['day', 'night', 'allDay'] as const;
export const EQUIPMENT_STATES = ['normal', 'abnormal'] as const;

export const dutyLogInput = z
  .object({
    date: isoDate,
    shift: z.enum(DUTY_SHIFTS),
    staff: text(60),
    equipment: z.enum(EQUIPMENT_STATES),
    abnormality: optionalText(300),
    events: optionalText(1000),
    faults: optionalText(300),
    handover: optionalText(500),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.equipment === 'abnormal' && v.abnormality === '') ctx.addIssue({ code: 'custom', path: ['abnormality'], message: 'duty.abnormality' });
  });

export type DutyLogInput = z.input<typeof dutyLogInput>;
export type DutyLogBody = z.output<typeof dutyLogInput>;
export type DutyLog = RecordMeta & DutyLogBody;
