import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, InputNumber, Popconfirm, Radio, Space, Typography, type FormRule } from 'antd';
import type { PgFailureResult, ServerAddressInput } from '../../../shared/ipc/contract.pg';
import { invoke } from '../../state/ipc';
import { PgConsoleError, sessionToken, useConsoleMode } from '../../state/consoleMode';
import { useSession } from '../../state/session';
import { useT, type MessageKey } from '../../i18n';
import { PasswordField, TextField } from '../../ui/LimitedInput';
import { problemText } from '../console/useConsoleSource';

type Values = ServerAddressInput & { password?: string };

/** What the last button found, shown under the form until a field changes. */
type Finding = { kind: 'ok'; text: string } | { kind: 'migrate' } | { kind: 'problem'; error: PgConsoleError };

const DEFAULT_PORT = 5432;

/**
 * 设置 → 汇总数据库: the office console's store. The administrator types the
 * server once; main tests it, offers to create the schema, and keeps the
 * password sealed. The page never gets the password back.
 */
export function ConsoleDatabaseCard({ editable }: { editable: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const unitId = useSession((s) => s.unit?.id);
  const { mode, server, ready, load } = useConsoleMode();
  const [choice, setChoice] = useState<'local' | 'pg'>('local');
  const [busy, setBusy] = useState<'test' | 'migrate' | 'save' | 'local' | null>(null);
  const [finding, setFinding] = useState<Finding | null>(null);
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    if (mode === null) void load().catch(() => undefined);
  }, [mode, load]);
  useEffect(() => {
    if (mode) setChoice(mode);
    form.setFieldsValue(server ?? { port: DEFAULT_PORT });
  }, [mode, server, form]);

  const required = (label: MessageKey): FormRule => ({ required: true, whitespace: true, message: t('settings.db.field.required', { field: t(label) }) });
  const namePattern: FormRule = { pattern: /^[^\s'"\\]+$/, message: t('settings.db.field.name') };

  /** Runs one of main's calls on what was typed; a refusal shows under the form, in Chinese. */
  const call = async <R extends { ok: true }>(which: 'test' | 'migrate' | 'save', fn: (v: { server: ServerAddressInput; password: string }) => Promise<R | PgFailureResult>, done: (r: R) => void) => {
    const values = await form.validateFields();
    const typed = { server: { host: values.host.trim(), port: values.port, database: values.database.trim(), user: values.user.trim() }, password: values.password ?? '' };
    setBusy(which);
    setFinding(null);
    try {
      const r = await fn(typed);
      if (r.ok) done(r);
      else if (r.code === 'schemaOld') setFinding({ kind: 'migrate' });
      else setFinding({ kind: 'problem', error: new PgConsoleError(r.code) });
    } finally {
      setBusy(null);
    }
  };

  const test = () =>
    call('test', (v) => invoke('pgConsole:test', { session: sessionToken(), ...v }), () => setFinding({ kind: 'ok', text: t('settings.db.testOk') })).catch(() => undefined);
  const migrate = () =>
    call(
      'migrate',
      (v) => invoke('pgConsole:migrate', { session: sessionToken(), ...v }),
      () => setFinding({ kind: 'ok', text: t('settings.db.migrated') }),
    ).catch(() => undefined);
  const save = () =>
    call(
      'save',
      (v) => invoke('pgConsole:save', { session: sessionToken(), unitId: unitId ?? '', ...v }),
      () => {
        form.setFieldValue('password', '');
        message.success(t('settings.db.saved'));
        void load();
      },
    ).catch(() => undefined);
  const useLocal = async () => {
    setBusy('local');
    try {
      const r = await invoke('pgConsole:useLocal', { session: sessionToken() });
      if (!r.ok) return setFinding({ kind: 'problem', error: new PgConsoleError(r.code) });
      setFinding(null);
      message.success(t('settings.db.switchedLocal'));
      await load();
    } finally {
      setBusy(null);
    }
  };

  const status =
    mode === 'pg' && server ? (
      <Alert type={ready ? 'success' : 'warning'} showIcon data-testid="db-status" message={t('settings.db.usingPg', { ...server })} description={ready ? undefined : `${t('settings.db.notReady')}${t('pg.failure.locked')}`} />
    ) : (
      <Alert type="info" showIcon data-testid="db-status" message={t('settings.db.usingLocal')} />
    );

  return (
    <Card size="small" title={t('settings.db.title')} data-testid="console-db">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('settings.db.help')}</Typography.Text>
        {status}
        {!editable ? (
          <Typography.Text type="secondary">{t('settings.db.onlyAdmin')}</Typography.Text>
        ) : (
          <>
            <Radio.Group
              value={choice}
              onChange={(e) => {
                setChoice(e.target.value as 'local' | 'pg');
                setFinding(null);
              }}
              options={[
                { value: 'local', label: t('settings.db.local') },
                { value: 'pg', label: t('settings.db.pg') },
              ]}
              aria-label={t('settings.db.title')}
            />
            {choice === 'local' && mode === 'pg' && (
              <Popconfirm title={t('settings.db.confirmLocal')} description={<div style={{ maxWidth: 360 }}>{t('settings.db.confirmLocalHelp')}</div>} onConfirm={() => void useLocal()}>
                <Button loading={busy === 'local'}>{t('settings.db.useLocal')}</Button>
              </Popconfirm>
            )}
            {choice === 'pg' && (
              <Form form={form} layout="vertical" onValuesChange={() => setFinding(null)} initialValues={{ port: DEFAULT_PORT }}>
                <div className="form-grid">
                  <Form.Item name="host" label={t('settings.db.host')} rules={[required('settings.db.host'), { pattern: /^[A-Za-z0-9.:\-[\]]+$/, message: t('settings.db.field.host') }]}>
                    <TextField max={253} placeholder="192.168.10.20" />
                  </Form.Item>
                  <Form.Item name="port" label={t('settings.db.port')} rules={[{ required: true, type: 'integer', min: 1, max: 65535, message: t('settings.db.field.port') }]}>
                    <InputNumber min={1} max={65535} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name="database" label={t('settings.db.database')} rules={[required('settings.db.database'), namePattern]}>
                    <TextField max={63} placeholder="zwledger" />
                  </Form.Item>
                  <Form.Item name="user" label={t('settings.db.user')} rules={[required('settings.db.user'), namePattern]}>
                    <TextField max={63} placeholder="zwledger" />
                  </Form.Item>
                  <Form.Item name="password" label={t('settings.db.password')} extra={t('settings.db.passwordHelp')}>
                    <PasswordField max={256} autoComplete="new-password" />
                  </Form.Item>
                </div>
                <Space wrap>
                  <Button onClick={() => void test()} loading={busy === 'test'} disabled={busy !== null && busy !== 'test'}>
                    {t('settings.db.test')}
                  </Button>
                  <Button type="primary" onClick={() => void save()} loading={busy === 'save'} disabled={busy !== null && busy !== 'save'}>
                    {t('settings.db.save')}
                  </Button>
                </Space>
              </Form>
            )}
            {choice === 'pg' && finding?.kind === 'ok' && <Alert type="success" showIcon message={finding.text} data-testid="db-finding" />}
            {choice === 'pg' && finding?.kind === 'problem' && (
              <Alert
                type="error"
                showIcon
                data-testid="db-finding"
                message={problemText(t, finding.error)}
                description={finding.error.code === 'permission' ? t('settings.db.privileges') : undefined}
              />
            )}
            {choice === 'pg' && finding?.kind === 'migrate' && (
              <Alert
                type="warning"
                showIcon
                data-testid="db-finding"
                message={t('settings.db.migrateOffer')}
                description={t('settings.db.privileges')}
                action={
                  <Button size="small" type="primary" onClick={() => void migrate()} loading={busy === 'migrate'}>
                    {t('settings.db.migrate')}
                  </Button>
                }
              />
            )}
          </>
        )}
      </Space>
    </Card>
  );
}
