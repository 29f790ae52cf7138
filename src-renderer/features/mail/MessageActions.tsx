import { useMemo, useState } from 'react';
import { Alert, Button, CopyButton, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { ActionSlotProps } from '../today/action-slots';
import type { StepAction } from '../../domain/planner';
import type { Customer } from '../../domain/model';
import { messageLink, mobileNumber, type MessageChannel } from '../../domain/message-links';
import { recordMessageSent } from '../../db/messages-repo';
import { getDatabase } from '../../db';
import { nowIso } from '../../os/clock';
import { openExternal } from '../../os/client';
import { useFormat } from '../../ui/format';
import { useRecords, useToday } from '../../ui/hooks';
import { draftForAction } from './drafts';

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Today's button on an SMS or WhatsApp step: the short message drafted from the template, to copy or
 * to open in the phone's own app (`sms:` / wa.me through the allow-listed opener), then "mark as
 * sent". Without a usable mobile number, a warning instead of the button.
 */
export function MessageActionButton({ action, customer }: ActionSlotProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (action.kind !== 'step' || (action.channel !== 'sms' && action.channel !== 'whatsapp')) return null;
  const contact = customer?.contacts.find((c) => c.id === customer.preferredContactId && c.mobile) ?? customer?.contacts.find((c) => c.mobile);
  const mobile = mobileNumber(contact?.mobile);
  if (!customer || 'problem' in mobile) {
    return (
      <Text size="sm" c="orange.8" fw={500} maw={260}>
        ⚠ {t(`mail.messages.noMobile.${'problem' in mobile ? mobile.problem : 'missing'}`)}
      </Text>
    );
  }
  return (
    <>
      <Button size="xs" color="teal" onClick={() => setOpen(true)}>
        {t(`mail.messages.prepare.${action.channel}`)}
      </Button>
      {open && <MessageDialog action={action} customer={customer} channel={action.channel} e164={mobile.e164} contactName={contact?.name ?? customer.name} onClose={() => setOpen(false)} />}
    </>
  );
}

function MessageDialog(props: { action: StepAction; customer: Customer; channel: MessageChannel; e164: string; contactName: string; onClose: () => void }) {
  const { action, customer, channel, e164, contactName, onClose } = props;
  const { t } = useTranslation();
  const format = useFormat();
  const records = useRecords();
  const today = useToday();
  const initial = useMemo(() => (records ? (draftForAction(action, customer, records, today, undefined)?.text ?? '') : ''), [records, action, customer, today]);
  const [text, setText] = useState(initial);
  const [saving, setSaving] = useState(false);

  const open = async () => {
    try {
      await openExternal(messageLink(channel, e164, text));
    } catch (error) {
      notifications.show({ color: 'red', message: t('common.error', { message: errorMessage(error) }) });
    }
  };
  const markSent = async () => {
    setSaving(true);
    try {
      await recordMessageSent(getDatabase(), action, text, e164, nowIso());
      notifications.show({ color: 'green', message: t('mail.messages.recorded', { customer: action.customerName }) });
      onClose();
    } catch (error) {
      notifications.show({ color: 'red', message: t('common.error', { message: errorMessage(error) }) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened onClose={onClose} size="lg" title={t(`mail.messages.title.${channel}`, { customer: action.customerName })}>
      <Stack>
        <Text size="sm">{t('mail.messages.to', { name: contactName, number: format.phone(e164) })}</Text>
        <Textarea label={t('mail.messages.text')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={5} maxRows={14} />
        <Text size="xs" c="dimmed">
          {t('mail.messages.length', { count: text.length })}
        </Text>
        <Alert color="blue">{t('mail.messages.howTo')}</Alert>
        <Group justify="space-between">
          <Group gap="xs">
            <CopyButton value={text}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy}>
                  {copied ? t('mail.messages.copied') : t('mail.messages.copy')}
                </Button>
              )}
            </CopyButton>
            <Button variant="default" onClick={() => void open()} disabled={text.trim() === ''}>
              {t(`mail.messages.open.${channel}`)}
            </Button>
          </Group>
          <Button onClick={() => void markSent()} loading={saving} disabled={text.trim() === ''}>
            {t('mail.messages.markSent')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
