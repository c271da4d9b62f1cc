import { memo, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { CaretDownFilled, CaretUpFilled } from '@ant-design/icons';
import { Empty, Spin } from 'antd';

/**
 * A virtualised table with fixed row height, for registers of tens of
 * thousands of rows. antd's virtual Table measures every row and syncs scroll
 * on each render, which cost 70 ms a keystroke at 5,000 devices; fixed rows
 * need no measuring: the rows on screen follow from scrollTop by arithmetic,
 * so a filtered list of any length renders in a few milliseconds.
 */

export interface GridColumn<Row> {
  key: string;
  title: ReactNode;
  width: number;
  sortable?: boolean;
  /** Takes a share of spare width on wide screens. */
  grow?: boolean;
  /** Stays at the right edge when the grid scrolls sideways: the row's actions. */
  pinned?: boolean;
  render: (row: Row) => ReactNode;
}

export interface GridSort {
  key: string;
  order: 'ascend' | 'descend';
}

const ROW_HEIGHT = 40;
const OVERSCAN = 2;
/** .vgrid-th: 8px padding each side; a sorter is 9px wide after a 4px gap. */
const TH_PADDING = 16;
const SORTER = 13;

let measurer: CanvasRenderingContext2D | null | undefined;
const measured = new Map<string, number>();

/** The width a header's text takes in the header's font, measured once per title (any language). */
function headerWidth(title: ReactNode, sortable: boolean): number {
  if (typeof title !== 'string') return 0;
  let w = measured.get(title);
  if (w === undefined) {
    measurer ??= document.createElement('canvas').getContext('2d');
    if (!measurer) return 0;
    measurer.font = `600 13px ${getComputedStyle(document.body).fontFamily}`;
    w = Math.ceil(measurer.measureText(title).width);
    measured.set(title, w);
  }
  return w + TH_PADDING + (sortable ? SORTER : 0) + 2;
}

interface Props<Row> {
  rows: readonly Row[];
  columns: readonly GridColumn<Row>[];
  rowKey: (row: Row) => string;
  rowClassName?: (row: Row) => string;
  sort: GridSort;
  onSort: (sort: GridSort) => void;
  loading?: boolean;
  label: string;
}

function GridInner<Row>({ rows, columns, rowKey, rowClassName, sort, onSort, loading, label }: Props<Row>) {
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const update = () => setView({ top: el.scrollTop, height: el.clientHeight });
    const observer = new ResizeObserver(update);
    observer.observe(el);
    el.addEventListener('scroll', update, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener('scroll', update);
    };
  }, []);
  // Fixed row height: the visible slice is arithmetic, whatever the row count.
  const first = Math.max(0, Math.floor((view.top - ROW_HEIGHT) / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN);
  const visible: number[] = [];
  for (let i = first; i < last; i++) visible.push(i);
  // A column is never narrower than its own header: a title that wraps in a 40px row is cut off.
  const widths = useMemo(() => columns.map((c) => Math.max(c.width, headerWidth(c.title, c.sortable === true))), [columns]);
  const width = widths.reduce((w, x) => w + x, 0);
  const template = columns.map((c, i) => (c.grow ? `minmax(${widths[i]}px, 1fr)` : `${widths[i]}px`)).join(' ');

  return (
    <div className="vgrid" role="table" aria-label={label} aria-rowcount={rows.length + 1}>
      <div ref={scroller} className="vgrid-scroll">
        <GridHead columns={columns} template={template} width={width} sort={sort} onSort={onSort} />
        <div style={{ height: rows.length * ROW_HEIGHT, width, minWidth: '100%', position: 'relative' }}>
          {visible.map((index) => {
            const row = rows[index]!;
            // Keyed by screen slot, not by record: a new filter result reuses
            // the row elements on screen and only their text changes.
            return <GridRow<Row> key={index - first} row={row} index={index} columns={columns} template={template} rowKey={rowKey} rowClassName={rowClassName} />;
          })}
        </div>
        {rows.length === 0 && !loading && <Empty className="vgrid-empty" image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      </div>
      {loading && <Spin className="vgrid-loading" />}
    </div>
  );
}

const UP = <CaretUpFilled />;
const UP_ON = <CaretUpFilled className="on" />;
const DOWN = <CaretDownFilled />;
const DOWN_ON = <CaretDownFilled className="on" />;

interface HeadProps<Row> {
  columns: readonly GridColumn<Row>[];
  template: string;
  width: number;
  sort: GridSort;
  onSort: (sort: GridSort) => void;
}

/** The header row: memoised, so a new list of rows (each keystroke of a search) does not draw it again. */
const GridHead = memo(function GridHead<Row>({ columns, template, width, sort, onSort }: HeadProps<Row>) {
  const toggle = (key: string) => {
    // ascend → descend → back to the default order (as antd tables do)
    if (sort.key !== key) onSort({ key, order: 'ascend' });
    else if (sort.order === 'ascend') onSort({ key, order: 'descend' });
    else onSort({ key: columns[0]!.key, order: 'ascend' });
  };
  return (
    <div className="vgrid-head" role="row" style={{ gridTemplateColumns: template, width: Math.max(width, 0), minWidth: '100%' }}>
      {columns.map((c) => {
        const active = sort.key === c.key;
        return (
          <div
            key={c.key}
            role="columnheader"
            aria-sort={active ? (sort.order === 'ascend' ? 'ascending' : 'descending') : 'none'}
            className={`vgrid-th${c.sortable ? ' sortable' : ''}${c.pinned ? ' pinned' : ''}`}
            onClick={c.sortable ? () => toggle(c.key) : undefined}
          >
            <span>{c.title}</span>
            {c.sortable && (
              <span className="vgrid-sorter">
                {active && sort.order === 'ascend' ? UP_ON : UP}
                {active && sort.order === 'descend' ? DOWN_ON : DOWN}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}) as <Row>(props: HeadProps<Row>) => ReactNode;

interface RowProps<Row> {
  row: Row;
  index: number;
  columns: readonly GridColumn<Row>[];
  template: string;
  rowKey: (row: Row) => string;
  rowClassName?: (row: Row) => string;
}

/**
 * One row on screen. Memoised: while typing narrows a list, the rows at the
 * top often stay the same records in the same slots, and their cells need
 * not be rendered again.
 */
const GridRow = memo(function GridRow<Row>({ row, index, columns, template, rowKey, rowClassName }: RowProps<Row>) {
  return (
    <div
      data-row-key={rowKey(row)}
      role="row"
      data-testid="grid-row"
      className={`vgrid-row ${rowClassName?.(row) ?? ''}`}
      style={{ gridTemplateColumns: template, transform: `translateY(${index * ROW_HEIGHT}px)`, height: ROW_HEIGHT }}
    >
      {columns.map((c) => (
        <div key={c.key} role="cell" className={c.pinned ? 'vgrid-td pinned' : 'vgrid-td'}>
          {c.render(row)}
        </div>
      ))}
    </div>
  );
}) as <Row>(props: RowProps<Row>) => ReactNode;

export const VirtualGrid = memo(GridInner) as typeof GridInner;
