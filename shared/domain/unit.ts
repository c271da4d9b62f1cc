import { z } from 'zod';
import { parseMobile, parsePhone } from '../rules/phone';
import type { RecordMeta } from './record';
import { fromParser } from './fromParser';

/** 县区 bodies and 市直部门 are scored on different rubrics (考核办法 三). */
export const UNIT_LEVELS = ['county', 'municipal'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];
/** Urban units get a 1-hour fault response, township units 3 hours (第四十四条). */
export const UNIT_AREAS = ['urban', 'township'] as const;

const phone = fromParser(parsePhone);
/** 第二十七条: the document officer's phone is reachable 24 hours, so a mobile number. */
const mobile = fromParser(parseMobile);

const name = (max: number) => z.string().trim().min(1, 'required').max(max, 'tooLong');

const profileFields = {
  name: name(60),
  code: z.string().trim().regex(/^[A-Za-z0-9-]{2,32}$/, 'unit.code'),
  level: z.enum(UNIT_LEVELS),
  area: z.enum(UNIT_AREAS),
  leader: name(30),
  office: name(40),
  adminName: name(30),
  adminPhone: phone,
  docOfficerName: name(30),
  docOfficerPhone: mobile,
};

/** The unit profile of 第二十七条: leader, office, administrator, document officer. What a write must satisfy. */
export const unitProfileInput = z.object(profileFields);

/**
 * A profile as stored: profiles written before the mobile rule may hold a
 * landline for the document officer. Merging another unit's records (the
 * office) checks this shape, so an older profile is not refused; the unit's
 * own next edit asks for the mobile number.
 */
export const unitProfileStored = z.object({ ...profileFields, docOfficerPhone: phone });

export type UnitProfileInput = z.input<typeof unitProfileInput>;
export type UnitProfileBody = z.output<typeof unitProfileInput>;
export type UnitProfile = RecordMeta & UnitProfileBody;
