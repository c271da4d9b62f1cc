import { LEDGER_TABLES } from '../ledgers/registry';

/** The tables whose writes go into the change log, and so into export bundles. */
export const LOGGED_TABLES = ['units', 'accounts', 'devices', 'checkins', 'calendars', 'schedules', ...LEDGER_TABLES, 'selfAssessments', 'evaluationEntries', 'networkNotices', 'attachments'] as const;
export type LoggedTable = (typeof LOGGED_TABLES)[number];
