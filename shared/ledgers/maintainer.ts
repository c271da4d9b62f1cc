import { z } from 'zod';
import type { RecordMeta } from '../domain/record';
import { parsePhone } from '../rules/phone';
import { fromParser } from '../domain/fromParser';
import { optionalText, text } from './fields';

/** The telecom maintainer branches serving the unit, and the monthly lease fee each cut is a share of. */
export const maintainerInput = z
  .object({
    name: text(60),
    contact: optionalText(30),
    phone: z.union([z.literal(''), fromParser(parsePhone)]).default(''),
    monthlyFee: z.number({ message: 'required' }).min(0, 'fee').max(10_000_000, 'fee'),
  })
  .strict();

export type MaintainerInput = z.input<typeof maintainerInput>;
export type MaintainerBody = z.output<typeof maintainerInput>;
export type Maintainer = RecordMeta & MaintainerBody;
