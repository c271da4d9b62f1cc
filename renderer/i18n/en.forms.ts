import type { zhForms } from './zh.forms';

export const enForms: Record<keyof typeof zhForms, string> = {
  'err.requiredField': 'Please fill in ${label}',
  'err.tooLongMax': 'Too long: at most {max} characters',
  'err.tooLongBy': 'At most {max} characters; this has {n}. Shorten it before saving',
  'err.phone.mobile': 'The document officer must be reachable around the clock (art. 27): enter an 11-digit mobile number, not a landline',
  'err.futureTime': 'Cannot be later than now: this records something that already happened',
  'err.futureDate': 'Cannot be later than today: this records something that already happened',
  'unit.docOfficerPhoneHelp': 'A mobile number: the document officer must be reachable around the clock',
  'common.confirmTitle': 'Please confirm',
  'common.confirmSave': 'Save anyway',
  'common.back': 'Go back',
  'fault.confirmOutsideBand': 'The decided deduction of {pct}% is outside the proposed {min}%–{max}%. Save {pct}% anyway? The monthly report will mark it as outside the proposed band.',
  'fault.confirmNoBand': 'Article 44 proposes no deduction for this fault, but {pct}% was decided. Save anyway? The monthly report will mark it as outside the proposed band.',
  'fault.outsideBand': 'Outside the proposed band',
  'fault.outsideBandShort': 'outside band',
  'fault.report.outsideBand': '{n} outside the proposed band',
  'fault.report.remark': 'Remark',
};
