import { memo, useEffect, useRef, useState, type ReactNode } from 'react';
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
  render: (row: Row) => ReactNode;
}

export interface GridSort {
  key: string;
  order: 'ascend' | 'descend';
}

const ROW_HEIGHT = 40;
const OVERSCAN = 8;

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
  const width = columns.reduce((w, c) => w + c.width, 0);
  const template = columns.map((c) => (c.grow ? `minmax(${c.width}px, 1fr)` : `${c.width}px`)).join(' ');

  const toggle = (key: string) => {
    // ascend → descend → back to the default order (as antd tables do)
    if (sort.key !== key) onSort({ key, order: 'ascend' });
    else if (sort.order === 'ascend') onSort({ key, order: 'descend' });
    else onSort({ key: columns[0]!.key, order: 'ascend' });
  };

  return (
    <div className="vgrid" role="table" aria-label={label} aria-rowcount={rows.length + 1}>
      <div ref={scroller} className="vgrid-scroll">
        <div className="vgrid-head" role="row" style={{ gridTemplateColumns: template, width: Math.max(width, 0), minWidth: '100%' }}>
          {columns.map((c) => {
            const active = sort.key === c.key;
            return (
              <div
                key={c.key}
                role="columnheader"
                aria-sort={active ? (sort.order === 'ascend' ? 'ascending' : 'descending') : 'none'}
                className={`vgrid-th${c.sortable ? ' sortable' : ''}`}
                onClick={c.sortable ? () => toggle(c.key) : undefined}
              >
                <span>{c.title}</span>
                {c.sortable && (
                  <span className="vgrid-sorter">
                    <CaretUpFilled className={active && sort.order === 'ascend' ? 'on' : ''} />
                    <CaretDownFilled className={active && sort.order === 'descend' ? 'on' : ''} />
                  </span>
                )}
              </div>
            );
          })}
        </div>
        <div style={{ height: rows.length * ROW_HEIGHT, width, minWidth: '100%', position: 'relative' }}>
          {visible.map((index) => {
            const row = rows[index]!;
            return (
              // Keyed by screen slot, not by record: a new filter result reuses
              // the row elements on screen and only their text changes.
              <div
                key={index - first}
                data-row-key={rowKey(row)}
                role="row"
                data-testid="grid-row"
                className={`vgrid-row ${rowClassName?.(row) ?? ''}`}
                style={{ gridTemplateColumns: template, transform: `translateY(${index * ROW_HEIGHT}px)`, height: ROW_HEIGHT }}
              >
                {columns.map((c) => (
                  <div key={c.key} role="cell" className="vgrid-td">
                    {c.render(row)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
        {rows.length === 0 && !loading && <Empty className="vgrid-empty" image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      </div>
      {loading && <Spin className="vgrid-loading" />}
    </div>
  );
}

export const VirtualGrid = memo(GridInner) as typeof GridInner;
