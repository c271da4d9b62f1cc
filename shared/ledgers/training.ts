import { z } from 'zod';
import type { RecordMeta } from '../domain/record';
import { isoDate, text } from './fields';

/** 业务培训 (第四十二条): for administrators and document officers, once or twice a year. */
export const trainingInput = z
  .object({
    heldOn: isoDate,
    organiser: text(60),
    topic: text(100),
    attendees: z.array(text(30)).min(1, 'training.attendees').max(300, 'tooMany'),
  })
  .strict();

export type TrainingInput = z.input<typeof trainingInput>;
export type TrainingBody = z.output<typeof trainingInput>;
export type Training = RecordMeta & TrainingBody;
