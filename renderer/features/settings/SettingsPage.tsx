import { useEffect, useState } from 'react';
import { App, Button, Card, Descriptions, Form, InputNumber, Radio, Space, Typography } from 'antd';
import { unitProfileInput, UNIT_AREAS, UNIT_LEVELS, type UnitProfileInput } from '../../../shared/domain/unit';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { updateUnit } from '../../db/accounts';
import { db } from '../../state/db';
import { invoke } from '../../state/ipc';
import { useT } from '../../i18n';
import { useActor, useCan, useSession } from '../../state/session';
import { IDLE_MINUTES_RANGE, useSettings } from '../../state/settings';
import { clearErrorsOnChange } from '../../ui/formErrors';
import { useFormWrite, WriteErrors } from '../../ui/useFormWrite';
import { zodRule } from '../../ui/zodRule';
import { TextField } from '../../ui/LimitedInput';
import { LanguageSwitch } from './LanguageSwitch';
import { ConsoleDatabaseCard } from './ConsoleDatabaseCard';

const PROFILE_FIELDS = ['name', 'code', 'leader', 'office', 'adminName', 'adminPhone', 'docOfficerName', 'docOfficerPhone'] as const;

export function SettingsPage() {
  const t = useT();
  const { message } = App.useApp();
  const canEdit = useCan('settings.edit');
  const { idleMinutes, setIdleMinutes } = useSettings();
  const [info, setInfo] = useState<ResponseOf<'app:info'>>();

  useEffect(() => {
    void invoke('app:info', {}).then(setInfo, () => undefined);
  }, []);

  return (
    <div className="page">
      <Typography.Title level={4}>{t('settings.title')}</Typography.Title>
      <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 860 }}>
        <Card size="small">
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('settings.language')}>
              <LanguageSwitch />
            </Descriptions.Item>
            <Descriptions.Item label={t('settings.idle')}>
              <Space>
                <InputNumber
                  min={IDLE_MINUTES_RANGE.min}
                  max={IDLE_MINUTES_RANGE.max}
                  value={idleMinutes}
                  disabled={!canEdit}
                  onChange={(v) => {
                    if (typeof v === 'number') void setIdleMinutes(v).then(() => message.success(t('common.saved')));
                  }}
                  aria-label={t('settings.idle')}
                />
                <Typography.Text type="secondary">{t('settings.idleHelp')}</Typography.Text>
              </Space>
            </Descriptions.Item>
            {info && (
              <>
                <Descriptions.Item label={t('settings.mode')}>{t(`settings.mode.${info.mode}`)}</Descriptions.Item>
                <Descriptions.Item label={t('settings.dataDir')}>
                  <span className="mono">{info.dataDir}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('settings.version')}>{info.version}</Descriptions.Item>
              </>
            )}
          </Descriptions>
        </Card>
        <UnitProfileCard editable={canEdit} />
        <ConsoleDatabaseCard editable={canEdit} />
      </Space>
    </div>
  );
}

function UnitProfileCard({ editable }: { editable: boolean }) {
  const t = useT();
  const unit = useSession((s) => s.unit);
  const setUnit = useSession((s) => s.setUnit);
  const actor = useActor();
  const [form] = Form.useForm<UnitProfileInput>();
  const { busy, banner, run } = useFormWrite(form);
  const shape = unitProfileInput.shape;

  useEffect(() => {
    if (unit) form.setFieldsValue(unit);
  }, [unit, form]);

  if (!unit) return null;
  const save = async () => {
    const values = await form.validateFields();
    await run(async () => setUnit(await updateUnit(db, actor, unit.rev, { ...values })), 'common.saved');
  };

  return (
    <Card size="small" title={t('unit.profile')}>
      <WriteErrors messages={banner} />
      <Form form={form} layout="vertical" disabled={!editable} onValuesChange={clearErrorsOnChange(form)}>
        <div className="form-grid">
          {PROFILE_FIELDS.map((field) => (
            <Form.Item key={field} name={field} label={t(`unit.${field}`)} rules={[zodRule(t, shape[field])]}>
              <TextField max={60} />
            </Form.Item>
          ))}
          <Form.Item name="level" label={t('unit.level')}>
            <Radio.Group options={UNIT_LEVELS.map((v) => ({ value: v, label: t(`unit.level.${v}`) }))} />
          </Form.Item>
          <Form.Item name="area" label={t('unit.area')}>
            <Radio.Group options={UNIT_AREAS.map((v) => ({ value: v, label: t(`unit.area.${v}`) }))} />
          </Form.Item>
        </div>
        {editable && (
          <Button type="primary" loading={busy} onClick={() => void save().catch(() => undefined)}>
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
