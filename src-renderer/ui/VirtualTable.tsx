import { memo, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { sortRows } from './sort-rows';
import { Box, Text, UnstyledButton } from '@mantine/core';
import classes from './VirtualTable.module.css';

export interface Column<Row> {
  key: string;
  header: string;
  /** CSS grid track, e.g. `2fr` or `120px`. */
  width: string;
  align?: 'left' | 'right';
  render(row: Row): ReactNode;
  /** Value to sort on; the column is not sortable without it. */
  sortValue?(row: Row): string | number;
}

type SortState = { key: string; direction: 'ascending' | 'descending' } | null;

/**
 * A table that renders only the rows in view, so that 100,000 invoices scroll smoothly. It keeps
 * table semantics (role table/row/columnheader/cell, aria-rowcount and aria-rowindex) for screen
 * readers and for tests that find rows by role.
 */
export function VirtualTable<Row>({
  label,
  rows,
  columns,
  rowKey,
  initialSort = null,
  height = 560,
  rowHeight = 44,
  empty,
}: {
  label: string;
  rows: Row[];
  columns: Column<Row>[];
  rowKey(row: Row): string;
  initialSort?: SortState;
  height?: number | string;
  rowHeight?: number;
  empty?: ReactNode;
}) {
  const [sort, setSort] = useState<SortState>(initialSort);
  const scrollRef = useRef<HTMLDivElement>(null);
  const template = columns.map((c) => c.width).join(' ');

  // Screens rebuild their column list at every render (the renderers close over `t` and `format`),
  // but a column's sort value never changes meaning: sorting 100,000 rows again because a dialog
  // opened would freeze the window. Sort when the rows or the sort change, with the latest columns.
  const columnsRef = useRef(columns);
  columnsRef.current = columns;
  const sorted = useMemo(() => {
    const column = sort && columnsRef.current.find((c) => c.key === sort.key);
    if (!column?.sortValue || !sort) return rows;
    return sortRows(rows, column.sortValue, sort.direction);
  }, [rows, sort]);

  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    // Rows drawn beyond each edge: enough for a wheel notch, few enough to keep a scroll step short.
    overscan: 5,
    // Rows appear in the next frame rather than synchronously inside the scroll event: with
    // flushSync each wheel step rendered its rows in one blocking task (long tasks while scrolling).
    useFlushSync: false,
  });

  // Rows are keyed by their slot in the drawn window, not by what they show: the row leaving one
  // edge is the one reused at the other edge, so a scroll step updates a few elements' text instead
  // of creating and removing whole rows. At 100,000 invoices a jump of a screen used to create and
  // discard ~700 DOM nodes per step; their garbage brought a full collection of the page's heap in
  // the middle of a scroll (80–190 ms pauses).
  const items = virtualizer.getVirtualItems();

  const toggleSort = (key: string) =>
    setSort((current) =>
      current?.key === key
        ? { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
        : { key, direction: 'ascending' },
    );

  return (
    <Box role="table" aria-label={label} aria-rowcount={sorted.length + 1} className={classes.table}>
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className={classes.headerRow} style={{ gridTemplateColumns: template }}>
          {columns.map((column) => (
            <div
              key={column.key}
              role="columnheader"
              aria-sort={sort?.key === column.key ? sort.direction : column.sortValue ? 'none' : undefined}
              className={classes.cell}
              style={{ textAlign: column.align ?? 'left' }}
            >
              {column.sortValue ? (
                <UnstyledButton onClick={() => toggleSort(column.key)} className={classes.sortButton}>
                  {column.header}
                  <span aria-hidden="true">
                    {sort?.key === column.key ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                  </span>
                </UnstyledButton>
              ) : (
                column.header
              )}
            </div>
          ))}
        </div>
      </div>
      {sorted.length === 0 ? (
        // No rows: a single row saying so (ARIA wants rows, not free text, inside a table).
        empty ? (
          <div role="rowgroup">
            <div role="row">
              <div role="cell">
                <Text p="md" c="dimmed">
                  {empty}
                </Text>
              </div>
            </div>
          </div>
        ) : null
      ) : (
        <div role="rowgroup" ref={scrollRef} className={classes.body} style={{ height }} tabIndex={0}>
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = sorted[item.index] as Row;
              return (
                <VirtualRow
                  key={item.index % items.length}
                  row={row}
                  rowKey={rowKey(row)}
                  columns={columns}
                  index={item.index}
                  start={item.start}
                  size={item.size}
                  template={template}
                />
              );
            })}
          </div>
        </div>
      )}
    </Box>
  );
}

interface VirtualRowProps<Row> {
  row: Row;
  /** What the row shows (`rowKey`): a reused row that starts showing another one lets go of focus. */
  rowKey: string;
  columns: Column<Row>[];
  index: number;
  start: number;
  size: number;
  template: string;
}

/**
 * One row, memoised: a scroll step re-renders the table, but a row that stays in view keeps the
 * same props and is skipped, so only the rows coming into view are drawn (the scroll's long tasks).
 */
const VirtualRow = memo(function VirtualRow<Row>({ row, rowKey, columns, index, start, size, template }: VirtualRowProps<Row>) {
  const element = useRef<HTMLDivElement>(null);
  const shown = useRef(rowKey);
  useLayoutEffect(() => {
    if (shown.current === rowKey) return;
    shown.current = rowKey;
    // A control focused in a row that scrolled away would now act on another invoice: let go of it,
    // as the browser did when rows were removed.
    const focused = document.activeElement;
    if (focused instanceof HTMLElement && element.current?.contains(focused)) focused.blur();
  }, [rowKey]);
  return (
    <div
      ref={element}
      role="row"
      aria-rowindex={index + 2}
      className={classes.row}
      style={{ gridTemplateColumns: template, height: size, transform: `translateY(${start}px)` }}
    >
      {columns.map((column) => (
        <div key={column.key} role="cell" className={classes.cell} style={{ textAlign: column.align ?? 'left' }}>
          {column.render(row)}
        </div>
      ))}
    </div>
  );
}) as <Row>(props: VirtualRowProps<Row>) => ReactNode;

/** A link inside a cell: a plain element (see `.cellLink`), light enough for thousands of rows. */
export function CellLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} className={classes.cellLink}>
      {children}
    </a>
  );
}
