import { Button, Checkbox, DatePicker, Form, InputNumber, Select, Space, type FormRule } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { CHECK_RESULTS } from '../../../shared/ledgers/inspection';
import type { MessageKey } from '../../i18n';
import { lengthRule, TextBox, TextField } from '../../ui/LimitedInput';
import { SuggestField } from '../../ui/SuggestField';
import { afterToday } from '../../ui/pastOnly';
import { zodRule } from '../../ui/zodRule';
import { deviceLabel } from './useLedgerContext';
import { distinctValues } from '../devices/registerValues';
import type { FieldDef, LedgerContext } from './types';

const DATE = 'YYYY-MM-DD';
const DATETIME = 'YYYY-MM-DD HH:mm';

function optionLabel(ctx: LedgerContext, field: FieldDef, value: string): string {
  return ctx.t(`${field.optionPrefix ?? field.name}.${value}` as MessageKey);
}

/**
 * One form field of a declared ledger, as its kind asks. `pastOnly` greys out
 * the days after today for fields that record what already happened; the
 * repository refuses a later hour of today with the same rule.
 */
export function FieldInput({ field, ctx, multipleDevices, pastOnly }: { field: FieldDef; ctx: LedgerContext; multipleDevices?: boolean; pastOnly?: boolean }) {
  const t = ctx.t;
  const label = t(field.label);
  const textual = field.kind === 'text' || field.kind === 'textarea';
  // `whitespace` makes the rule a string rule: only text fields may carry it, or a number would be "empty".
  const rules: FormRule[] = [];
  if (field.schema) rules.push(zodRule(t, field.schema));
  else {
    if (field.required && field.kind !== 'check') rules.push(textual ? { required: true, whitespace: true, message: t('err.requiredField') } : { required: true, message: t('err.requiredField') });
    if (textual && field.max !== undefined) rules.push(lengthRule(t, field.max));
  }
  const common = { name: field.name, label, rules, extra: field.help ? t(field.help) : undefined, className: field.wide ? 'form-wide' : undefined, required: field.required };
  const disabledDate = pastOnly ? afterToday : undefined;

  switch (field.kind) {
    case 'text':
      return (
        <Form.Item {...common}>
          {field.suggestions ? (
            <SuggestField suggestions={field.suggestions(ctx)} max={field.max ?? 10_000} placeholder={field.placeholder} autoFocus={field.autoFocus} />
          ) : (
            <TextField max={field.max ?? 10_000} placeholder={field.placeholder} autoFocus={field.autoFocus} />
          )}
        </Form.Item>
      );
    case 'textarea':
      return <Form.Item {...common}><TextBox max={field.max ?? 10_000} rows={3} placeholder={field.placeholder} /></Form.Item>;
    case 'number':
      return <Form.Item {...common}><InputNumber min={field.min} max={field.max} style={{ width: '100%' }} /></Form.Item>;
    case 'date':
      return <Form.Item {...common}><DatePicker format={DATE} style={{ width: '100%' }} allowClear={!field.required} disabledDate={disabledDate} /></Form.Item>;
    case 'datetime':
      return (
        <Form.Item {...common}>
          <DatePicker showTime={{ format: 'HH:mm' }} format={DATETIME} style={{ width: '100%' }} allowClear={!field.required} needConfirm={false} disabledDate={disabledDate} />
        </Form.Item>
      );
    case 'check':
      return <Form.Item name={field.name} valuePropName="checked" className={common.className} extra={common.extra}><Checkbox>{label}</Checkbox></Form.Item>;
    case 'select':
      return (
        <Form.Item {...common}>
          <Select allowClear={field.nullable} options={(field.options ?? []).map((v) => ({ value: v, label: optionLabel(ctx, field, v) }))} aria-label={label} />
        </Form.Item>
      );
    case 'device':
    case 'devices': {
      const many = field.kind === 'devices' || multipleDevices === true;
      return (
        <Form.Item {...common} extra={many ? <DevicePicks name={field.name} ctx={ctx} help={common.extra} /> : common.extra}>
          <Select
            mode={many ? 'multiple' : undefined}
            showSearch={{ optionFilterProp: 'label' }}
            allowClear
            maxTagCount={many ? 'responsive' : undefined}
            aria-label={label}
            options={ctx.activeDevices.map((d) => ({ value: d.id, label: `${d.ip}  ${d.owner} · ${d.office}` }))}
            placeholder={t('ledger.pickDevices')}
            labelRender={(props) => deviceLabel(ctx.devices.get(String(props.value)), String(props.value))}
          />
        </Form.Item>
      );
    }
    case 'maintainer':
      return (
        <Form.Item {...common} extra={ctx.maintainers.size === 0 ? t('fault.noMaintainers') : common.extra}>
          <Select
            aria-label={label}
            options={[...ctx.maintainers.values()].filter((m) => m.retiredAt === null).map((m) => ({ value: m.id, label: m.name }))}
          />
        </Form.Item>
      );
    case 'tags':
      return (
        <Form.Item {...common}>
          <Select mode="tags" tokenSeparators={[',', '，', '、', ' ']} open={false} aria-label={label} placeholder={t('ledger.tagsHint')} />
        </Form.Item>
      );
    case 'times':
      return (
        <Form.Item label={label} className="form-wide" extra={common.extra}>
          <Form.List name={field.name}>
            {(items, { add, remove }) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {items.map((item, i) => (
                  <Space key={item.key}>
                    <span className="muted">{t('ledger.nth', { n: i + 1 })}</span>
                    <Form.Item name={item.name} noStyle rules={[{ required: true, message: t('err.required') }]}>
                      <DatePicker showTime={{ format: 'HH:mm' }} format={DATETIME} needConfirm={false} aria-label={`${label} ${i + 1}`} disabledDate={disabledDate} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(item.name)} aria-label={t('ledger.removeItem')} />
                  </Space>
                ))}
                <Button size="small" icon={<PlusOutlined />} onClick={() => add(dayjs().second(0).millisecond(0))}>
                  {t('ledger.addTime')}
                </Button>
              </Space>
            )}
          </Form.List>
        </Form.Item>
      );
    case 'checklist':
      return (
        <Form.Item label={label} className="form-wide" required>
          <Form.List name={field.name}>
            {(items, { add, remove }) => (
              <div className="checklist">
                {items.map((item) => (
                  <div key={item.key} className="checklist-row">
                    <Form.Item name={[item.name, 'item']} noStyle rules={[{ required: true, whitespace: true, message: t('err.required') }, lengthRule(t, 60)]}>
                      <TextField placeholder={t('inspection.item')} max={60} />
                    </Form.Item>
                    <Form.Item name={[item.name, 'result']} noStyle>
                      <Select style={{ width: 110 }} options={CHECK_RESULTS.map((r) => ({ value: r, label: t(`inspection.result.${r}`) }))} />
                    </Form.Item>
                    <Form.Item name={[item.name, 'note']} noStyle rules={[lengthRule(t, 200)]}>
                      <TextField placeholder={t('inspection.note')} max={200} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(item.name)} aria-label={t('ledger.removeItem')} />
                  </div>
                ))}
                <Button size="small" icon={<PlusOutlined />} onClick={() => add({ item: '', result: 'ok', note: '' })}>
                  {t('inspection.addItem')}
                </Button>
              </div>
            )}
          </Form.List>
        </Form.Item>
      );
  }
}

/** The weekly sweep's one-click choices: every registered device, or those of one office. */
function DevicePicks({ name, ctx, help }: { name: string; ctx: LedgerContext; help: string | undefined }) {
  const form = Form.useFormInstance();
  const chosen = Form.useWatch<string[] | undefined>(name, form);
  const t = ctx.t;
  const offices = distinctValues(ctx.activeDevices, 'office');
  const pick = (ids: string[]) => form.setFieldValue(name, ids);
  return (
    <Space orientation="vertical" size={4} style={{ marginTop: 4 }}>
      {help}
      <Space wrap>
        <Button size="small" onClick={() => pick(ctx.activeDevices.map((d) => d.id))}>
          {t('ledger.allDevices', { n: ctx.activeDevices.length })}
        </Button>
        <Select<string>
          size="small"
          style={{ width: 200 }}
          value={null}
          placeholder={t('scanPick.office')}
          aria-label={t('scanPick.office')}
          showSearch={{ optionFilterProp: 'label' }}
          options={offices.map((o) => ({ value: o.value, label: t('scanPick.officeOption', { office: o.value, n: o.count }) }))}
          onChange={(office) => pick(ctx.activeDevices.filter((d) => d.office === office).map((d) => d.id))}
        />
        {(chosen?.length ?? 0) > 0 && (
          <>
            <span className="muted" data-testid="picked-count">{t('scanPick.count', { n: chosen?.length ?? 0 })}</span>
            <Button size="small" type="link" onClick={() => pick([])}>
              {t('scanPick.clear')}
            </Button>
          </>
        )}
      </Space>
    </Space>
  );
}
