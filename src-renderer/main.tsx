import { StrictMode, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { appTheme, cssVariablesResolver } from './ui/theme';
import { Notifications } from '@mantine/notifications';
import { ModalsProvider } from '@mantine/modals';
import { LocalizedDates } from './ui/LocalizedDates';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/dates/styles.css';
import 'dayjs/locale/fr';
import 'dayjs/locale/en-gb';
import './styles.css';
import { initI18n } from './i18n';
import { getDatabase, getSettings } from './db';
import { App } from './App';
import { LedgerProvider } from './ui/hooks';
import { FollowUpsProvider } from './features/today/useFollowUps';
import { os } from './os/client';

/** The theme carries translated labels (dialogs' close buttons): made again when the language changes. */
function ThemedApp({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const theme = useMemo(() => appTheme(t('common.closeDialog')), [t]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      {children}
    </MantineProvider>
  );
}

/** Reads the saved language before the first paint, so a shop set to English never flashes French. */
async function start() {
  const settings = await getSettings(getDatabase()).catch(() => null);
  const language = settings?.language ?? 'fr';
  await initI18n(language);
  void os.app.setLanguage({ language }).catch(() => undefined);
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <ThemedApp>
        <LocalizedDates>
        <ModalsProvider>
          <Notifications position="top-right" />
          <LedgerProvider>
            <FollowUpsProvider>
              <App />
            </FollowUpsProvider>
          </LedgerProvider>
        </ModalsProvider>
        </LocalizedDates>
      </ThemedApp>
    </StrictMode>,
  );
}

void start();
