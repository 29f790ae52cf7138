import { useMemo, useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { getDatabase } from '../../db';
import { isEmailMessage, retryNow } from '../../db/outbox-repo';
import type { Interaction, ReminderStatus } from '../../domain/model';
import { todayIn } from '../../domain/dates';
import { shownInToday } from '../../domain/outbox';
import { nowIso } from '../../os/clock';
import { routeHref } from '../../stores/navigation';
import { useFormat } from '../../ui/format';
import { useRecords, useToday } from '../../ui/hooks';
import { useMailFailureText } from './failure-text';
import { useFollowUps } from '../today/useFollowUps';
import { customersById } from '../../ui/customers-by-id';

const STATUS_COLOR: Partial<Record<ReminderStatus, string>> = { queued: 'gray', sending: 'blue', sent: 'green', retrying: 'orange', failed: 'red' };
const ORDER: Partial<Record<ReminderStatus, number>> = { failed: 0, retrying: 1, sending: 2, queued: 3, sent: 4 };

/**
 * Today's view of the outbox: every email on its way or needing attention, and those sent today,
 * each with its status ("sent", "new attempt at 10:05", "needs attention" with the server's words)
 * and "retry now".
 */
export function OutboxPanel() {
  const { t } = useTranslation();
  const records = useRecords();
  const today = useToday();
  const timeZone = records?.settings.timeZone ?? 'Europe/Paris';
  const followUps = useFollowUps();
  const messages = useMemo(() => {
    if (!records) return [];
    const planned = new Set(followUps?.actions.map((action) => action.key));
    const dayOf = (iso: string) => todayIn(timeZone, iso);
    return records.interactions
      .filter((row) => isEmailMessage(row) && shownInToday(row, planned, today, dayOf))
      .sort((a, b) => (ORDER[a.status!] ?? 9) - (ORDER[b.status!] ?? 9) || b.at.localeCompare(a.at));
  }, [records, followUps, today, timeZone]);
  if (messages.length === 0) return null;
  const customers = records ? customersById(records.customers) : undefined;
  return (
    <section aria-labelledby="today-outbox">
      <Title order={2} size="h4" id="today-outbox" mb="sm">
        {t('mail.outbox.title')}
      </Title>
      <Stack gap="xs" role="list" aria-labelledby="today-outbox">
        {messages.map((message) => (
          <OutboxRow key={message.id} message={message} customerName={customers?.get(message.customerId)?.name ?? ''} timeZone={timeZone} />
        ))}
      </Stack>
    </section>
  );
}

function OutboxRow({ message, customerName, timeZone }: { message: Interaction; customerName: string; timeZone: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const describe = useMailFailureText();
  const [busy, setBusy] = useState(false);
  const details = message.details ?? {};
  const status = message.status ?? 'queued';
  const label =
    status === 'sent'
      ? t('mail.outbox.sentAt', { time: format.instant(String(details.sentAt ?? message.at), timeZone) })
      : status === 'retrying'
        ? t('mail.outbox.retryingAt', { time: format.instant(String(details.nextAttemptAt ?? message.at), timeZone) })
        : t(`mail.outbox.${status}`, { defaultValue: status });
  const failure = (status === 'failed' || status === 'retrying') && details.lastErrorCode != null;

  const retry = async () => {
    setBusy(true);
    try {
      await retryNow(getDatabase(), message.id, nowIso());
    } catch (error) {
      notifications.show({ color: 'red', message: t('common.error', { message: error instanceof Error ? error.message : String(error) }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="sm" radius="md" role="listitem" aria-label={t('mail.outbox.emailTo', { customer: customerName })}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Group gap="xs">
            <Anchor href={routeHref({ screen: 'customers', id: message.customerId })} fw={600} size="sm">
              {customerName}
            </Anchor>
            <Badge size="sm" variant="light" color={STATUS_COLOR[status] ?? 'gray'} tt="none">
              {label}
            </Badge>
          </Group>
          <Text size="sm">{message.subject}</Text>
          <Text size="xs" c="dimmed">
            {t('mail.outbox.to', { address: String(details.to ?? '') })}
          </Text>
          {failure && (
            <>
              <Text size="sm" c={status === 'failed' ? 'red.8' : 'orange.8'}>
                {describe(details.lastErrorCode)}
              </Text>
              {details.lastError != null && (
                <Text size="xs" c="dimmed">
                  {t('mail.settings.serverSaid', { message: String(details.lastError) })}
                </Text>
              )}
            </>
          )}
        </Stack>
        {(status === 'failed' || status === 'retrying') && (
          <Button size="xs" variant="default" loading={busy} onClick={() => void retry()}>
            {t('mail.outbox.retryNow')}
          </Button>
        )}
      </Group>
    </Paper>
  );
}
