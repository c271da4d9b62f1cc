import { useCallback } from 'react';
import { App } from 'antd';
import dayjs from 'dayjs';
import { isoDay } from '../../../shared/calendar/calendar';
import { createLedgerRecords } from '../../db/ledgers';
import { db } from '../../state/db';
import { exportSheet } from '../../ui/exportSheet';
import { useT } from '../../i18n';
import { useActor, useSession } from '../../state/session';
import { useLedgers } from './ledgerStore';

export interface SheetExport {
  /** The ledger's name: the sheet title and the start of the file name. */
  title: string;
  header: string[];
  rows: (string | number | null)[][];
}

/**
 * Writes a ledger view to .xlsx and files the copy (第二十条): every export
 * the app makes is a copy of the network's data and files itself, with what,
 * how many rows and by whom.
 */
export function useSheetExport() {
  const t = useT();
  const { message } = App.useApp();
  const actor = useActor();
  const unit = useSession((s) => s.unit);
  const account = useSession((s) => s.account);
  const upsert = useLedgers((s) => s.upsert);
  return useCallback(
    async ({ title, header, rows }: SheetExport) => {
      await exportSheet(`${title}-${dayjs().format('YYYYMMDD-HHmm')}.xlsx`, title, unit?.name ?? '', header, rows);
      try {
        const filed = await createLedgerRecords(db, actor, 'copyFilings', [
          {
            copiedOn: isoDay(new Date()),
            content: 'data',
            description: t('copy.autoDescription', { title, n: rows.length }),
            purpose: t('copy.autoPurpose'),
            copiedBy: account?.displayName ?? '',
            approvalRef: '',
            automatic: true,
          },
        ]);
        upsert('copyFilings', filed);
        void message.success(t('copy.autoFiled', { n: rows.length }));
      } catch (error) {
        void message.error(t('err.generic', { message: error instanceof Error ? error.message : String(error) }));
      }
    },
    [t, message, actor, unit, account, upsert],
  );
}
