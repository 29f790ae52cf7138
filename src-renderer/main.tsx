import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider, createTheme } from '@mantine/core';
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

const theme = createTheme({
  primaryColor: 'blue',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  defaultRadius: 'md',
});

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
      <MantineProvider theme={theme}>
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
      </MantineProvider>
    </StrictMode>,
  );
}

void start();
