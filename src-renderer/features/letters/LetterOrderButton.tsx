import { useState } from 'react';
import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useRecords, useToday } from '../../ui/hooks';
import { openArchivedLetter, openPendingTab, produceLetter, type LetterOrder } from './letter-production';
import type { ProducedLetter } from '../../db/letters-repo';
import { asLetterProblem } from './useDueLetters';

/**
 * Produces one letter (archived, recorded in the customer's history) and shows it at once: the print
 * dialog in the desktop app, a new tab in the browser.
 */
export function useProduceLetter(source: ProducedLetter['source']) {
  const { t } = useTranslation();
  const records = useRecords();
  const today = useToday();
  const [busy, setBusy] = useState(false);
  const produce = async (order: LetterOrder): Promise<boolean> => {
    if (!records) return false;
    const tab = openPendingTab();
    setBusy(true);
    try {
      const { archiveId } = await produceLetter(order, records, today, t(`courrier.kinds.${order.kind}`), source);
      await openArchivedLetter({ documentPath: archiveId }, { print: true, tab });
      const customer = records.customers.find((c) => c.id === order.customerId)?.name ?? '';
      notifications.show({ color: 'green', message: t('courrier.one.produced', { kind: t(`courrier.kinds.${order.kind}`), customer }) });
      return true;
    } catch (error) {
      tab.close();
      const problem = asLetterProblem((error as { problem?: string }).problem);
      const reason = problem ? t(`courrier.problems.${problem}`) : error instanceof Error ? error.message : String(error);
      notifications.show({ color: 'red', message: t('courrier.one.error', { reason }) });
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { produce, busy, ready: records !== undefined };
}

/** One button that produces and shows the letter of `order`. */
export function LetterOrderButton({ order, label, source, disabled }: { order: LetterOrder; label: string; source: ProducedLetter['source']; disabled?: boolean }) {
  const { produce, busy, ready } = useProduceLetter(source);
  return (
    <Button size="xs" variant="light" loading={busy} disabled={disabled || !ready} onClick={() => void produce(order)}>
      {label}
    </Button>
  );
}
