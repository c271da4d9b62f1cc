import type { zhSeal } from './zh.seal';

/** English for sealed bundles and the office's checkpoints. */
export const enSeal: Record<keyof typeof zhSeal, string> = {
  'verdict.help.sealedElsewhere': "Sealed to another office's key; it cannot be opened and nothing was written. Check that the unit imported this office's policy.",
  'verdict.help.corruptChunk': 'The sealed content was changed or damaged on the way; nothing was written. Ask the unit to export again.',
  'verdict.help.truncated': 'The file is incomplete (the copy was cut short); nothing was written. Ask the unit to copy it again.',
  'verdict.help.sealedLocked': 'The bundle is sealed and needs your sign-in password to open: type it above and import again.',
  'seal.office.title': 'Bundle encryption key',
  'seal.office.help': "Once set, the policy carries the encryption key to the units and their bundles are sealed from then on: a lost USB stick reveals nothing. Only this office can open them.",
  'seal.office.none': 'No encryption key yet: the units’ bundles are not sealed.',
  'seal.office.current': 'Current encryption key fingerprint (the next policy carries it to the units)',
  'seal.office.older': 'The {n} earlier encryption key(s) are kept to open bundles sealed before the change.',
  'seal.office.create': 'Set an encryption key',
  'seal.office.rotate': 'Change the encryption key',
  'seal.office.needPassword': 'Type your password at the bottom of the page first',
  'seal.office.created': 'A new encryption key is set. Issue a policy to carry it to the units.',
  'seal.export.sealed': 'The bundle will be sealed; only the city information office can open it. Encryption key fingerprint: {fp}',
  'seal.export.unsealed': 'The office has not sent an encryption key yet: this bundle is not sealed. Keep the removable media safe.',
  'seal.policy.key': 'Bundle encryption key fingerprint',
  'seal.policy.none': 'not sent (bundles are not sealed)',
  'seal.import.password': 'Your sign-in password',
  'seal.import.passwordHelp': 'Sealed bundles need your sign-in password to open; unsealed ones do not.',
};
