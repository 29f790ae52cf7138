import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigation } from '../stores/navigation';
import { useLoadDemo } from '../features/demo/useLoadDemo';
import { ImportButton } from '../features/import/ImportButton';

/**
 * What a screen shows before there is anything to show: what the screen is for and what to do
 * first, with the demo data one click away. Never "coming soon".
 */
export function EmptyState({ title, body, showSettings = true }: { title: string; body: string; showSettings?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigation((s) => s.navigate);
  const { loadDemo, loading } = useLoadDemo();
  return (
    <Paper withBorder p="xl" radius="md" maw={720}>
      <Stack gap="md">
        <Title order={2} size="h3">
          {title}
        </Title>
        <Text>{body}</Text>
        <Group>
          <Button onClick={() => void loadDemo()} loading={loading}>
            {t('common.loadDemo')}
          </Button>
          <ImportButton />
          {showSettings && (
            <Button variant="default" onClick={() => navigate('settings')}>
              {t('common.goToSettings')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
