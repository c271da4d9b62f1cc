import { useEffect, useState } from 'react';
import { FilePickButton } from '../../ui/FilePickButton';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { calendarFile, type YearCalendar } from '../../../shared/calendar/calendar';
import { formatMinutes, type WorkSchedule } from '../../../shared/calendar/schedule';
import { expectedSlots } from '../../../shared/checkins/slots';
import { saveCalendarYears, saveSchedule } from '../../db/checkins';
import { db } from '../../state/db';
import { useT } from '../../i18n';
import { useActor, useCan } from '../../state/session';
import { clearErrorsOnChange, issueText } from '../../ui/formErrors';
import { useFormWrite, WriteErrors } from '../../ui/useFormWrite';
import { useCheckins } from '../checkins/checkinStore';

const MAX_FILE_BYTES = 256 * 1024;

type ScheduleForm = WorkSchedule;

/** The work calendar (holidays, 调休) and the working hours that decide the check-in slots. */
export function CalendarPage() {
  const t = useT();
  const { message } = App.useApp();
  const actor = useActor();
  const canEdit = useCan('calendar.edit');
  const { years, schedule, calendar, load } = useCheckins();
  const [form] = Form.useForm<ScheduleForm>();
  const { busy, banner, run } = useFormWrite(form);
  const [importError, setImportError] = useState<string>();
  const [preview, setPreview] = useState<Dayjs>(() => dayjs());

  useEffect(() => {
    form.setFieldsValue(schedule);
  }, [schedule, form]);

  const saveHours = async () => {
    const values = form.getFieldsValue(true) as ScheduleForm;
    const done = await run(async () => {
      await saveSchedule(db, actor, values);
    }, 'common.saved');
    if (done) await load(actor.unitId);
  };

  const importFile = async (file: File) => {
    setImportError(undefined);
    if (file.size > MAX_FILE_BYTES) {
      setImportError(t('err.calendar.file', { reason: `> ${MAX_FILE_BYTES / 1024} KB` }));
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch {
      setImportError(t('err.calendar.file', { reason: 'JSON' }));
      return;
    }
    const parsed = calendarFile.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setImportError(t('err.calendar.file', { reason: issueText(t, issue?.message ?? '') }));
      return;
    }
    try {
      await saveCalendarYears(db, actor, parsed.data.years);
      await load(actor.unitId);
      message.success(t('calendar.imported', { years: parsed.data.years.map((y) => y.year).join('、') }));
    } catch (error) {
      setImportError(t('err.calendar.file', { reason: error instanceof Error ? error.message : String(error) }));
    }
  };

  const nextYear = new Date().getFullYear() + 1;
  const day = expectedSlots(preview.toDate(), calendar, schedule);
  const session = (season: 'summer' | 'winter', part: 'morning' | 'afternoon') => (
    <Space.Compact>
      <Form.Item name={[season, part, 'start']} noStyle>
        <Input style={{ width: 80 }} placeholder="08:30" aria-label={`${t(`calendar.${season}`)} ${t(`calendar.${part}`)} start`} />
      </Form.Item>
      <Input style={{ width: 28, pointerEvents: 'none', textAlign: 'center' }} placeholder="–" disabled />
      <Form.Item name={[season, part, 'end']} noStyle>
        <Input style={{ width: 80 }} placeholder="12:00" aria-label={`${t(`calendar.${season}`)} ${t(`calendar.${part}`)} end`} />
      </Form.Item>
    </Space.Compact>
  );

  return (
    <div className="page">
      <Typography.Title level={4}>{t('calendar.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('calendar.rule')}</Typography.Paragraph>
      <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 980 }}>
        <Card size="small" title={t('calendar.schedule')}>
          <WriteErrors messages={banner} />
          <Form form={form} layout="horizontal" labelCol={{ span: 6 }} disabled={!canEdit} onValuesChange={clearErrorsOnChange(form)}>
            {(['summer', 'winter'] as const).map((season) => (
              <Form.Item key={season} label={t(`calendar.${season}`)}>
                <Space wrap>
                  <span>{t('calendar.morning')}</span>
                  {session(season, 'morning')}
                  <span>{t('calendar.afternoon')}</span>
                  {session(season, 'afternoon')}
                </Space>
              </Form.Item>
            ))}
            <Form.Item name="summerFrom" label={t('calendar.summerFrom')}>
              <Input style={{ width: 100 }} placeholder="05-01" />
            </Form.Item>
            <Form.Item name="winterFrom" label={t('calendar.winterFrom')}>
              <Input style={{ width: 100 }} placeholder="10-01" />
            </Form.Item>
            <Form.Item name="toleranceMinutes" label={t('calendar.tolerance')} extra={t('calendar.toleranceHelp')}>
              <InputNumber min={1} max={29} precision={0} />
            </Form.Item>
            <Form.Item name="remindBeforeMinutes" label={t('calendar.remindBefore')}>
              <InputNumber min={0} max={30} precision={0} />
            </Form.Item>
            <Typography.Paragraph type="secondary">{t('calendar.boundaryNote')}</Typography.Paragraph>
            {canEdit && (
              <Button type="primary" loading={busy} onClick={() => void saveHours()}>
                {t('common.save')}
              </Button>
            )}
          </Form>
        </Card>
        <Card size="small" title={t('calendar.preview')}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <DatePicker value={preview} allowClear={false} onChange={(d) => d && setPreview(d)} aria-label={t('calendar.preview')} />
            <div data-testid="slot-preview">
              {day.status === 'work' && day.slots.map((s) => <Tag key={s.at} color={s.kind === 'hour' ? 'default' : 'red'}>{formatMinutes(s.minute)}</Tag>)}
              {day.status === 'rest' && <Alert type="info" showIcon message={day.holiday ? t('compliance.holiday') : t('compliance.restDay')} />}
              {day.status === 'unknown' && <Alert type="warning" showIcon message={t('calendar.notLoaded', { year: day.year })} />}
            </div>
          </Space>
        </Card>
        <Card
          size="small"
          title={t('calendar.years')}
          extra={
            canEdit && (
              <FilePickButton accept=".json,application/json" testId="calendar-file" icon={<UploadOutlined />} onFile={(file) => void importFile(file)}>
                {t('calendar.import')}
              </FilePickButton>
            )
          }
        >
          {!calendar.covers(nextYear) && <Alert type="warning" showIcon message={t('calendar.notLoaded', { year: nextYear })} style={{ marginBottom: 12 }} />}
          {importError && <Alert type="error" showIcon message={importError} style={{ marginBottom: 12 }} role="alert" />}
          <Table<YearCalendar>
            size="small"
            rowKey="year"
            pagination={false}
            dataSource={[...years].reverse()}
            expandable={{
              expandedRowRender: (y) => (
                <Space orientation="vertical">
                  <span>
                    {t('calendar.holidays')}：{y.holidays.join('、')}
                  </span>
                  <span>
                    {t('calendar.workdays')}：{y.workdays.join('、') || '—'}
                  </span>
                </Space>
              ),
            }}
            columns={[
              { title: t('calendar.year'), dataIndex: 'year' },
              { title: t('calendar.source'), render: (_, y) => (y.source === 'bundled' ? t('calendar.source.bundled') : y.source) },
              { title: t('calendar.holidays'), render: (_, y) => y.holidays.length },
              { title: t('calendar.workdays'), render: (_, y) => y.workdays.length },
            ]}
          />
        </Card>
      </Space>
    </div>
  );
}
