// The findings table: virtualised (only the rows in view are in the DOM), pages fetched as they
// scroll in, sortable on every column, and driven from the keyboard — ↑/↓ or j/k move, Enter
// opens the detail, n opens it at the note editor, Esc closes it.

import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { FindingRow, RowSort } from '../../shared/api';
import { fitColumns, type Column } from './columns';
import type { RowPages } from './use-row-pages';

const ROW_HEIGHT = 28;
/** The sticky header sits above the rows inside the scroller. */
const HEAD_HEIGHT = 30;

interface FindingsTableProps {
  label: string;
  columns: Column[];
  pages: RowPages;
  sort?: RowSort;
  onSort: (sort: RowSort | undefined) => void;
  cursor: number;
  onCursor: (index: number, row: FindingRow | undefined) => void;
  /** Whether the row is the one open in the detail pane. */
  isOpen: (row: FindingRow) => boolean;
  onOpen: (row: FindingRow) => void;
  onNote: (row: FindingRow) => void;
  onClose: () => void;
  /** When this changes (a new filter or sort, not a new cutoff), the table goes back to the top. */
  resetKey: string;
  /** Scroll this row into view (a deep link's finding); each new `seq` scrolls again. */
  scrollRequest?: { index: number; seq: number } | null;
  empty: React.ReactNode;
}

export function FindingsTable(props: FindingsTableProps) {
  const { columns, pages, sort, onSort, cursor, onCursor, isOpen, onOpen, onNote, onClose, resetKey } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(1000);
  const id = useId();

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    setWidth(el.clientWidth);
    return () => observer.disconnect();
  }, []);

  // Slack for the vertical scrollbar and rounding.
  const visible = useMemo(() => fitColumns(columns, width - 14), [columns, width]);
  const template = visible.map((c) => c.width).join(' ');

  const virtualizer = useVirtualizer({
    count: pages.total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEAD_HEIGHT,
    scrollPaddingStart: HEAD_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { ensure } = pages;
  useEffect(() => {
    ensure(first, last);
  }, [first, last, ensure, pages.shownKey]);

  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [resetKey]);

  const { scrollRequest } = props;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new request (its seq) scrolls, once the rows are there; a later total or a new virtualizer object is not a request
  useEffect(() => {
    if (scrollRequest && scrollRequest.index < pages.total) virtualizer.scrollToIndex(scrollRequest.index, { align: 'center' });
  }, [scrollRequest?.seq, pages.total > 0]);

  // One stable click handler for every row, so memoised rows stay memoised.
  const clickRef = useRef<(index: number) => void>(() => {});
  clickRef.current = (index: number) => {
    const row = pages.row(index);
    onCursor(index, row);
    if (row) onOpen(row);
  };
  const rowClick = useCallback((index: number) => clickRef.current(index), []);

  const move = (to: number) => {
    if (pages.total === 0) return;
    const next = Math.max(0, Math.min(pages.total - 1, to));
    onCursor(next, pages.row(next));
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    // Keys on a header's sort button are the button's (Enter, Space sort).
    if (e.target !== e.currentTarget) return;
    const pageRows = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 300) / ROW_HEIGHT) - 2);
    const row = pages.row(cursor);
    const handled: Record<string, () => void> = {
      ArrowDown: () => move(cursor + 1),
      j: () => move(cursor + 1),
      ArrowUp: () => move(cursor - 1),
      k: () => move(cursor - 1),
      PageDown: () => move(cursor + pageRows),
      PageUp: () => move(cursor - pageRows),
      Home: () => move(0),
      End: () => move(pages.total - 1),
      Enter: () => row && onOpen(row),
      n: () => row && onNote(row),
      Escape: onClose,
    };
    const action = handled[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };

  const ariaSort = (c: Column): 'ascending' | 'descending' | 'none' | undefined =>
    c.sort ? (sort?.column === c.sort ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none') : undefined;

  const clickSort = (c: Column) => {
    if (!c.sort) return;
    // asc → desc → back to the default order.
    if (sort?.column !== c.sort) onSort({ column: c.sort, direction: 'asc' });
    else if (sort.direction === 'asc') onSort({ column: c.sort, direction: 'desc' });
    else onSort(undefined);
  };

  return (
    <div
      className="findings-table"
      ref={scroller}
      tabIndex={0}
      role="grid"
      aria-label={props.label}
      aria-rowcount={pages.total + 1}
      aria-colcount={visible.length}
      aria-activedescendant={pages.total > 0 ? `${id}-row-${cursor}` : undefined}
      onKeyDown={onKeyDown}
    >
      <div className="ft-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
        {visible.map((c) => (
          <div key={c.id} role="columnheader" aria-sort={ariaSort(c)} className={c.numeric ? 'num' : undefined}>
            {c.sort ? (
              // The whole header cell is the button, and it is in the Tab order: sorting works from the keyboard.
              <button
                type="button"
                className="ft-sort"
                onClick={() => clickSort(c)}
                aria-label={`${c.label ?? c.title}: sort`}
                title={`${c.label ?? c.title}: sort (again to reverse, a third time for the default order)`}
              >
                {c.title}
                <span className="ft-arrow" aria-hidden="true">
                  {sort?.column === c.sort ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                </span>
              </button>
            ) : (
              <span title={c.label ?? c.title}>{c.title}</span>
            )}
          </div>
        ))}
      </div>
      {pages.total === 0 && !pages.loading ? (
        <div className="ft-empty">{props.empty}</div>
      ) : (
        <div className="ft-body" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((v) => {
            const row = pages.row(v.index);
            return (
              <TableRow
                key={v.key}
                id={`${id}-row-${v.index}`}
                index={v.index}
                top={v.start - HEAD_HEIGHT}
                row={row}
                signature={row ? JSON.stringify(row) : ''}
                columns={visible}
                template={template}
                cursor={v.index === cursor}
                open={!!row && isOpen(row)}
                onClick={rowClick}
              />
            );
          })}
        </div>
      )}
    </div>
  );
}

interface TableRowProps {
  id: string;
  index: number;
  top: number;
  row: FindingRow | undefined;
  /** The row's content as text: a new page with the same figures does not redraw the row. */
  signature: string;
  columns: Column[];
  template: string;
  cursor: boolean;
  open: boolean;
  onClick: (index: number) => void;
}

/**
 * One table row. A cutoff move replaces every page, yet most rows keep their figures: comparing
 * by content keeps those rows out of the render and the repaint.
 */
const TableRow = memo(
  function TableRow({ id, index, top, row, columns, template, cursor, open, onClick }: TableRowProps) {
    const classes = ['ft-row'];
    if (cursor) classes.push('cursor');
    if (open) classes.push('open');
    if (row?.a.finding) classes.push('finding');
    return (
      <div
        id={id}
        role="row"
        aria-rowindex={index + 2}
        aria-selected={open}
        className={classes.join(' ')}
        data-item={row ? [String(row.org), row.domain, row.cidr ?? ''].join('|') : undefined}
        style={{ transform: `translateY(${top}px)`, gridTemplateColumns: template }}
        onClick={() => onClick(index)}
      >
        {row ? (
          columns.map((c) => (
            <div key={c.id} role="gridcell" className={[c.numeric ? 'num' : '', c.tone?.(row) ?? ''].join(' ').trim() || undefined}>
              {c.cell(row)}
            </div>
          ))
        ) : (
          <div role="gridcell" className="ft-placeholder">
            loading…
          </div>
        )}
      </div>
    );
  },
  (a, b) =>
    a.signature === b.signature &&
    a.index === b.index &&
    a.top === b.top &&
    a.columns === b.columns &&
    a.template === b.template &&
    a.cursor === b.cursor &&
    a.open === b.open &&
    a.id === b.id,
);
