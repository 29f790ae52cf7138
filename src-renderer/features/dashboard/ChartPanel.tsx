import type { ReactNode } from 'react';
import { Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';

export interface ChartTable {
  /** Accessible name of the table ("Montant dû par ancienneté du retard"). */
  label: string;
  headers: string[];
  rows: { key: string; cells: ReactNode[] }[];
}

/**
 * A titled chart with the same figures as a table for screen readers: a canvas says nothing to
 * assistive technology, so the chart itself is hidden from it and the table carries the data.
 */
export function ChartPanel({
  id,
  title,
  hint,
  height = 260,
  chart,
  table,
  footer,
}: {
  id: string;
  title: string;
  hint?: string;
  height?: number;
  chart: ReactNode;
  table: ChartTable;
  /** Shown under the chart, to every user (links to the lists behind the bars). */
  footer?: ReactNode;
}) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb={hint ? 0 : 'sm'}>
        {title}
      </Title>
      {hint && (
        <Text size="sm" c="dimmed" mb="sm">
          {hint}
        </Text>
      )}
      <div style={{ height }} aria-hidden="true">
        {chart}
      </div>
      {footer}
      <VisuallyHidden>
        <Table aria-label={table.label}>
          <Table.Thead>
            <Table.Tr>
              {table.headers.map((header) => (
                <Table.Th key={header}>{header}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {table.rows.map((row) => (
              <Table.Tr key={row.key}>
                {row.cells.map((cell, k) => (
                  <Table.Td key={k}>{cell}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </VisuallyHidden>
    </Paper>
  );
}
