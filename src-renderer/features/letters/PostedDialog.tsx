import { useState } from 'react';
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { getDatabase } from '../../db';
import { markLetterPosted, type ArchivedLetter } from '../../db/letters-repo';
import { isCalendarDate } from '../../domain/dates';
import { nowIso } from '../../os/clock';

/** "Mark as posted": the posting date (today by default) and the recorded-delivery number. */
export function PostedDialog({ letter, customerName, today, onClose }: { letter: ArchivedLetter; customerName: string; today: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [date, setDate] = useState(letter.postedOn ?? today);
  const [tracking, setTracking] = useState(letter.trackingNumber ?? '');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await markLetterPosted(getDatabase(), letter.customerId, letter.archiveId, { postedOn: date, ...(tracking.trim() ? { trackingNumber: tracking } : {}) }, nowIso());
      notifications.show({ color: 'green', message: t('courrier.posted.saved') });
      onClose();
    } catch (cause) {
      setError(t('common.error', { message: cause instanceof Error ? cause.message : String(cause) }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={`${t('courrier.posted.title')} — ${customerName}`}>
      <Stack>
        <TextInput type="date" label={t('courrier.posted.date')} value={date} onChange={(event) => setDate(event.currentTarget.value)} required error={error} />
        <TextInput
          label={t('courrier.posted.tracking')}
          description={t('courrier.posted.trackingHint')}
          value={tracking}
          maxLength={40}
          onChange={(event) => setTracking(event.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={saving} disabled={!isCalendarDate(date)} onClick={() => void save()}>
            {t('courrier.posted.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
