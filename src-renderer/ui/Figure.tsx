import { Paper, Text } from '@mantine/core';

/** One headline figure (amount due, overdue...) in a bordered card. */
export function Figure({ label, value, color, size = 'xl' }: { label: string; value: string; color?: string; size?: 'lg' | 'xl' }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size={size} c={color}>
        {value}
      </Text>
    </Paper>
  );
}
