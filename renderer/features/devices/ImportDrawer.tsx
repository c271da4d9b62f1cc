import { memo, useEffect, useMemo, useRef, useState } from 'react';
import dayjs from 'dayjs';
import { Alert, App, Button, Drawer, Form, InputNumber, Segmented, Select, Space, Steps, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { dataRows, emptyMapping, openDeviceSheet, IMPORT_FIELDS, IMPORT_LIMITS, planDeviceImport, refusedSheet, REQUIRED_FIELDS, SHEET_READ_LIMITS, type Cell, type ImportField, type ImportPlan, type Mapping, type PlanRow } from '../../../shared/import/deviceSheet';
import { applyDeviceImport } from '../../db/deviceImport';
import { db } from '../../state/db';
import { exportSheet } from '../../ui/exportSheet';
import { issueText } from '../../ui/formErrors';
import { useT } from '../../i18n';
import { useActor, useSession } from '../../state/session';
import { FilePickButton } from '../../ui/FilePickButton';
import { useDevices } from './deviceStore';
import { fieldLabel, fieldLabels, fieldValueText, sheetHeader, vocabulary } from './deviceSheet';
import { readSpreadsheet, startSpreadsheetWorker, type SpreadsheetFailure } from './readSpreadsheet';

const MB = IMPORT_LIMITS.bytes / 1024 / 1024;
const PART_MB = IMPORT_LIMITS.partBytes / 1024 / 1024;
/** Excel 97–2003 and WPS's own format: read-excel-file and our reader take only .xlsx. */
const LEGACY = /\.(xls|et|ett|xlt)$/i;
const ACTION_COLOR = { create: 'green', update: 'blue', unchanged: 'default', refuse: 'red' } as const;

/**
 * Spreadsheet import of the register: choose a file, match its columns, see
 * per row what will be created, updated or refused and why — and only then
 * write, in one transaction.
 */
export const ImportDrawer = memo(function ImportDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const actor = useActor();
  const unitName = useSession((s) => s.unit?.name ?? '');
  const rows = useDevices((s) => s.rows);
  const load = useDevices((s) => s.load);
  const [step, setStep] = useState(0);
  const [sheet, setSheet] = useState<Cell[][]>([]);
  const [headerRow, setHeaderRow] = useState(0);
  const [mapping, setMapping] = useState<Mapping>(emptyMapping);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [onlyRefused, setOnlyRefused] = useState(false);
  const [fileName, setFileName] = useState('');
  const reading = useRef<AbortController | null>(null);
  const spareWorker = useRef<Worker | null>(null);

  // The reader's worker loads while the user picks the file; each read takes it (or starts its own) and ends it.
  useEffect(() => {
    if (!open) return;
    spareWorker.current ??= startSpreadsheetWorker();
    return () => {
      spareWorker.current?.terminate();
      spareWorker.current = null;
    };
  }, [open]);

  const reset = () => {
    reading.current?.abort();
    reading.current = null;
    setBusy(false);
    setStep(0);
    setSheet([]);
    setError(undefined);
    setOnlyRefused(false);
  };
  const close = () => {
    reset();
    onClose();
  };

  const failureText = (failure: Exclude<SpreadsheetFailure, 'aborted'>): string => {
    switch (failure) {
      case 'legacy':
        return t('import.legacy');
      case 'tooLarge':
        return t('import.partTooBig', { mb: PART_MB });
      case 'tooManyRows':
        return t('import.tooManyRows', { rows: IMPORT_LIMITS.rows });
      case 'timeout':
        return t('import.timeout');
      case 'failed':
        return t('import.failed');
      case 'corrupt':
        return t('import.corrupt');
      case 'notXlsx':
        return t('import.unreadable');
    }
  };

  // Every read settles (rows, a failure, or the timeout in readSpreadsheet) and leaves the picker ready for another file.
  const readFile = async (file: File) => {
    setError(undefined);
    if (LEGACY.test(file.name)) return setError(t('import.legacy'));
    if (file.size > IMPORT_LIMITS.bytes) return setError(t('import.tooBig', { mb: MB }));
    reading.current?.abort();
    const controller = new AbortController();
    reading.current = controller;
    setBusy(true);
    try {
      const worker = spareWorker.current;
      spareWorker.current = null;
      const read = await readSpreadsheet(file, SHEET_READ_LIMITS, { signal: controller.signal, worker });
      if (controller.signal.aborted) return;
      if (!read.ok) {
        if (read.failure !== 'aborted') setError(failureText(read.failure));
        return;
      }
      const opened = openDeviceSheet(read.rows as Cell[][], fieldLabels(t));
      if (!opened.ok) return setError(t('import.tooManyRows', { rows: IMPORT_LIMITS.rows }));
      const found = opened.header;
      setSheet(opened.sheet);
      setFileName(file.name);
      setHeaderRow(found?.headerRow ?? 0);
      setMapping(found?.mapping ?? emptyMapping());
      if (!found) setError(t('import.noHeader'));
      setStep(1);
    } catch {
      if (!controller.signal.aborted) setError(t('import.unreadable'));
    } finally {
      if (reading.current === controller) {
        reading.current = null;
        setBusy(false);
      }
    }
  };

  const columns = useMemo(() => {
    const head = sheet[headerRow] ?? [];
    const width = Math.max(0, ...sheet.slice(0, headerRow + 20).map((r) => r.length));
    return Array.from({ length: width }, (_, i) => ({ value: i, label: t('import.column', { n: i + 1, title: String(head[i] ?? '') }) }));
  }, [sheet, headerRow, t]);
  const missing = REQUIRED_FIELDS.filter((f) => mapping[f] === null);

  const plan: ImportPlan | undefined = useMemo(() => {
    if (step !== 2) return undefined;
    return planDeviceImport(dataRows(sheet, headerRow, mapping, vocabulary()), rows.map((r) => r.device));
  }, [step, sheet, headerRow, mapping, rows]);
  const writable = plan ? plan.create + plan.update : 0;

  const apply = async () => {
    setBusy(true);
    try {
      const result = await applyDeviceImport(db, actor, dataRows(sheet, headerRow, mapping, vocabulary()));
      await load(actor.unitId);
      void message.success(t('import.done', { create: result.plan.create, update: result.plan.update }));
      close();
    } catch (e) {
      setError(t('err.generic', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  const reason = (r: PlanRow): string => {
    if (r.action === 'refuse') return r.issues.map((i) => `${i.field ? `${fieldLabel(t, i.field as ImportField)}：` : ''}${issueText(t, i.code, i.vars)}`).join('；');
    if (r.action === 'update') {
      const change = (f: ImportField) => t('import.change', { field: fieldLabel(t, f), from: fieldValueText(t, f, r.target[f]), to: fieldValueText(t, f, r.body[f]) });
      return t('import.changed', { fields: r.changed.map((f) => change(f as ImportField)).join('；') });
    }
    return '';
  };
  const downloadRefused = async () => {
    if (!plan) return;
    const { header, rows: body } = refusedSheet(sheet, headerRow, plan, { row: t('import.refusedRow'), reason: t('import.refusedReason') }, reason);
    const stem = fileName.replace(/\.xlsx$/i, '');
    await exportSheet(`${stem}-${t('import.refusedFile')}-${dayjs().format('YYYYMMDD-HHmm')}.xlsx`, t('import.refusedTitle'), unitName, header, body);
  };
  const cell = (r: PlanRow, f: 'ip' | 'mac' | 'owner') => (r.action === 'refuse' ? String(r.input[f] ?? '') : r.action === 'unchanged' ? r.target[f] : r.body[f]);

  return (
    <Drawer open={open} onClose={close} title={t('import.title')} size={900} destroyOnHidden>
      <Steps size="small" current={step} style={{ marginBottom: 20 }} items={[{ title: t('import.step.file') }, { title: t('import.step.map') }, { title: t('import.step.preview') }]} />
      {error && <Alert type={step === 1 ? 'warning' : 'error'} showIcon message={error} style={{ marginBottom: 16 }} />}
      {step === 0 && (
        <Space orientation="vertical" size="middle">
          <Typography.Text>{t('import.fileHelp', { mb: MB, rows: IMPORT_LIMITS.rows })}</Typography.Text>
          <Space>
            <FilePickButton type="primary" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" testId="import-file" icon={<UploadOutlined />} loading={busy} onFile={(file) => void readFile(file)}>
              {busy ? t('import.reading') : t('import.choose')}
            </FilePickButton>
            <Button icon={<DownloadOutlined />} onClick={() => void exportSheet(`${t('import.templateTitle')}.xlsx`, t('import.templateTitle'), unitName, sheetHeader(t).slice(0, IMPORT_FIELDS.length), [])}>
              {t('import.template')}
            </Button>
          </Space>
        </Space>
      )}
      {step === 1 && (
        <>
          <Typography.Paragraph type="secondary">{fileName}</Typography.Paragraph>
          <Form layout="horizontal" labelCol={{ span: 6 }} wrapperCol={{ span: 14 }}>
            <Form.Item label={t('import.headerRow')}>
              <InputNumber min={1} max={Math.max(1, Math.min(10, sheet.length))} value={headerRow + 1} onChange={(v) => typeof v === 'number' && setHeaderRow(v - 1)} />
            </Form.Item>
            {IMPORT_FIELDS.map((f) => (
              <Form.Item key={f} label={fieldLabel(t, f)} required={REQUIRED_FIELDS.includes(f)} style={{ marginBottom: 10 }}>
                <Select
                  aria-label={fieldLabel(t, f)}
                  value={mapping[f] ?? -1}
                  onChange={(v: number) => setMapping((m) => ({ ...m, [f]: v === -1 ? null : v }))}
                  options={[{ value: -1, label: t('import.notMapped') }, ...columns]}
                />
              </Form.Item>
            ))}
          </Form>
          <Typography.Paragraph type="secondary">{t('import.defaultHint')}</Typography.Paragraph>
          {missing.length > 0 && <Alert type="error" showIcon message={t('import.requiredMissing', { fields: missing.map((f) => fieldLabel(t, f)).join('、') })} style={{ marginBottom: 12 }} />}
          <Space>
            <Button onClick={reset}>{t('common.prev')}</Button>
            <Button type="primary" disabled={missing.length > 0} onClick={() => { setError(undefined); setStep(2); }}>
              {t('import.toPreview')}
            </Button>
          </Space>
        </>
      )}
      {step === 2 && plan && (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <Typography.Text strong data-testid="import-summary">{t('import.summary', { create: plan.create, update: plan.update, unchanged: plan.unchanged, refuse: plan.refuse })}</Typography.Text>
            <Segmented size="small" value={onlyRefused ? 'refused' : 'all'} onChange={(v) => setOnlyRefused(v === 'refused')} options={[{ value: 'all', label: t('common.all') }, { value: 'refused', label: t('import.onlyRefused') }]} />
            {plan.refuse > 0 && (
              <Button size="small" icon={<DownloadOutlined />} onClick={() => void downloadRefused()}>
                {t('import.downloadRefused', { n: plan.refuse })}
              </Button>
            )}
          </Space>
          <Table<PlanRow>
            size="small"
            rowKey="row"
            dataSource={onlyRefused ? plan.rows.filter((r) => r.action === 'refuse') : plan.rows}
            pagination={{ pageSize: 50, size: 'small', showSizeChanger: false }}
            scroll={{ y: 460 }}
            columns={[
              { title: t('import.row'), dataIndex: 'row', width: 64 },
              { title: t('import.action'), width: 80, render: (_, r) => <Tag color={ACTION_COLOR[r.action]}>{t(`import.action.${r.action}`)}</Tag> },
              { title: t('device.ip'), width: 130, render: (_, r) => <span className="mono">{cell(r, 'ip')}</span> },
              { title: t('device.mac'), width: 160, render: (_, r) => <span className="mono">{cell(r, 'mac')}</span> },
              { title: t('device.owner'), width: 90, render: (_, r) => cell(r, 'owner') },
              { title: t('import.reasons'), render: (_, r) => <span data-testid={`reason-${r.row}`}>{reason(r)}</span> },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>{t('import.applyHelp')}</Typography.Paragraph>
          <Space>
            <Button onClick={() => setStep(1)}>{t('common.prev')}</Button>
            <Button type="primary" loading={busy} disabled={writable === 0} onClick={() => void apply()}>
              {writable === 0 ? t('import.nothing') : t('import.apply', { n: writable })}
            </Button>
          </Space>
        </>
      )}
    </Drawer>
  );
});
