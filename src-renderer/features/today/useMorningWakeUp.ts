import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { notifications } from '@mantine/notifications';
import { os, shellKind } from '../../os/client';
import { nowIso } from '../../os/clock';
import { businessCalendarOf } from '../../domain/calendar-settings';
import { nextWakeInstant } from '../../domain/planner';
import { nextLocalTime } from '../../domain/wake-up';
import { useSettings } from '../../ui/hooks';
import { useFollowUps } from './useFollowUps';

const MORNING = '09:00';

/**
 * Keeps the main process's alarm set for the next moment something becomes due (the planner's
 * `nextWakeInstant` through the shop's business hours), or the next business morning, with the
 * notification the shopkeeper will see ("3 relances à faire"); when it fires, the planner plans again
 * (see useFollowUps) and this sets the next one. Without desktop notifications (browser mode), the
 * wake-up shows inside the app.
 */
export function useMorningWakeUp(): void {
  const { t } = useTranslation();
  const settings = useSettings();
  const timeZone = settings?.timeZone;
  const followUps = useFollowUps();
  // Steps to carry out and calls back the customers asked for (both things to do, not checks).
  const steps = followUps?.actions.filter((a) => a.kind === 'step' || a.kind === 'call-back').length ?? null;
  const plannedAt = followUps && settings ? nextWakeInstant(followUps, followUps.input.asOf, businessCalendarOf(settings)) : null;

  useEffect(() => {
    if (!timeZone || steps === null) return;
    const at = plannedAt ?? nextLocalTime(nowIso(), MORNING, timeZone);
    const body = t('today.followUpsDue', { count: steps });
    void os.scheduler
      .setNextWake({ at, reason: body, ...(steps > 0 ? { notification: { title: t('app.name'), body } } : {}) })
      .catch(() => undefined);
  }, [timeZone, steps, plannedAt, t]);

  // In Electron the main process has already shown the desktop notification; the browser mode has
  // none, so the wake-up shows inside the app (only when there is something to do).
  useEffect(
    () =>
      os.on('scheduler.wake', (payload) => {
        if (shellKind === 'web' && payload.reason && (steps ?? 0) > 0) notifications.show({ title: t('app.name'), message: payload.reason });
      }),
    [t, steps],
  );
}
