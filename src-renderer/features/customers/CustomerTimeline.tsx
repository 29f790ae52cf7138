import { useMemo, useState } from 'react';
import { Badge, Button, Group, NativeSelect, Stack, Text, Textarea, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { getDatabase } from '../../db';
import { addCustomerNote } from '../../db/calls-repo';
import type { Interaction, Invoice, Payment, PaymentPlan, PromiseToPay, ReminderStatus } from '../../domain/model';
import { DEFAULT_PROMISE_GRACE_DAYS } from '../../domain/planner';
import { buildTimeline, promiseStates, TIMELINE_KINDS, type TimelineItem, type TimelineKind } from '../../domain/timeline';
import type { PromiseState } from '../../domain/promises';
import { nowIso } from '../../os/clock';
import { useFormat } from '../../ui/format';
import { useToday } from '../../ui/hooks';
import { useChangeDescription } from './history-text';
import { TimelineDocumentLink } from './TimelineDocumentLink';

const STATUS_COLORS: Record<ReminderStatus, string> = { draft: 'gray', queued: 'blue', sending: 'blue', sent: 'green', retrying: 'orange', failed: 'red', skipped: 'gray' };
const PROMISE_COLORS: Record<PromiseState, string> = { pending: 'blue', due: 'yellow', kept: 'green', broken: 'red', cancelled: 'gray' };

export interface CustomerTimelineProps {
  customerId: string;
  /** The customer's history entries (any order). */
  entries: readonly Interaction[];
  invoices: readonly Invoice[];
  payments: readonly Payment[];
  promises: readonly PromiseToPay[];
  plans: readonly PaymentPlan[];
  timeZone: string;
  /** Opens a letter's archived PDF: handed in by the letters feature (see TimelineDocumentLink). */
  openDocument?: (entry: Interaction) => void;
}

function minutesAndSeconds(total: number): string {
  return `${Math.floor(total / 60)} min ${String(total % 60).padStart(2, '0')} s`;
}

/**
 * Everything that happened with the customer, newest first: reminders with their sending status,
 * calls with outcome, promise and notes, letters with their PDF, payments, promises kept or broken,
 * plan events, disputes, notes; filtered by kind; a note can be added here.
 */
export function CustomerTimeline({ customerId, entries, invoices, payments, promises, plans, timeZone, openDocument }: CustomerTimelineProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const today = useToday();
  const describeChange = useChangeDescription();
  const [kind, setKind] = useState<TimelineKind | 'all'>('all');
  const [note, setNote] = useState<string | null>(null);

  const items = useMemo(
    () => buildTimeline({ interactions: entries, promises, plans, payments, invoices, today, graceDays: DEFAULT_PROMISE_GRACE_DAYS, timeZone }),
    [entries, promises, plans, payments, invoices, today, timeZone],
  );
  const states = useMemo(() => promiseStates({ promises, payments, invoices, today, graceDays: DEFAULT_PROMISE_GRACE_DAYS }), [promises, payments, invoices, today]);
  const shown = kind === 'all' ? items : items.filter((item) => item.kind === kind);
  const numbers = new Map(invoices.map((i) => [i.id, i.number]));
  const promisesById = new Map(promises.map((p) => [p.id, p]));

  const saveNote = async () => {
    if (!note?.trim()) return;
    try {
      await addCustomerNote(getDatabase(), customerId, note, [], nowIso());
      notifications.show({ color: 'green', message: t('callsPanel.timeline.noteSaved') });
      setNote(null);
    } catch (error) {
      notifications.show({ color: 'red', message: t('common.error', { message: error instanceof Error ? error.message : String(error) }) });
    }
  };

  const title = (item: TimelineItem): string => {
    const event = item.event;
    if (event.type === 'plan-broken') return t('callsPanel.timeline.planBroken');
    if (event.type !== 'entry') {
      return t(event.type === 'promise-kept' ? 'callsPanel.timeline.promiseKept' : 'callsPanel.timeline.promiseBroken', {
        amount: format.money(event.promise.amountCents),
        date: format.date(event.promise.promisedDate),
      });
    }
    const entry = event.entry;
    const change = describeChange(entry);
    if (change) return change;
    const details = entry.details ?? {};
    switch (entry.kind) {
      case 'call':
        return t('callsPanel.timeline.call', { outcome: entry.callOutcome ? t(`calls.outcomes.${entry.callOutcome}`) : t('common.none') });
      case 'payment':
        return t('callsPanel.timeline.payment', { amount: format.money(typeof details.amountCents === 'number' ? details.amountCents : 0) });
      case 'payment-plan':
        if (details.change === 'plan-created') {
          return t('callsPanel.timeline.planCreated', { count: Number(details.count ?? 0), amount: format.money(Number(details.totalCents ?? 0)) });
        }
        if (details.change === 'plan-cancelled') return t('callsPanel.timeline.planCancelled');
        if (details.change === 'plan-broken') return t('callsPanel.timeline.planBroken');
        return t('callsPanel.timeline.planOther');
      case 'promise':
        return details.change === 'promise-broken' ? t('callsPanel.timeline.kinds.promise') + ' · ' + t('callsPanel.timeline.promiseStates.broken') : t('callsPanel.timeline.kinds.promise');
      case 'note':
        return t('callsPanel.timeline.note');
      case 'letter':
        return entry.subject ?? t('callsPanel.timeline.letter');
      default: {
        const parts = [t(`customer.interactionKinds.${entry.kind}`)];
        if (entry.channel) parts.push(t(`channels.${entry.channel}`));
        return parts.join(' · ');
      }
    }
  };

  const body = (item: TimelineItem) => {
    if (item.event.type !== 'entry') return null;
    const entry = item.event.entry;
    const details = entry.details ?? {};
    const promise = typeof details.promiseId === 'string' ? promisesById.get(details.promiseId) : undefined;
    const promiseState = promise ? states.get(promise.id) : undefined;
    return (
      <Stack gap={2}>
        <Group gap="xs">
          {entry.kind === 'reminder' && entry.status && (
            <Badge size="sm" variant="light" color={STATUS_COLORS[entry.status]}>
              {t(`callsPanel.timeline.reminderStatus.${entry.status}`)}
            </Badge>
          )}
          {entry.kind === 'call' && entry.durationSeconds !== undefined && entry.durationSeconds > 0 && (
            <Text size="xs" c="dimmed">
              {t('callsPanel.timeline.duration', { duration: minutesAndSeconds(entry.durationSeconds) })}
            </Text>
          )}
          <TimelineDocumentLink entry={entry} onOpen={openDocument} />
        </Group>
        {entry.subject && entry.kind !== 'letter' && <Text size="sm">{entry.subject}</Text>}
        {typeof details.lastError === 'string' && (
          <Text size="xs" c="red">
            {t('callsPanel.timeline.lastError', { error: details.lastError })}
          </Text>
        )}
        {promise && promiseState && (
          <Group gap="xs">
            <Text size="sm">{t('callsPanel.timeline.promiseLine', { amount: format.money(promise.amountCents), date: format.date(promise.promisedDate) })}</Text>
            <Badge size="sm" variant="light" color={PROMISE_COLORS[promiseState]}>
              {t(`callsPanel.timeline.promiseStates.${promiseState}`)}
            </Badge>
          </Group>
        )}
        {entry.kind === 'call' && typeof details.reason === 'string' && (
          <Text size="sm">{t('callsPanel.timeline.reasonLine', { reason: t(`callsPanel.reasons.${details.reason as 'other'}`) })}</Text>
        )}
        {typeof details.saysPaidOn === 'string' && <Text size="sm">{t('callsPanel.timeline.saysPaid', { date: format.date(details.saysPaidOn) })}</Text>}
        {typeof details.callBackOn === 'string' && (
          <Text size="sm">
            {t('callsPanel.timeline.callBack', { date: format.date(details.callBackOn) })}
            {typeof details.callBackAt === 'string' ? ` · ${details.callBackAt}` : ''}
          </Text>
        )}
        {entry.notes && (
          <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
            {entry.notes}
          </Text>
        )}
      </Stack>
    );
  };

  return (
    <section aria-labelledby="customer-timeline">
      <Group justify="space-between" align="flex-end" mb="xs">
        <Stack gap={0}>
          <Title order={2} size="h4" id="customer-timeline">
            {t('callsPanel.timeline.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('callsPanel.timeline.hint')}
          </Text>
        </Stack>
        <Group gap="xs" align="flex-end">
          <NativeSelect
            size="xs"
            label={t('callsPanel.timeline.filter')}
            data={(['all', ...TIMELINE_KINDS] as const).map((value) => ({ value, label: t(`callsPanel.timeline.kinds.${value}`) }))}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as TimelineKind | 'all')}
          />
          {note === null && (
            <Button size="xs" variant="default" onClick={() => setNote('')}>
              {t('callsPanel.timeline.addNote')}
            </Button>
          )}
        </Group>
      </Group>
      {note !== null && (
        <Stack gap="xs" mb="sm">
          <Textarea label={t('callsPanel.timeline.noteLabel')} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} data-autofocus autoFocus />
          <Group gap="xs">
            <Button size="xs" onClick={() => void saveNote()} disabled={!note.trim()}>
              {t('common.save')}
            </Button>
            <Button size="xs" variant="default" onClick={() => setNote(null)}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      )}
      {shown.length === 0 ? (
        <Text size="sm">{t('callsPanel.timeline.empty')}</Text>
      ) : (
        <Timeline bulletSize={14} lineWidth={2} role="list" aria-label={t('callsPanel.timeline.title')}>
          {shown.map((item) => (
            <Timeline.Item key={item.key} title={title(item)} role="listitem">
              <Text size="xs" c="dimmed">
                {format.instant(item.at, timeZone)}
                {item.event.type === 'entry' && item.event.entry.invoiceIds.length > 0
                  ? ` · ${item.event.entry.invoiceIds.map((id) => numbers.get(id) ?? '?').join(', ')}`
                  : ''}
              </Text>
              {body(item)}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </section>
  );
}
