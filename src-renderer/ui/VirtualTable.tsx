import { memo, useMemo, useRef, useState, type ReactNode } from 'react';
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
            {virtualizer.getVirtualItems().map((item) => {
              const row = sorted[item.index] as Row;
              return <VirtualRow key={rowKey(row)} row={row} columns={columns} index={item.index} start={item.start} size={item.size} template={template} />;
            })}
          </div>
        </div>
      )}
    </Box>
  );
}

interface VirtualRowProps<Row> {
  row: Row;
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
const VirtualRow = memo(function VirtualRow<Row>({ row, columns, index, start, size, template }: VirtualRowProps<Row>) {
  return (
    <div role="row" aria-rowindex={index + 2} className={classes.row} style={{ gridTemplateColumns: template, height: size, transform: `translateY(${start}px)` }}>
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
