import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { notifications } from '@mantine/notifications';
import { os } from '../../os/client';
import { nowIso } from '../../os/clock';
import { nextLocalTime } from '../../domain/wake-up';
import { useLedger, useSettings } from '../../ui/hooks';
import { customersToFollowUp } from '../../domain/ledger-summary';
import { useToday } from '../../ui/hooks';

const MORNING = '09:00';

/**
 * Keeps the main process's alarm set for the next business morning, with the notification the
 * shopkeeper will see ("3 clients à relancer"), and refreshes the app when it fires. When the shell
 * has no desktop notifications (browser mode), the wake-up shows inside the app.
 */
export function useMorningWakeUp(): void {
  const { t } = useTranslation();
  const settings = useSettings();
  const ledger = useLedger();
  const today = useToday();
  const timeZone = settings?.timeZone;
  const toFollowUp = ledger ? customersToFollowUp(ledger, today).length : null;

  useEffect(() => {
    if (!timeZone || toFollowUp === null) return;
    const at = nextLocalTime(nowIso(), MORNING, timeZone);
    const body = t('today.customersToContact', { count: toFollowUp });
    void os.scheduler
      .setNextWake({
        at,
        reason: body,
        ...(toFollowUp > 0 ? { notification: { title: t('app.name'), body } } : {}),
      })
      .catch(() => undefined);
  }, [timeZone, toFollowUp, t]);

  useEffect(
    () =>
      os.on('scheduler.wake', (payload) => {
        void os.notify
          .show({ title: t('app.name'), body: payload.reason ?? t('today.title') })
          .then(({ shown }) => {
            if (!shown && payload.reason) notifications.show({ title: t('app.name'), message: payload.reason });
          })
          .catch(() => undefined);
      }),
    [t],
  );
}
