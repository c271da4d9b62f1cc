import dayjs from 'dayjs';
import { assembleBundle, prepareBundle } from '../../../shared/bundle/codec';
import type { Manifest } from '../../../shared/bundle/format';
import { sealBundle } from '../../../shared/bundle/seal';
import { digest } from '../../../shared/bundle/suites';
import { sealRecipient } from '../../db/policy';
import type { Account } from '../../../shared/domain/account';
import type { UnitProfile } from '../../../shared/domain/unit';
import { exportFiles, recordExport, type ExportPlan } from '../../db/bundleExport';
import type { Actor } from '../../db/repository';
import { db } from '../../state/db';
import { download } from '../../ui/files';
import { toBase64 } from '../../../shared/encoding/base64';
import { entryRange } from '../../ui/format';
import { invoke } from '../../state/ipc';
import type { Translate } from '../../i18n';
import type { KeyStatus } from './UnitKeyCard';
import { keyFailureText } from './unitKeyActions';

export type ExportOutcome = { ok: true; fileName: string; fileHash: string; manifest: Manifest; sealed: boolean } | { ok: false; message: string };

/**
 * The whole export of the segment the user was shown: the password checked, the manifest
 * signed by main, the file offered for saving, then the copy filing and the
 * last-export mark written together.
 */
export async function exportBundle(args: { t: Translate; actor: Actor; unit: UnitProfile; account: Account; key: KeyStatus; plan: ExportPlan; password: string }): Promise<ExportOutcome> {
  const { t, unit, account, key, plan } = args;
  const createdAt = Date.now();
  const files = plan.files ? await exportFiles(db, plan.files) : null;
  if (files && !files.ok) return { ok: false, message: t('attachBundle.fileMissing', { name: files.fileName }) };
  const prepared = prepareBundle(
    { unit: { id: unit.id, name: unit.name, code: unit.code }, createdBy: { accountId: account.id, name: account.displayName }, createdAt, prevHash: plan.prevHash, entries: plan.entries, ...(files ? { files: files.files } : {}) },
    { suite: key.suite, keyId: key.keyId },
  );
  const signed = await invoke('bundle:sign', { unitId: unit.id, accountId: account.id, password: args.password, manifest: toBase64(prepared.manifestBytes) });
  if (!signed.ok) return { ok: false, message: t(keyFailureText(signed.code)) };
  if (signed.keyId !== key.keyId) return { ok: false, message: t('err.generic', { message: 'key changed' }) };
  const bundle = assembleBundle(prepared, signed.signature);
  // Sign, then seal: what leaves the PC is readable only with the office's key, once a policy has named one.
  const recipient = await sealRecipient(db, unit.id);
  const bytes = recipient ? sealBundle(bundle.bytes, recipient) : bundle.bytes;
  const fileHash = recipient ? digest(key.suite, bytes) : bundle.fileHash;
  const fileName = `zwledger-${unit.code}-${plan.fromSeq}-${plan.toSeq}-${dayjs(createdAt).format('YYYYMMDD-HHmm')}.zwb`;
  download(fileName, bytes);
  await recordExport(db, args.actor, {
    manifest: bundle.manifest,
    fileName,
    fileHash,
    exportedBy: account.displayName,
    description: t('export.filingDescription', { file: fileName, range: entryRange(t, plan.fromSeq, plan.toSeq), n: plan.entries.length, hash: fileHash }),
    purpose: t('export.filingPurpose'),
  });
  return { ok: true, fileName, fileHash, manifest: bundle.manifest, sealed: recipient !== null };
}
