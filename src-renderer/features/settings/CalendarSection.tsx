import { useEffect, useMemo, useState } from 'react';
import { ActionIcon, Alert, Button, Checkbox, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { getDatabase, saveSettings } from '../../db';
import type { BusinessCalendar, BusinessHours } from '../../domain/calendar';
import {
  closedRuns,
  DEFAULT_BUSINESS_HOURS,
  nextSendingTime,
  validateBusinessHours,
  withClosedDates,
  withoutClosedRun,
  type CalendarProblem,
} from '../../domain/calendar-settings';
import { nowIso } from '../../os/clock';
import { useFormat } from '../../ui/format';
import { useSettings } from '../../ui/hooks';

/** ISO weekdays (1 = Monday) and their i18n keys. */
const WEEKDAYS = [
  [1, 'mon'],
  [2, 'tue'],
  [3, 'wed'],
  [4, 'thu'],
  [5, 'fri'],
  [6, 'sat'],
  [7, 'sun'],
] as const;
const HOLIDAY_SETS: BusinessCalendar['holidays'][] = ['FR', 'FR-alsace-moselle', 'none'];

/** The shop's business calendar: when automatic emails may go out (settings row `businessCalendar`). */
export function CalendarSection() {
  const { t } = useTranslation();
  const settings = useSettings();
  if (!settings) return <Text>{t('app.loading')}</Text>;
  // A new form when the saved calendar changes elsewhere (a restore, another window).
  return <CalendarForm key={JSON.stringify(settings.businessCalendar ?? null)} initial={settings.businessCalendar ?? DEFAULT_BUSINESS_HOURS} timeZone={settings.timeZone} />;
}

/** The current instant, moved on every 30 seconds (for the live preview). */
function useNow(): string {
  const [now, setNow] = useState(nowIso);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(nowIso()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

function CalendarForm({ initial, timeZone }: { initial: BusinessHours; timeZone: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const [hours, setHours] = useState<BusinessHours>(initial);
  const [submitted, setSubmitted] = useState(false);
  const [closedFrom, setClosedFrom] = useState('');
  const [closedTo, setClosedTo] = useState('');
  const [closedError, setClosedError] = useState(false);
  const problems = useMemo(() => validateBusinessHours(hours), [hours]);
  const next = useMemo(() => nextSendingTime(hours, timeZone, now), [hours, timeZone, now]);
  const when = useMemo(
    () => new Intl.DateTimeFormat(format.locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone }),
    [format.locale, timeZone],
  );
  const closedDates = hours.closedDates ?? [];

  const problemText = (problem: CalendarProblem) =>
    t(`engine.calendar.problems.${problem.code}`, problem.code === 'windows-overlap' ? { other: problem.other + 1 } : problem.code === 'bad-closed-date' ? { date: problem.date } : {});
  const windowProblems = (index: number) => problems.filter((p) => 'window' in p && p.window === index);
  const shown = (list: CalendarProblem[]) => (submitted || hours !== initial ? list.map(problemText).join(' ') || undefined : undefined);

  const setWindow = (index: number, bound: 'start' | 'end', value: string) =>
    setHours((h) => ({ ...h, windows: h.windows.map((w, i) => (i === index ? { ...w, [bound]: value.trim() } : w)) }));

  const addClosed = () => {
    const updated = withClosedDates(closedDates, closedFrom, closedTo || closedFrom);
    setClosedError(updated === undefined);
    if (!updated) return;
    setHours((h) => ({ ...h, closedDates: updated }));
    setClosedFrom('');
    setClosedTo('');
  };

  const save = async () => {
    setSubmitted(true);
    if (problems.length > 0 || next === undefined) {
      notifications.show({ color: 'red', message: t('engine.calendar.notSaved') });
      return;
    }
    await saveSettings(getDatabase(), { businessCalendar: hours });
    notifications.show({ color: 'green', message: t('engine.calendar.saved') });
  };

  const general = problems.filter((p) => p.code === 'no-open-day' || p.code === 'no-window' || p.code === 'bad-closed-date');
  return (
    <Stack>
      <Checkbox.Group
        label={t('engine.calendar.days')}
        value={hours.days.map(String)}
        onChange={(values) => setHours((h) => ({ ...h, days: values.map(Number).sort((a, b) => a - b) }))}
        error={shown(general.filter((p) => p.code === 'no-open-day'))}
      >
        <Group mt="xs">
          {WEEKDAYS.map(([day, key]) => (
            <Checkbox key={day} value={String(day)} label={t(`engine.calendar.weekdays.${key}`)} />
          ))}
        </Group>
      </Checkbox.Group>

      <Stack gap="xs">
        <Title order={3} size="h6">
          {t('engine.calendar.windows')}
        </Title>
        {hours.windows.map((window, index) => {
          const error = shown(windowProblems(index));
          return (
            <Group key={index} align="flex-start">
              <TextInput
                label={t('engine.calendar.windowStart', { n: index + 1 })}
                placeholder={t('engine.calendar.timeHint')}
                value={window.start}
                onChange={(e) => setWindow(index, 'start', e.currentTarget.value)}
                error={error}
                w={200}
              />
              <TextInput
                label={t('engine.calendar.windowEnd', { n: index + 1 })}
                placeholder={t('engine.calendar.timeHint')}
                value={window.end}
                onChange={(e) => setWindow(index, 'end', e.currentTarget.value)}
                error={error ? ' ' : undefined}
                w={200}
              />
              <ActionIcon
                mt={28}
                variant="subtle"
                color="red"
                aria-label={t('engine.calendar.removeWindow', { n: index + 1 })}
                onClick={() => setHours((h) => ({ ...h, windows: h.windows.filter((_, i) => i !== index) }))}
              >
                ×
              </ActionIcon>
            </Group>
          );
        })}
        {shown(general.filter((p) => p.code === 'no-window')) && <Text c="red" size="sm">{shown(general.filter((p) => p.code === 'no-window'))}</Text>}
        <Group>
          <Button variant="default" size="xs" onClick={() => setHours((h) => ({ ...h, windows: [...h.windows, { start: '', end: '' }] }))}>
            {t('engine.calendar.addWindow')}
          </Button>
        </Group>
      </Stack>

      <Select
        label={t('engine.calendar.holidays')}
        data={HOLIDAY_SETS.map((value) => ({ value, label: t(`engine.calendar.holidaySets.${value}`) }))}
        value={hours.holidays}
        allowDeselect={false}
        onChange={(value) => value && setHours((h) => ({ ...h, holidays: value as BusinessCalendar['holidays'] }))}
        w={420}
      />

      <Stack gap="xs">
        <Title order={3} size="h6">
          {t('engine.calendar.closed')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('engine.calendar.closedHint')}
        </Text>
        {closedDates.length === 0 ? (
          <Text size="sm">{t('engine.calendar.noClosed')}</Text>
        ) : (
          <Stack gap={4} component="ul" aria-label={t('engine.calendar.closed')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {closedRuns(closedDates).map((run) => {
              const what = run.from === run.to ? t('engine.calendar.closedDay', { date: format.longDate(run.from) }) : t('engine.calendar.closedRun', { from: format.longDate(run.from), to: format.longDate(run.to) });
              return (
                <Group key={run.from} component="li" gap="xs">
                  <Text size="sm">{what}</Text>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('engine.calendar.removeClosed', { what })}
                    onClick={() => setHours((h) => ({ ...h, closedDates: withoutClosedRun(h.closedDates ?? [], run.from, run.to) }))}
                  >
                    ×
                  </ActionIcon>
                </Group>
              );
            })}
          </Stack>
        )}
        <Group align="flex-end">
          <TextInput type="date" label={t('engine.calendar.closedFrom')} value={closedFrom} onChange={(e) => setClosedFrom(e.currentTarget.value)} error={closedError ? t('engine.calendar.badClosedRun') : undefined} />
          <TextInput type="date" label={t('engine.calendar.closedTo')} value={closedTo} onChange={(e) => setClosedTo(e.currentTarget.value)} />
          <Button variant="default" onClick={addClosed}>
            {t('engine.calendar.addClosed')}
          </Button>
        </Group>
      </Stack>

      {problems.length === 0 &&
        (next === undefined ? (
          <Alert color="red">{t('engine.calendar.never')}</Alert>
        ) : (
          <Text role="status" fw={500}>
            {Date.parse(next) <= Date.parse(now) ? t('engine.calendar.nextNow', { when: when.format(new Date(next)) }) : t('engine.calendar.next', { when: when.format(new Date(next)) })}
          </Text>
        ))}
      <Group>
        <Button onClick={() => void save()}>{t('engine.calendar.save')}</Button>
      </Group>
    </Stack>
  );
}
