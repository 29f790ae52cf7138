import { useEffect, useState } from 'react';
import { Alert, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { os } from '../../os/client';
import type { MethodResult } from '../../../src-main/contract/methods';

type BackgroundMode = MethodResult<'app.getBackgroundMode'>;

/** When main cannot be asked (an older shell), the switches show off and disabled. */
const UNSUPPORTED: BackgroundMode = { supported: false, keepRunningInTray: false, launchAtLogin: false };

/**
 * The desktop app's background mode: keep running in the tray when the window is closed, start
 * with the session. Main keeps both (`<data>/background.json`); in the browser mode they cannot be
 * changed and the switches are disabled. Meant to sit in a settings section titled `desktop.title`.
 */
export function DesktopSection() {
  const { t } = useTranslation();
  const [mode, setMode] = useState<BackgroundMode>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let active = true;
    void os.app.getBackgroundMode({}).then(
      (result) => active && setMode(result),
      () => active && setMode(UNSUPPORTED),
    );
    return () => {
      active = false;
    };
  }, []);

  const change = async (patch: Partial<Pick<BackgroundMode, 'keepRunningInTray' | 'launchAtLogin'>>) => {
    if (!mode) return;
    const previous = mode;
    const next = { keepRunningInTray: mode.keepRunningInTray, launchAtLogin: mode.launchAtLogin, ...patch };
    // The switch moves at once; main's answer is the truth (and undoes it on failure).
    setMode({ ...mode, ...next });
    setSaving(true);
    try {
      setMode(await os.app.setBackgroundMode(next));
    } catch (error) {
      setMode(previous);
      notifications.show({
        color: 'red',
        message: t('desktop.saveError', { message: error instanceof Error ? error.message : String(error) }),
      });
    } finally {
      setSaving(false);
    }
  };

  const disabled = !mode?.supported || saving;
  return (
    <Stack gap="md">
      <Text size="sm">{t('desktop.explanation')}</Text>
      {mode && !mode.supported && (
        <Alert color="gray" variant="light">
          {t('desktop.browserOnly')}
        </Alert>
      )}
      {!mode && (
        <Text size="sm" c="dimmed" role="status">
          {t('desktop.loading')}
        </Text>
      )}
      <Switch
        label={t('desktop.keepRunningInTray')}
        description={t('desktop.keepRunningInTrayHint')}
        checked={mode?.keepRunningInTray ?? false}
        disabled={disabled}
        onChange={(event) => void change({ keepRunningInTray: event.currentTarget.checked })}
      />
      <Switch
        label={t('desktop.launchAtLogin')}
        description={t('desktop.launchAtLoginHint')}
        checked={mode?.launchAtLogin ?? false}
        disabled={disabled}
        onChange={(event) => void change({ launchAtLogin: event.currentTarget.checked })}
      />
    </Stack>
  );
}
