import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button, Checkbox, Select, Space, Switch, Tag } from 'antd';
import { DownloadOutlined, EditOutlined, HistoryOutlined, PlusOutlined, PrinterOutlined, UploadOutlined, WarningFilled } from '@ant-design/icons';
import { inRanges } from '../../../shared/rules/ipRanges';
import { usePolicy } from '../policy/policyStore';
import { useSheetExport } from '../ledgers/useSheetExport';
import { ImportDrawer } from './ImportDrawer';
import { sheetHeader, sheetRow } from './deviceSheet';
import { DEVICE_KINDS, DEVICE_STATUSES, type Device } from '../../../shared/domain/device';
import { useT, type MessageKey } from '../../i18n';
import { useCan, useSession } from '../../state/session';
import { formatDateTime } from '../../ui/format';
import { useDevices } from './deviceStore';
import { countInStatus, DEFAULT_FILTERS, incrementalFilter, sortDevices, type DeviceFilters, type IndexedDevice, isSortKey, type SortSpec, type StatusFilter } from './search';
import { DeviceFormDrawer } from './DeviceFormDrawer';
import { VirtualGrid, type GridColumn, type GridSort } from '../../ui/VirtualGrid';
import { PageHead } from '../../ui/PageHead';
import { SearchBox } from '../../ui/SearchBox';
import { linkedFilter } from '../../ui/pageLink';
import { RetireModal } from './RetireModal';
import { RegisterForm } from './RegisterForm';
import { PaperDialog } from '../../ui/PaperDialog';
import { asOfPeriod } from '../../ui/paperPeriod';
import { isoDay } from '../../../shared/calendar/calendar';
import { chinese } from '../../i18n';
import { HistoryDrawer } from './HistoryDrawer';
import { BatchEditModal } from './BatchEditModal';
import { DeviceView } from './DeviceView';
import { useDeviceView } from './deviceViewStore';
import { useSelection } from './selection';

// Static elements, made once: a row drawn again on a keystroke reuses them and React skips them.
const HISTORY_ICON = <HistoryOutlined />;
const WARNING_ICON = <WarningFilled />;

const STATUS_TONE: Record<Device['status'], string> = { inUse: 'green', spare: '', repair: 'orange' };

const STATUS_FILTERS: StatusFilter[] = ['active', ...DEVICE_STATUSES, 'retired', 'all'];
const STATUS_FILTER_LABEL: Record<StatusFilter, MessageKey> = {
  active: 'device.filter.active',
  all: 'common.all',
  retired: 'device.status.retired',
  inUse: 'device.status.inUse',
  spare: 'device.status.spare',
  repair: 'device.status.repair',
};

/** The register of networked computers (第十六条, 第十九条). */
export function DevicesPage() {
  const t = useT();
  const unitId = useSession((s) => s.unit?.id);
  const canEdit = useCan('devices.edit');
  const { rows, load, loading } = useDevices();
  // Opened from a figure elsewhere (the home page's violations), the list starts filtered to it.
  const [filters, setFilters] = useState<DeviceFilters>(() => (linkedFilter('devices') === 'violations' ? { ...DEFAULT_FILTERS, violationsOnly: true } : DEFAULT_FILTERS));
  const [sort, setSort] = useState<SortSpec>({ key: 'ip', order: 'ascend' });
  const onSort = useCallback((next: GridSort) => setSort(isSortKey(next.key) ? { key: next.key, order: next.order } : { key: 'ip', order: 'ascend' }), []);
  const [editing, setEditing] = useState<{ device: Device | undefined } | undefined>();
  const [retiring, setRetiring] = useState<readonly Device[]>();
  const [batchEditing, setBatchEditing] = useState<readonly Device[]>();
  const viewing = useDeviceView((v) => v.openId);
  const openView = useDeviceView((v) => v.open);
  const closeView = useDeviceView((v) => v.close);
  const [history, setHistory] = useState<Device>();

  const ranges = usePolicy((p) => p.ranges);
  const loadPolicy = usePolicy((p) => p.load);
  useEffect(() => {
    if (unitId) void load(unitId);
    if (unitId) void loadPolicy(unitId);
  }, [unitId, load, loadPolicy]);

  // Sorting is paid when data or order changes; each keystroke only filters the sorted list.
  const sorted = useMemo(() => sortDevices(rows, sort), [rows, sort]);
  // Filtering is a few milliseconds even over 50,000 (incremental while typing), so the list follows
  // each keystroke in the same render: deferring it cost a second commit and a task per keystroke.
  const [filter] = useState(incrementalFilter);
  const shown = useMemo(() => filter(sorted, filters), [filter, sorted, filters]);
  const violations = useMemo(() => rows.reduce((n, r) => n + (r.violation ? 1 : 0), 0), [rows]);
  const statusTotal = useMemo(() => countInStatus(rows, filters.status), [rows, filters.status]);
  const outside = useMemo(() => (ranges.length === 0 ? 0 : rows.reduce((n, r) => n + (r.device.retiredAt === null && !inRanges(r.device.ip, ranges) ? 1 : 0), 0)), [rows, ranges]);


  const setShown = useSelection((s) => s.setShown);
  const clearSelection = useSelection((s) => s.clear);
  // Leaving the register forgets the ticks and the open device: the menu brings back the list.
  useEffect(() => () => {
    clearSelection();
    closeView();
  }, [clearSelection, closeView]);

  const columns = useMemo<GridColumn<IndexedDevice>[]>(
    () => [
      ...(canEdit ? [{ key: 'select', title: <SelectShown />, width: 44, render: (r: IndexedDevice) => <RowCheck row={r} /> }] : []),
      { key: 'ip', title: t('device.ip'), width: 120, sortable: true, render: (r) => <span className="mono">{r.device.ip}</span> },
      { key: 'mac', title: t('device.mac'), width: 150, sortable: true, render: (r) => <span className="mono">{r.device.mac}</span> },
      { key: 'owner', title: t('device.owner'), width: 90, grow: true, sortable: true, render: (r) => r.device.owner },
      { key: 'office', title: t('device.office'), width: 100, grow: true, sortable: true, render: (r) => r.device.office },
      { key: 'location', title: t('device.location'), width: 110, grow: true, sortable: true, render: (r) => r.device.location },
      { key: 'kind', title: t('device.kind'), width: 84, sortable: true, render: (r) => t(`device.kind.${r.device.kind}`) },
      {
        key: 'status',
        title: t('device.status'),
        width: 170,
        sortable: true,
        render: (r) => (
          <span className="cell-tags">
            {r.device.retiredAt !== null ? (
              <span className="zw-tag" title={t('device.retiredInfo', { time: formatDateTime(r.device.retiredAt), reason: r.device.retiredReason ?? '' })}>
                {t('device.status.retired')}
              </span>
            ) : (
              <span className={`zw-tag ${STATUS_TONE[r.device.status]}`}>{t(`device.status.${r.device.status}`)}</span>
            )}
            {r.violation && (
              <span className="zw-tag red" title={t('device.violation')} data-testid="violation-tag">
                {WARNING_ICON} {t('device.violationShort')}
              </span>
            )}
            {r.device.retiredAt === null && ranges.length > 0 && !inRanges(r.device.ip, ranges) && (
              <span className="zw-tag orange" title={t('device.outsideRangeHelp', { ranges: ranges.map((x) => x.text).join('，') })} data-testid="outside-range-tag">
                {t('device.outsideRange')}
              </span>
            )}
          </span>
        ),
      },
      { key: 'updatedAt', title: t('device.updatedAt'), width: 142, sortable: true, render: (r) => formatDateTime(r.device.updatedAt) },
      {
        key: 'actions',
        title: t('common.actions'),
        width: canEdit ? 230 : 140,
        pinned: true,
        // Plain buttons, not antd ones: rows mount on every keystroke and
        // antd's per-instance style work cost more than the filtering.
        render: (r) => (
          <span className="cell-actions">
            <button type="button" className="link-btn" onClick={() => openView(r.device.id)}>
              {t('deviceView.open')}
            </button>
            {canEdit && r.device.retiredAt === null && (
              <>
                <button type="button" className="link-btn" onClick={() => setEditing({ device: r.device })}>
                  {t('common.edit')}
                </button>
                <button type="button" className="link-btn danger" onClick={() => setRetiring([r.device])}>
                  {t('device.retire')}
                </button>
              </>
            )}
            <button type="button" className="link-btn" onClick={() => setHistory(r.device)}>
              {HISTORY_ICON} {t('device.history')}
            </button>
          </span>
        ),
      },
    ],
    [t, canEdit, ranges, openView],
  );

  const closeEditing = useCallback(() => setEditing(undefined), []);
  const closeRetiring = useCallback(() => setRetiring(undefined), []);
  const closeBatchEdit = useCallback(() => setBatchEditing(undefined), []);
  // The selected devices as the register holds them now, so the batch checks the revisions the user sees.
  const selectedDevices = useCallback(() => {
    const ids = useSelection.getState().ids;
    return rows.filter((r) => ids.has(r.device.id) && r.state !== 'retired').map((r) => r.device);
  }, [rows]);
  const editSelected = useCallback(() => setBatchEditing(selectedDevices()), [selectedDevices]);
  const retireSelected = useCallback(() => setRetiring(selectedDevices()), [selectedDevices]);
  const editOne = useCallback((device: Device) => setEditing({ device }), []);
  const retireOne = useCallback((device: Device) => setRetiring([device]), []);
  const closeHistory = useCallback(() => setHistory(undefined), []);
  const addDevice = useCallback(() => setEditing({ device: undefined }), []);
  const setQuery = useCallback((query: string) => setFilters((f) => ({ ...f, query })), []);
  const [importing, setImporting] = useState(false);
  const openImport = useCallback(() => setImporting(true), []);
  const closeImport = useCallback(() => setImporting(false), []);
  const [printing, setPrinting] = useState(false);
  const openPrint = useCallback(() => setPrinting(true), []);
  const unitName = useSession((s) => s.unit?.name ?? '');
  // The paper register lists what is in use, in address order, whatever the screen's filters.
  const inUse = useMemo(() => (printing ? sortDevices(rows, { key: 'ip', order: 'ascend' }).filter((r) => r.device.retiredAt === null) : []), [printing, rows]);
  const exportSheet = useSheetExport();
  const shownRef = useRef(shown);
  shownRef.current = shown;
  useEffect(() => setShown(() => shownRef.current), [setShown]);
  // The export is of the current view: the filters and order on screen.
  const doExport = useCallback(() => void exportSheet({ title: t('device.title'), header: sheetHeader(t), rows: shownRef.current.map((r) => sheetRow(t, r.device)) }), [exportSheet, t]);

  // Each keystroke re-renders only the search box and this light shell; the
  // memoised parts below re-render when their own inputs change.
  const dialogs = (
    <>
      <DeviceFormDrawer open={editing !== undefined} device={editing?.device} onClose={closeEditing} />
      <RetireModal devices={retiring} onClose={closeRetiring} onDone={clearSelection} />
      <BatchEditModal devices={batchEditing} onClose={closeBatchEdit} onDone={clearSelection} />
      <HistoryDrawer device={history} onClose={closeHistory} />
      <ImportDrawer open={importing} onClose={closeImport} />
    </>
  );

  if (viewing !== undefined) {
    return (
      <>
        <DeviceView id={viewing} onBack={closeView} onEdit={editOne} onRetire={retireOne} />
        {dialogs}
      </>
    );
  }

  return (
    <div className="page">
      <DevicesHeader canEdit={canEdit} onAdd={addDevice} onImport={openImport} onExport={doExport} onPrint={openPrint} />
      <div className="toolbar">
        <SearchBox placeholder={t('device.searchPlaceholder')} label={t('common.search')} clearLabel={t('common.clear')} width={380} onQuery={setQuery} />
        <DeviceFilterControls filters={filters} setFilters={setFilters} violations={violations} />
        {outside > 0 && (
          <Tag color="orange" data-testid="outside-count" title={t('device.outsideRangeHelp', { ranges: ranges.map((x) => x.text).join('，') })}>
            {t('device.outsideCount', { n: outside })}
          </Tag>
        )}
        <span className="muted" data-testid="device-count">
          {t('device.count', { shown: shown.length, total: statusTotal })}
        </span>
        {canEdit && <SelectionBar onEdit={editSelected} onRetire={retireSelected} />}
      </div>
      <div className="table-box" data-query={filters.query}>
        <VirtualGrid<IndexedDevice>
          rows={shown}
          columns={columns}
          rowKey={rowKey}
          rowClassName={rowClassName}
          sort={sort}
          onSort={onSort}
          loading={loading}
          label={t('device.title')}
        />
      </div>
      {printing && (
        <PaperDialog title={t('paper.title.register')} initial={asOfPeriod(isoDay(new Date()))} fileName={(p) => `${unitName}${chinese('paper.title.register')}${p.to}`} count={() => inUse.length} wide onClose={() => setPrinting(false)}>
          {(p) => <RegisterForm rows={inUse} ranges={ranges} unitName={unitName} period={p} />}
        </PaperDialog>
      )}
      {dialogs}
    </div>
  );
}

/**
 * The header's box: ticks every registered device of the list on screen (the
 * search and filters decide which), or, when some are ticked, clears them.
 */
function SelectShown() {
  const t = useT();
  const count = useSelection((s) => s.ids.size);
  const selectShown = useSelection((s) => s.selectShown);
  const clear = useSelection((s) => s.clear);
  return (
    <Checkbox
      checked={count > 0}
      onChange={() => (count > 0 ? clear() : selectShown())}
      aria-label={t('batch.selectShown')}
      title={t('batch.selectShown')}
    />
  );
}

/** A row's box, a plain input: ticking one re-renders this box alone. */
const RowCheck = memo(function RowCheck({ row }: { row: IndexedDevice }) {
  const t = useT();
  const checked = useSelection((s) => s.ids.has(row.device.id));
  const toggle = useSelection((s) => s.toggle);
  if (row.state === 'retired') return null;
  return <input type="checkbox" className="row-check" checked={checked} onChange={() => toggle(row.device.id)} aria-label={`${t('batch.select')} ${row.device.ip}`} />;
});

function SelectionBar({ onEdit, onRetire }: { onEdit: () => void; onRetire: () => void }) {
  const t = useT();
  const count = useSelection((s) => s.ids.size);
  const clear = useSelection((s) => s.clear);
  if (count === 0) return null;
  return (
    <Space className="selection-bar" data-testid="selection-bar">
      <Tag color="blue">{t('batch.selected', { n: count })}</Tag>
      <Button size="small" icon={<EditOutlined />} onClick={onEdit}>
        {t('batch.edit')}
      </Button>
      <Button size="small" danger onClick={onRetire}>
        {t('batch.retire')}
      </Button>
      <Button size="small" type="link" onClick={clear}>
        {t('batch.clear')}
      </Button>
    </Space>
  );
}

const DevicesHeader = memo(function DevicesHeader({ canEdit, onAdd, onImport, onExport, onPrint }: { canEdit: boolean; onAdd: () => void; onImport: () => void; onExport: () => void; onPrint: () => void }) {
  const t = useT();
  return (
    <PageHead
      title={t('device.title')}
      rule={t('device.rule')}
      actions={
        <Space>
          <Button icon={<PrinterOutlined />} onClick={onPrint}>
            {t('paper.printNamed', { title: t('paper.title.register') })}
          </Button>
          <Button icon={<DownloadOutlined />} onClick={onExport}>
            {t('ledger.export')}
          </Button>
          {canEdit && (
            <Button icon={<UploadOutlined />} onClick={onImport}>
              {t('import.open')}
            </Button>
          )}
          {canEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={onAdd}>
              {t('device.add')}
            </Button>
          )}
        </Space>
      }
    />
  );
});

const DeviceFilterControls = memo(
  function DeviceFilterControls({
    filters,
    setFilters,
    violations,
  }: {
    filters: DeviceFilters;
    setFilters: (update: (f: DeviceFilters) => DeviceFilters) => void;
    violations: number;
  }) {
    const t = useT();
    return (
      <Space wrap>
        <Select<StatusFilter>
          style={{ width: 130 }}
          value={filters.status}
          onChange={(status) => setFilters((f) => ({ ...f, status }))}
          options={STATUS_FILTERS.map((s) => ({ value: s, label: t(STATUS_FILTER_LABEL[s]) }))}
          aria-label={t('device.status')}
        />
        <Select<DeviceFilters['kind']>
          style={{ width: 120 }}
          value={filters.kind}
          onChange={(kind) => setFilters((f) => ({ ...f, kind }))}
          options={[{ value: 'all', label: t('device.filter.allKinds') }, ...DEVICE_KINDS.map((k) => ({ value: k, label: t(`device.kind.${k}`) }))]}
          aria-label={t('device.kind')}
        />
        <Space size={6}>
          <Switch
            size="small"
            checked={filters.violationsOnly}
            onChange={(violationsOnly) => setFilters((f) => ({ ...f, violationsOnly }))}
            aria-label={t('device.onlyViolations')}
          />
          <span>{t('device.onlyViolations')}</span>
          {violations > 0 && <Tag color="red">{t('device.violationCount', { n: violations })}</Tag>}
        </Space>
      </Space>
    );
  },
  // The query is not theirs to show: ignore it so typing does not re-render them.
  (a, b) => a.violations === b.violations && a.setFilters === b.setFilters && a.filters.status === b.filters.status && a.filters.kind === b.filters.kind && a.filters.violationsOnly === b.filters.violationsOnly,
);

const rowKey = (r: IndexedDevice) => r.device.id;
const rowClassName = (r: IndexedDevice) => (r.device.retiredAt !== null ? 'row-retired' : r.violation ? 'row-violation' : '');
