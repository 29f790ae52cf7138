import { Stack, Text, Title } from '@mantine/core';

export function ScreenHeader({ title, intro }: { title: string; intro: string }) {
  return (
    <Stack gap={4} mb="lg">
      <Title order={1} size="h2">
        {title}
      </Title>
      <Text c="dimmed">{intro}</Text>
    </Stack>
  );
}
