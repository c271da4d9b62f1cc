import type { zhAttachBundle } from './zh.attachBundle';

export const enAttachBundle: Record<keyof typeof zhAttachBundle, string> = {
  'verdict.help.badAttachment': 'Attachment check failed: {detail}',
  'attachBundle.card': 'Attachments with bundles',
  'attachBundle.require': 'Units send attachments with their bundles',
  'attachBundle.help': 'When ticked, units send the attachments of fault tickets, trainings and security incidents (scanned repair sheets, sign-in sheets, scene photos) with every bundle. At most {cap} MB of attachments per bundle; the rest goes with the next export.',
  'attachBundle.exportNote': 'The office asks for attachments: this export sends {n} attachment(s), {size} in all.',
  'attachBundle.cut': 'The attachments pass the {cap} MB per bundle: this export stops at entry {toSeq}; export again for the rest.',
  'attachBundle.fileMissing': 'The file of attachment "{name}" is missing or changed on this PC and cannot be sent: restore it from a backup first',
  'attachBundle.column': 'Attachments',
  'attach.problem.notSent': 'File not sent with the bundle',
  'attach.problem.notOnServer': 'The PostgreSQL store keeps attachments only inside the bundles as received',
  'attachBundle.policyChanged': 'The office asks for attachments with bundles',
  'attachBundle.policyDropped': 'The office no longer asks for attachments with bundles',
  'attachBundle.state.asked': 'Attachments: sent with every bundle (fault tickets, trainings, security incidents)',
  'attachBundle.state.not': 'Attachments: not asked for (bundles carry their records only)',
};
