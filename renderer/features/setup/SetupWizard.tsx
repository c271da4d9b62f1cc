import { useState } from 'react';
import { Button, Card, Form, Modal, Radio, Space, Steps, Typography } from 'antd';
import { unitProfileInput, UNIT_AREAS, UNIT_LEVELS, type UnitProfileInput } from '../../../shared/domain/unit';
import { accountInput } from '../../../shared/domain/account';
import { setupUnit } from '../../db/accounts';
import { v7 as uuidv7 } from 'uuid';
import { db } from '../../state/db';
import { DEFAULT_SUITE } from '../../../shared/bundle/suites';
import { invoke } from '../../state/ipc';
import { useT, type MessageKey } from '../../i18n';
import { useSession } from '../../state/session';
import { clearErrorsOnChange } from '../../ui/formErrors';
import { useFormWrite, WriteErrors } from '../../ui/useFormWrite';
import { PasswordFields } from '../../ui/PasswordFields';
import { zodRule } from '../../ui/zodRule';
import { TextField } from '../../ui/LimitedInput';
import { LanguageSwitch } from '../settings/LanguageSwitch';
import { RestorePanel } from '../backup/RestorePanel';

type Values = UnitProfileInput & { username: string; displayName: string; password: string; confirm: string };

const STEPS: { title: MessageKey; fields: (keyof Values)[] }[] = [
  { title: 'setup.step.unit', fields: ['name', 'code', 'level', 'area'] },
  { title: 'setup.step.people', fields: ['leader', 'office', 'adminName', 'adminPhone', 'docOfficerName', 'docOfficerPhone'] },
  { title: 'setup.step.account', fields: ['username', 'displayName', 'password', 'confirm'] },
];

/** First run: the unit profile of 第二十七条 and the first administrator account. */
export function SetupWizard() {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [step, setStep] = useState(0);
  const [restoring, setRestoring] = useState(false);
  const { busy, banner, run } = useFormWrite(form);
  const load = useSession((s) => s.load);
  const unitShape = unitProfileInput.shape;
  const accountShape = accountInput.shape;

  const next = async () => {
    await form.validateFields(STEPS[step]!.fields);
    setStep(step + 1);
  };

  const finish = async () => {
    await form.validateFields(STEPS[2]!.fields);
    const values = form.getFieldsValue(true) as Values;
    const done = await run(async () => {
      const { username, displayName, password: _p, confirm: _c, ...profile } = values;
      const ids = { unitId: uuidv7(), accountId: uuidv7() };
      // Main holds the administrator's password from the first moment; the page keeps only the copy a backup carries.
      const made = await invoke('auth:setup', { ...ids, username: username.trim().toLowerCase(), password: values.password });
      if (!made.ok) throw new Error(made.code);
      const { unit, account } = await setupUnit(db, profile, { username, displayName, role: 'admin' }, made.hash, ids);
      // The unit's signing key is made on first run; should it fail, the export page offers to make it.
      await invoke('unitKey:create', { unit: { id: unit.id, name: unit.name, code: unit.code }, suite: DEFAULT_SUITE, accountId: account.id, password: values.password, replace: false }).catch(() => undefined);
    }, 'setup.done');
    if (done) await load();
  };

  const show = (i: number) => ({ display: step === i ? 'block' : 'none' });

  return (
    <div className="center-page">
      <Card className="setup-card" title={t('setup.title')} extra={<LanguageSwitch />}>
        <Typography.Paragraph type="secondary">{t('setup.intro')}</Typography.Paragraph>
        <Steps current={step} items={STEPS.map((s) => ({ title: t(s.title) }))} style={{ marginBottom: 24 }} />
        <WriteErrors messages={banner} />
        <Form form={form} layout="vertical" initialValues={{ level: 'county', area: 'urban' }} requiredMark onValuesChange={clearErrorsOnChange(form)}>
          <div style={show(0)}>
            <Form.Item name="name" required label={t('unit.name')} rules={[zodRule(t, unitShape.name)]}>
              <TextField max={60} placeholder="庄浪县人民政府办公室" />
            </Form.Item>
            <Form.Item name="code" required label={t('unit.code')} rules={[zodRule(t, unitShape.code)]}>
              <TextField max={32} placeholder="ZL-001" />
            </Form.Item>
            <Form.Item name="level" required label={t('unit.level')} rules={[{ required: true }]}>
              <Radio.Group options={UNIT_LEVELS.map((v) => ({ value: v, label: t(`unit.level.${v}`) }))} />
            </Form.Item>
            <Form.Item name="area" required label={t('unit.area')} rules={[{ required: true }]}>
              <Radio.Group options={UNIT_AREAS.map((v) => ({ value: v, label: t(`unit.area.${v}`) }))} />
            </Form.Item>
          </div>
          <div style={show(1)}>
            <Space.Compact block style={{ gap: 16 }}>
              <Form.Item name="leader" required label={t('unit.leader')} rules={[zodRule(t, unitShape.leader)]} style={{ flex: 1 }}>
                <TextField max={30} />
              </Form.Item>
              <Form.Item name="office" required label={t('unit.office')} rules={[zodRule(t, unitShape.office)]} style={{ flex: 1 }}>
                <TextField max={40} />
              </Form.Item>
            </Space.Compact>
            <Space.Compact block style={{ gap: 16 }}>
              <Form.Item name="adminName" required label={t('unit.adminName')} rules={[zodRule(t, unitShape.adminName)]} style={{ flex: 1 }}>
                <TextField max={30} />
              </Form.Item>
              <Form.Item name="adminPhone" required label={t('unit.adminPhone')} rules={[zodRule(t, unitShape.adminPhone)]} style={{ flex: 1 }}>
                <TextField max={20} />
              </Form.Item>
            </Space.Compact>
            <Space.Compact block style={{ gap: 16 }}>
              <Form.Item name="docOfficerName" required label={t('unit.docOfficerName')} rules={[zodRule(t, unitShape.docOfficerName)]} style={{ flex: 1 }}>
                <TextField max={30} />
              </Form.Item>
              <Form.Item name="docOfficerPhone" required label={t('unit.docOfficerPhone')} extra={t('unit.docOfficerPhoneHelp')} rules={[zodRule(t, unitShape.docOfficerPhone)]} style={{ flex: 1 }}>
                <TextField max={20} />
              </Form.Item>
            </Space.Compact>
          </div>
          <div style={show(2)}>
            <Form.Item name="username" required label={t('account.username')} rules={[zodRule(t, accountShape.username)]}>
              <TextField max={32} autoComplete="off" placeholder="admin" />
            </Form.Item>
            <Form.Item name="displayName" required label={t('account.displayName')} rules={[zodRule(t, accountShape.displayName)]}>
              <TextField max={30} />
            </Form.Item>
            <PasswordFields />
          </div>
        </Form>
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          {step === 0 && (
            <Button type="link" onClick={() => setRestoring(true)}>
              {t('backup.restoreFromBackup')}
            </Button>
          )}
          {step > 0 && <Button onClick={() => setStep(step - 1)}>{t('common.prev')}</Button>}
          {step < 2 ? (
            <Button type="primary" onClick={() => void next().catch(() => undefined)}>
              {t('common.next')}
            </Button>
          ) : (
            <Button type="primary" loading={busy} onClick={() => void finish().catch(() => undefined)}>
              {t('setup.finish')}
            </Button>
          )}
        </Space>
      </Card>
      <Modal open={restoring} title={t('backup.restoreFromBackup')} footer={null} onCancel={() => setRestoring(false)} destroyOnHidden width={640}>
        <RestorePanel overExisting={false} />
      </Modal>
    </div>
  );
}
