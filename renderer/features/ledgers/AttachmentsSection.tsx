import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Image, List, Space, Typography, Upload } from 'antd';
import { DownloadOutlined, FilePdfOutlined, PaperClipOutlined } from '@ant-design/icons';
import type { Attachment, AttachmentOwner } from '../../../shared/attachments/attachment';
import { MAX_ATTACHMENT_BYTES, MIME } from '../../../shared/attachments/sniff';
import { toBase64 } from '../../../shared/encoding/base64';
import { addAttachment, listAttachments, readAttachment, retireAttachment } from '../../db/attachments';
import { db } from '../../state/db';
import { useActor } from '../../state/session';
import { download } from '../../ui/files';
import { formatDateTime, sizeText } from '../../ui/format';
import { showWriteError } from '../../ui/formErrors';
import { RetireReasonModal } from './RetireRecordModal';
import type { LedgerContext } from './types';

/** What is shown of a file once its bytes are read and checked against the SM3 its record holds. */
type FileProblem = 'missing' | 'altered' | 'notSent' | 'notOnServer';
type Loaded = { ok: true; url: string; bytes: Uint8Array } | { ok: false; problem: FileProblem };

/** Where a record's attachments are read from: this PC's own (the default), or what the office received from a unit. */
export interface AttachmentSource {
  list: () => Promise<Attachment[]>;
  read: (attachment: Attachment) => Promise<{ ok: true; bytes: Uint8Array } | { ok: false; problem: FileProblem }>;
}

/**
 * The signed paper of a record: the scanned 维修单, the training's sign-in
 * sheet, photos of an incident scene. Images show as thumbnails (click to
 * enlarge), PDFs download; a file that is not what its content should be is
 * refused with the reason beside the upload button.
 */
export function AttachmentsSection({ owner, recordId, ctx, canEdit, source }: { owner: AttachmentOwner; recordId: string; ctx: LedgerContext; canEdit: boolean; source?: AttachmentSource }) {
  const t = ctx.t;
  const actor = useActor();
  const [items, setItems] = useState<Attachment[]>([]);
  const [loaded, setLoaded] = useState<Record<string, Loaded>>({});
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<Attachment>();

  // A caller may pass a new source object on every render; what it reads from is the same until the record changes.
  const from = useRef(source);
  from.current = source;
  const refresh = useCallback(async () => {
    const source = from.current;
    const list = await (source ? source.list() : listAttachments(db, owner, recordId));
    setItems(list);
    const next: Record<string, Loaded> = {};
    for (const a of list.filter((x) => x.retiredAt === null)) {
      const read = await (source ? source.read(a) : readAttachment(db, a));
      next[a.id] = read.ok ? { ok: true, bytes: read.bytes, url: `data:${MIME[a.type]};base64,${toBase64(read.bytes)}` } : read;
    }
    setLoaded(next);
  }, [owner, recordId]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const upload = async (file: File) => {
    setBusy(true);
    setErrors([]);
    try {
      // Refused before reading: a wrong pick of a video should not be loaded into memory first.
      if (file.size > MAX_ATTACHMENT_BYTES) throw new Error('attach.tooLarge');
      await addAttachment(db, actor, owner, recordId, file.name, new Uint8Array(await file.arrayBuffer()));
      await refresh();
    } catch (error) {
      const reasons = error instanceof Error && error.message === 'attach.tooLarge' ? [t('err.attach.tooLarge')] : showWriteError(undefined, error, t);
      setErrors(reasons.map((r) => t('attach.refused', { name: file.name, reason: r })));
    } finally {
      setBusy(false);
    }
  };

  const active = items.filter((a) => a.retiredAt === null);
  const retired = items.filter((a) => a.retiredAt !== null);
  return (
    <div data-testid="attachments" style={{ marginTop: 20 }}>
      <Typography.Title level={5}>{t('attach.title')}</Typography.Title>
      {canEdit && <Typography.Paragraph type="secondary">{t(`attach.hint.${owner}`)}</Typography.Paragraph>}
      {canEdit && (
        <Space direction="vertical" style={{ width: '100%', marginBottom: 8 }}>
          <Upload
            accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
            multiple
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<PaperClipOutlined />} loading={busy}>
              {t('attach.add')}
            </Button>
          </Upload>
          {errors.length > 0 && <Alert type="error" showIcon data-testid="attach-error" message={errors.join('；')} />}
        </Space>
      )}
      {active.length === 0 ? (
        <Typography.Text type="secondary">{t('attach.none')}</Typography.Text>
      ) : (
        <List
          size="small"
          bordered
          dataSource={active}
          renderItem={(a) => {
            const file = loaded[a.id];
            return (
              <List.Item
                data-testid="attachment"
                actions={[
                  file?.ok && (
                    <Button key="dl" size="small" icon={<DownloadOutlined />} onClick={() => download(a.fileName, new Blob([file.bytes as BlobPart], { type: MIME[a.type] }))}>
                      {t('attach.download')}
                    </Button>
                  ),
                  canEdit && (
                    <Button key="rm" size="small" danger onClick={() => setRemoving(a)}>
                      {t('attach.remove')}
                    </Button>
                  ),
                ].filter(Boolean)}
              >
                <Space align="center">
                  {file?.ok && a.type !== 'pdf' ? (
                    <Image src={file.url} width={64} height={48} style={{ objectFit: 'cover' }} alt={a.fileName} data-testid="thumbnail" />
                  ) : (
                    <FilePdfOutlined style={{ fontSize: 32, color: '#b5222d' }} />
                  )}
                  <span>
                    <Typography.Text strong>{a.fileName}</Typography.Text>
                    <br />
                    <Typography.Text type="secondary">
                      {t('attach.meta', { size: sizeText(a.size), time: formatDateTime(a.createdAt), who: ctx.names.get(a.createdBy) ?? '' })}
                    </Typography.Text>
                    {file && !file.ok && (
                      <Typography.Text type="danger" data-testid="attach-problem">
                        <br />
                        {t(`attach.problem.${file.problem}`)}
                      </Typography.Text>
                    )}
                  </span>
                </Space>
              </List.Item>
            );
          }}
        />
      )}
      {retired.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} data-testid="attach-retired">
          {retired.map((a) => t('attach.retiredLine', { name: a.fileName, time: formatDateTime(a.retiredAt), reason: a.retiredReason ?? '' })).join('；')}
        </Typography.Paragraph>
      )}
      <RetireReasonModal
        t={t}
        open={removing !== undefined}
        title={t('attach.removeTitle', { name: removing?.fileName ?? '' })}
        help={t('attach.removeHelp')}
        done="attach.removed"
        onClose={() => setRemoving(undefined)}
        retire={async (reason) => {
          if (removing) await retireAttachment(db, actor, removing.id, removing.rev, reason);
          await refresh();
        }}
      />
    </div>
  );
}
