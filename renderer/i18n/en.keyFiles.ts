import type { zhKeyFiles } from './zh.keyFiles';

export const enKeyFiles: Record<keyof typeof zhKeyFiles, string> = {
  'err.passphrase.short': 'At least 12 characters',
  'err.passphrase.weak': 'Use at least three of: upper-case letters, lower-case letters, digits, other characters (Chinese included); or 20 characters or more',
  'passphrase.hint': 'At least 12 characters from three of upper case, lower case, digits and other characters (Chinese included); or a sentence of 20 characters or more',
  'officeKeyFile.title': 'Export the office’s key file',
  'officeKeyFile.help': 'Exports this office’s bundle encryption keys (older ones included) as a file sealed with a passphrase, for the command line to verify and ingest sealed bundles (the --office-key option of zwledger verify / ingest).',
  'officeKeyFile.keep': 'This file opens every sealed bundle the units send: it stays with the office, kept safe, never given to a unit or taken off the premises; keep the passphrase apart from the file.',
  'officeKeyFile.none': 'This office has no bundle encryption key yet, so there is nothing to export. Make one on the “Issue policy” page first.',
  'officeKeyFile.login': 'Your sign-in password',
  'officeKeyFile.password': 'Key file passphrase',
  'officeKeyFile.confirm': 'Key file passphrase again',
  'officeKeyFile.export': 'Export key file',
  'officeKeyFile.done': 'Exported {file}. It opens with the passphrase just set.',
};
