import type { RecordMeta } from '../../../shared/domain/record';
import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { App, Button, Input, Select, Space } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { fieldsOf, updateLedgerRecord } from '../../db/ledgers';
import { db } from '../../state/db';
import type { MessageKey } from '../../i18n';
import { PageHead } from '../../ui/PageHead';
import { showWriteError } from '../../ui/formErrors';
import { useActor, useCan } from '../../state/session';
import { VirtualGrid, type GridColumn, type GridSort } from '../../ui/VirtualGrid';
import { inputOf } from './formValues';
import { LedgerDetailDrawer } from './LedgerDetailDrawer';
import { LedgerFormDrawer } from './LedgerFormDrawer';
import { LedgerPaperButton } from './LedgerPaperButton';
import { useLedgers } from './ledgerStore';
import { RetireRecordModal } from './RetireRecordModal';
import { useLedgerContext } from './useLedgerContext';
import { StepFormDrawer } from './StepFormDrawer';
import { useSheetExport } from './useSheetExport';
import type { LedgerContext, LedgerDef, RowAction, StepDef } from './types';

type StatusFilter = 'active' | 'retired' | 'all';
const STATUS_LABEL: Record<StatusFilter, MessageKey> = { active: 'ledger.filter.active', retired: 'ledger.filter.retired', all: 'common.all' };

/** The screen every declared ledger gets: summary panel, search, filters, sortable list, form, detail with history, retirement, export. */
export function LedgerPage<R extends RecordMeta>({ def }: { def: LedgerDef<R> }) {
  const ctx = useLedgerContext();
  if (!ctx) return null;
  return <LedgerView def={def} ctx={ctx} />;
}

function compare(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'zh-CN', { numeric: true });
}

function LedgerView<R extends RecordMeta>({ def, ctx }: { def: LedgerDef<R>; ctx: LedgerContext }) {
  const t = ctx.t;
  const { message } = App.useApp();
  const actor = useActor();
  const canEdit = useCan(def.edit);
  const records = useLedgers((s) => s.records[def.table]) as R[] | undefined;
  const loading = useLedgers((s) => s.loading[def.table] ?? false);
  const load = useLedgers((s) => s.load);
  const upsert = useLedgers((s) => s.upsert);
  const exportSheet = useSheetExport();
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<StatusFilter>('active');
  const [filters, setFilters] = useState<Record<string, string>>({});
  const [sort, setSort] = useState<GridSort>(def.defaultSort);
  const [editing, setEditing] = useState<{ record: R | undefined }>();
  const [detailId, setDetailId] = useState<string>();
  const [stepping, setStepping] = useState<{ step: StepDef<R>; id: string }>();
  const [retiring, setRetiring] = useState<R>();

  useEffect(() => {
    void load(def.table, ctx.unit.id);
  }, [def.table, ctx.unit.id, load]);

  const all = useMemo(() => records ?? [], [records]);
  // Looked up by id, so the drawer shows a step the moment it is saved.
  const detail = detailId === undefined ? undefined : all.find((r) => r.id === detailId);
  const stepRecord = stepping === undefined ? undefined : all.find((r) => r.id === stepping.id);
  const searchIndex = useMemo(() => new Map(all.map((r) => [r.id, def.columns.map((c) => String(c.value(r, ctx) ?? '')).join(' ').toLowerCase()])), [all, def.columns, ctx]);
  const deferredQuery = useDeferredValue(query.trim().toLowerCase());
  const shown = useMemo(() => {
    const column = def.columns.find((c) => c.key === sort.key) ?? def.columns[0]!;
    const sign = sort.order === 'ascend' ? 1 : -1;
    return all
      .filter((r) => (status === 'all' ? true : status === 'active' ? r.retiredAt === null : r.retiredAt !== null))
      .filter((r) => (def.filters ?? []).every((f) => !filters[f.key] || filters[f.key] === 'all' || f.test(r, filters[f.key]!, ctx)))
      .filter((r) => deferredQuery === '' || searchIndex.get(r.id)!.includes(deferredQuery))
      .map((r) => ({ r, v: column.value(r, ctx) }))
      .sort((a, b) => sign * compare(a.v, b.v))
      .map((x) => x.r);
  }, [all, status, filters, def, ctx, deferredQuery, searchIndex, sort]);

  const runAction = useCallback(
    async (action: RowAction<R>, record: R) => {
      try {
        const next = action.apply(inputOf(fieldsOf(record), def.empty(ctx)), ctx);
        upsert(def.table, [await updateLedgerRecord<R>(db, actor, def.table, record.id, record.rev, next)]);
        void message.success(t(action.done));
      } catch (error) {
        void message.error(showWriteError(undefined, error, t).join('；'));
      }
    },
    [def, ctx, actor, upsert, message, t],
  );

  const columns = useMemo<GridColumn<R>[]>(
    () => [
      ...def.columns.map((c) => ({
        key: c.key,
        title: t(c.title),
        width: c.width,
        grow: c.grow,
        sortable: true,
        render: (r: R) => {
          if (c.render) return c.render(r, ctx);
          const v = c.value(r, ctx);
          // Cells cut long text short; the whole of it is one hover away.
          return v === null || v === '' ? '—' : <span title={String(v)}>{v}</span>;
        },
      })),
      {
        key: 'actions',
        title: t('common.actions'),
        width: canEdit ? 166 + 52 * ((def.actions?.length ?? 0) + (def.steps ? 2 : 0)) : 64,
        pinned: true,
        render: (r: R) => (
          <span className="cell-actions">
            <button type="button" className="link-btn" onClick={() => setDetailId(r.id)}>
              {t('ledger.detail')}
            </button>
            {canEdit && r.retiredAt === null && (
              <>
                {def.actions
                  ?.filter((a) => a.visible(r, ctx))
                  .map((a) => (
                    <button key={a.key} type="button" className="link-btn" onClick={() => void runAction(a, r)}>
                      {t(a.label)}
                    </button>
                  ))}
                {def.steps
                  ?.filter((s) => s.next(r))
                  .map((s) => (
                    <button key={s.key} type="button" className="link-btn" onClick={() => setStepping({ step: s, id: r.id })}>
                      {t(s.label)}
                    </button>
                  ))}
                <button type="button" className="link-btn" onClick={() => setEditing({ record: r })}>
                  {t('common.edit')}
                </button>
                <button type="button" className="link-btn danger" onClick={() => setRetiring(r)}>
                  {t('ledger.retire')}
                </button>
              </>
            )}
          </span>
        ),
      },
    ],
    [def, ctx, t, canEdit, runAction],
  );

  const doExport = () => {
    const cols = def.columns.filter((c) => !c.screenOnly);
    void exportSheet({
      title: t(def.title),
      header: [...cols.map((c) => t(c.title)), t('ledger.retireReason')],
      rows: shown.map((r) => [...cols.map((c) => c.value(r, ctx)), r.retiredReason]),
    });
  };

  const Panel = def.panel;
  return (
    <div className="page" data-ledger={def.table}>
      <PageHead
        title={t(def.title)}
        rule={t(def.rule)}
        actions={
          <Space>
            {def.paper && <LedgerPaperButton paper={def.paper} records={all} ctx={ctx} />}
            <Button icon={<DownloadOutlined />} onClick={doExport} disabled={shown.length === 0}>
              {t('ledger.export')}
            </Button>
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ record: undefined })}>
                {t('ledger.addNoun', { noun: t(def.noun) })}
              </Button>
            )}
          </Space>
        }
      />
      {Panel && <Panel records={all} ctx={ctx} />}
      <div className="toolbar">
        <Input.Search allowClear placeholder={t('ledger.searchPlaceholder')} style={{ width: 300 }} value={query} onChange={(e) => setQuery(e.target.value)} aria-label={t('common.search')} />
        <Select<StatusFilter> style={{ width: 120 }} value={status} onChange={setStatus} aria-label={t('ledger.filter.status')} options={(['active', 'retired', 'all'] as const).map((s) => ({ value: s, label: t(STATUS_LABEL[s]) }))} />
        {def.filters?.map((f) => (
          <Select
            key={f.key}
            style={{ minWidth: 130 }}
            value={filters[f.key] ?? 'all'}
            aria-label={t(f.label)}
            onChange={(value: string) => setFilters((x) => ({ ...x, [f.key]: value }))}
            options={[{ value: 'all', label: `${t(f.label)}：${t('common.all')}` }, ...f.options.map((o) => ({ value: o.value, label: t(o.label) }))]}
          />
        ))}
        <span className="muted" data-testid="ledger-count">
          {t('ledger.count', { shown: shown.length, total: all.filter((r) => r.retiredAt === null).length })}
        </span>
      </div>
      <div className="table-box">
        <VirtualGrid<R> rows={shown} columns={columns} rowKey={rowKey} rowClassName={(r) => (r.retiredAt !== null ? 'row-retired' : (def.rowClassName?.(r, ctx) ?? ''))} sort={sort} onSort={setSort} loading={loading} label={t(def.title)} />
      </div>
      <LedgerFormDrawer def={def} ctx={ctx} open={editing !== undefined} record={editing?.record} onClose={() => setEditing(undefined)} />
      <LedgerDetailDrawer def={def} ctx={ctx} record={detail} onClose={() => setDetailId(undefined)} onStep={canEdit ? (step, r) => setStepping({ step, id: r.id }) : undefined} />
      <StepFormDrawer def={def} ctx={ctx} step={stepping?.step} record={stepRecord} onClose={() => setStepping(undefined)} />
      <RetireRecordModal def={def} ctx={ctx} record={retiring} onClose={() => setRetiring(undefined)} />
    </div>
  );
}

const rowKey = (r: RecordMeta) => r.id;
