import { useState, type ReactNode } from 'react';
import { Button, DatePicker, Modal, Space, Typography } from 'antd';
import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useT } from '../i18n';
import { PrintDocument } from './PrintDocument';
import { monthPeriod, rangePeriod, yearPeriod, type PaperPeriod } from './paperPeriod';
import { useSavePdf } from './useSavePdf';

/**
 * Print or save a form as PDF: choose its period, then print. The form is
 * laid out off screen while the dialog is open, so the print (or Electron's
 * printToPDF) shows it and nothing else. Mounted only while printing.
 */
export function PaperDialog({
  title,
  initial,
  fileName,
  count,
  wide,
  onClose,
  children,
}: {
  /** The form's name, as in "打印值班日志". */
  title: string;
  initial: PaperPeriod;
  /** The file name without `.pdf`. */
  fileName: (period: PaperPeriod) => string;
  /** How many records the period holds, said before printing. */
  count?: (period: PaperPeriod) => number;
  /** Printed on its side, for a form of many columns. */
  wide?: boolean;
  onClose: () => void;
  children: (period: PaperPeriod) => ReactNode;
}) {
  const t = useT();
  const [period, setPeriod] = useState(initial);
  const today = dayjs().endOf('day');

  const savePdf = useSavePdf();

  const chooser =
    period.kind === 'month' ? (
      <DatePicker picker="month" allowClear={false} value={dayjs(period.from)} disabledDate={(d) => d.isAfter(today)} onChange={(d) => d && setPeriod(monthPeriod(d.format('YYYY-MM')))} aria-label={t('paper.chooseMonth')} />
    ) : period.kind === 'year' ? (
      <DatePicker picker="year" allowClear={false} value={dayjs(period.from)} disabledDate={(d) => d.isAfter(today)} onChange={(d) => d && setPeriod(yearPeriod(d.year()))} aria-label={t('paper.chooseYear')} />
    ) : period.kind === 'range' ? (
      <DatePicker.RangePicker
        allowClear={false}
        value={[dayjs(period.from), dayjs(period.to)]}
        disabledDate={(d) => d.isAfter(today)}
        onChange={(r) => r?.[0] && r[1] && setPeriod(rangePeriod(r[0].format('YYYY-MM-DD'), r[1].format('YYYY-MM-DD')))}
        aria-label={t('paper.chooseRange')}
      />
    ) : null;

  return (
    <Modal
      open
      title={t('paper.dialogTitle', { title })}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button icon={<FilePdfOutlined />} onClick={() => void savePdf(fileName(period))}>
            {t('paper.savePdf')}
          </Button>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('paper.print')}
          </Button>
        </Space>
      }
    >
      <div className="paper-dialog-body">
        {chooser && (
          <Space wrap>
            <span>{t('paper.periodLabel')}</span>
            {chooser}
          </Space>
        )}
        <Typography.Text data-testid="paper-summary">
          {count ? t('paper.count', { period: period.label, n: count(period) }) : period.label}
        </Typography.Text>
        <Typography.Text type="secondary">{t('paper.help')}</Typography.Text>
      </div>
      <PrintDocument page={wide ? 'formWide' : 'form'} testId="paper">
        {children(period)}
      </PrintDocument>
    </Modal>
  );
}
