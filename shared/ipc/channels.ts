/**
 * The channel names alone, without their schemas, for the preload script:
 * it must stay tiny and cannot carry zod. A unit test keeps this list equal
 * to the keys of the contract.
 */
/** Backups sealed with a passphrase (contract.passphrase.ts). */
const BACKUP_PASSPHRASE_CHANNELS = ['backupPass:status', 'backupPass:set', 'backupPass:clear', 'backupPass:begin', 'backupPass:push', 'backupPass:end', 'backupPass:unlock'] as const;
/** The policy-issue page and the office's home page on the PostgreSQL store (contract.pg.ts). */
const PG_POLICY_HOME_CHANNELS = ['pgConsole:knownUnits', 'pgConsole:checkpoints', 'pgConsole:home'] as const;
/** The office's evaluation and network notices on the PostgreSQL store (contract.pg.ts). */
const PG_EVALUATION_CHANNELS = ['pgConsole:evaluationUnits', 'pgConsole:noticeUnits'] as const;
export const CHANNEL_NAMES = ['app:info', 'auth:setup', 'auth:signIn', 'auth:confirm', 'auth:changePassword', 'auth:saveAccount', 'auth:signOut', 'reminders:setPlan', 'backup:folder', 'backup:setFolder', 'backup:chooseFolder', 'document:savePdf', 'backup:list', 'backup:begin', 'backup:append', 'backup:finish', 'backup:abort', 'backup:seal', 'backup:verify', 'unitKey:status', 'unitKey:create', 'unitKey:rotate', 'unitKey:enrolment', 'bundle:sign', 'sealKey:list', 'sealKey:create', 'sealKey:export', 'sealed:begin', 'sealed:append', 'sealed:open', 'sealed:read', 'sealed:close', 'pgConsole:status', 'pgConsole:test', 'pgConsole:migrate', 'pgConsole:save', 'pgConsole:useLocal', 'pgConsole:ingest', 'pgConsole:units', 'pgConsole:unitRecords', 'pgConsole:received', 'pgConsole:keys', 'pgConsole:enrol', 'pgConsole:revoke', ...BACKUP_PASSPHRASE_CHANNELS, ...PG_POLICY_HOME_CHANNELS, ...PG_EVALUATION_CHANNELS] as const;
export const BRIDGE_KEY = 'zwBridge';

/** Main → page events, exposed by preload as named subscribe functions. */
export const EVENTS_KEY = 'zwEvents';
export const OPEN_CHECKIN_EVENT = 'checkin:open';
