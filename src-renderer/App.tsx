import { Suspense, createElement, lazy, useEffect, useState, type ComponentType } from 'react';
import { IconChartBar, IconFileInvoice, IconMail, IconPhone, IconSettings, IconSun, IconUsers } from '@tabler/icons-react';
import { Alert, AppShell, Badge, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SCREENS, useNavigation, type Screen } from './stores/navigation';
import { os, shellKind } from './os/client';
import { AccessTokenError } from './os/http-transport';
import { TodayScreen } from './features/today/TodayScreen';
import { changeLanguage } from './features/settings/language';
import { useMorningWakeUp } from './features/today/useMorningWakeUp';
import { useDailyBackup } from './features/data/useDailyBackup';
import { ImportWizardHost } from './features/import/ImportButton';
import { useOutboxDriver } from './features/mail/useOutboxDriver';

/**
 * Today is in the first bundle: it is what opens every morning. The other screens load when first
 * opened (a few milliseconds from disk), so the start parses and compiles only what Today needs —
 * the dashboard's charts, the settings' forms and the lists wait until they are asked for.
 */
const SCREEN_COMPONENTS: Record<Screen, ComponentType> = {
  today: TodayScreen,
  customers: lazy(() => import('./features/customers/CustomersScreen').then((m) => ({ default: m.CustomersScreen }))),
  invoices: lazy(() => import('./features/invoices/InvoicesScreen').then((m) => ({ default: m.InvoicesScreen }))),
  calls: lazy(() => import('./features/calls/CallsScreen').then((m) => ({ default: m.CallsScreen }))),
  letters: lazy(() => import('./features/letters/LettersScreen').then((m) => ({ default: m.LettersScreen }))),
  dashboard: lazy(() => import('./features/dashboard/DashboardScreen').then((m) => ({ default: m.DashboardScreen }))),
  settings: lazy(() => import('./features/settings/SettingsScreen').then((m) => ({ default: m.SettingsScreen }))),
};

const ICONS: Record<Screen, typeof IconSun> = {
  today: IconSun,
  customers: IconUsers,
  invoices: IconFileInvoice,
  calls: IconPhone,
  letters: IconMail,
  dashboard: IconChartBar,
  settings: IconSettings,
};

/** Commands from the application menu (Electron) reach the renderer as contract events. */
function useMenuCommands() {
  const navigate = useNavigation((s) => s.navigate);
  useEffect(
    () =>
      os.on('app.command', (command) => {
        if (command.command === 'navigate') navigate(command.to);
        else void changeLanguage(command.language);
      }),
    [navigate],
  );
}

/** In the browser mode, a page opened without the host's token cannot reach it: say so plainly. */
function useHostAccess(): boolean {
  const [denied, setDenied] = useState(false);
  useEffect(() => {
    os.app.info({}).catch((error: unknown) => {
      if (error instanceof AccessTokenError) setDenied(true);
    });
  }, []);
  return denied;
}

export function App() {
  const { t } = useTranslation();
  const { screen, navigate, query } = useNavigation();
  const accessDenied = useHostAccess();
  useMenuCommands();
  useMorningWakeUp();
  useDailyBackup();
  useOutboxDriver();
  const Current = SCREEN_COMPONENTS[screen];

  useEffect(() => {
    document.title = `${t(`nav.${screen}`)} · ${t('app.name')}`;
  }, [screen, t]);

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 230, breakpoint: 'sm' }} padding="lg">
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <img src="./icon.svg" alt="" width={32} height={32} />
            <Stack gap={0}>
              <Title order={1} size="h4" lh={1.1}>
                {t('app.name')}
              </Title>
              <Text size="xs" c="dimmed">
                {t('app.tagline')}
              </Text>
            </Stack>
          </Group>
          {shellKind === 'web' && (
            <Badge variant="light" color="gray" tt="none">
              {t('app.browserMode')}
            </Badge>
          )}
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('app.mainNavigation')}>
        {SCREENS.map((name) => (
          <NavLink
            key={name}
            href={`#/${name}`}
            label={t(`nav.${name}`)}
            leftSection={createElement(ICONS[name], { size: 18, stroke: 1.6, 'aria-hidden': true })}
            active={screen === name}
            aria-current={screen === name ? 'page' : undefined}
            onClick={(event) => {
              event.preventDefault();
              navigate(name);
            }}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main">
        {accessDenied && (
          <Alert color="red" mb="lg" role="alert">
            {t('os.tokenMissing')}
          </Alert>
        )}
        {/* A link with other filters (a dashboard bar) opens the screen afresh with them. */}
        <Suspense fallback={<Text c="dimmed">{t('app.loading')}</Text>}>
          <Current key={query ? new URLSearchParams(query).toString() : ''} />
        </Suspense>
        <ImportWizardHost />
      </AppShell.Main>
    </AppShell>
  );
}
