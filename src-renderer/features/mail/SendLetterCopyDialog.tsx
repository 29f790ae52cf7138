import { useMemo, useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { ArchivedLetter } from '../../db/letters-repo';
import { isValidEmail } from '../../domain/contact-checks';
import { todayIn } from '../../domain/dates';
import { DEFAULT_LETTER_DEADLINE_DAYS } from '../../domain/letter-input';
import { copyRecipient, letterDeadline } from '../../domain/letter-copy';
import type { Interaction } from '../../domain/model';
import { useRecords, useToday } from '../../ui/hooks';
import { routeHref } from '../../stores/navigation';
import { archiveFileName, draftCopyOfLetter, sendLetterCopy } from './letter-copy';
import { useMailSettingsStore } from './mail-runtime';

/**
 * "Envoyer par e-mail" on an archived letter (Courriers): the covering email drafted in the shop's
 * wording, reviewed — recipient, subject, text — then queued with the archived PDF (the very file
 * printed). A letter whose copy is already on its way or sent is not sent a second time; a failed
 * copy can be sent again (same message row, new key).
 */
export function SendLetterCopyDialog({ letter, customerName, copy, onClose }: { letter: ArchivedLetter; customerName: string; copy: Interaction | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const records = useRecords();
  const today = useToday();
  const configured = useMailSettingsStore((s) => s.view?.settings != null);
  const customer = records?.customers.find((c) => c.id === letter.customerId);
  const draft = useMemo(() => {
    if (!records || !customer) return undefined;
    // Letters produced before their deadline was recorded: the default deadline after the letter's day.
    const deadline = letter.deadline ?? letterDeadline(todayIn(records.settings.timeZone, letter.at), DEFAULT_LETTER_DEADLINE_DAYS);
    return draftCopyOfLetter(customer, { invoiceIds: letter.invoiceIds, deadline }, records, today);
    // The draft is taken once, when the dialog opens: later record changes must not overwrite what the user typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const [to, setTo] = useState(() => (customer ? (copyRecipient(customer) ?? '') : ''));
  const [subject, setSubject] = useState(draft?.subject ?? '');
  const [text, setText] = useState(draft?.text ?? '');
  const [sending, setSending] = useState(false);
  const already = copy !== undefined && copy.status !== 'failed';
  const addressOk = isValidEmail(to.trim());

  const send = async () => {
    if (!draft) return;
    setSending(true);
    try {
      await sendLetterCopy({ customerId: letter.customerId, archiveId: letter.archiveId, invoiceIds: letter.invoiceIds }, draft, { to, subject, text });
      notifications.show({ color: 'green', message: t('mailcopy.dialog.queued', { address: to.trim() }) });
      onClose();
    } catch (error) {
      notifications.show({ color: 'red', message: t('mailcopy.dialog.error', { message: error instanceof Error ? error.message : String(error) }) });
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal opened onClose={onClose} size="lg" title={t('mailcopy.dialog.title', { customer: customerName })}>
      <Stack>
        <Text size="sm">{t('mailcopy.dialog.intro')}</Text>
        {already && <Alert color="blue">{t('mailcopy.dialog.already', { status: t(`callsPanel.timeline.reminderStatus.${copy.status ?? 'queued'}`) })}</Alert>}
        {!configured && (
          <Alert color="yellow">
            {t('mail.today.notConfigured')} <a href={routeHref({ screen: 'settings' })}>{t('mail.today.openSettings')}</a>
          </Alert>
        )}
        {customer && !copyRecipient(customer) && <Alert color="orange">{t('mailcopy.dialog.noAddress')}</Alert>}
        <TextInput
          label={t('mailcopy.dialog.to')}
          type="email"
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          error={to.trim() !== '' && !addressOk ? t('mailcopy.dialog.badAddress') : undefined}
          required
        />
        <TextInput label={t('mailcopy.dialog.subject')} value={subject} onChange={(e) => setSubject(e.currentTarget.value)} required />
        <Textarea label={t('mailcopy.dialog.message')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={8} maxRows={14} />
        <Text size="xs" c="dimmed">
          {[t('mailcopy.dialog.attachment', { file: archiveFileName(letter.archiveId) }), draft?.qrPayload ? t('mail.today.withQr') : null].filter(Boolean).join(' · ')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void send()} loading={sending} disabled={!draft || already || !configured || !addressOk || subject.trim() === '' || text.trim() === ''}>
            {t('mailcopy.dialog.send')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
