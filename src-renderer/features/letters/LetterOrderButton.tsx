import { useMemo, useState } from 'react';
import { Button, Modal } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useRecords, useToday } from '../../ui/hooks';
import { openArchivedLetter, openPendingTab, produceLetter, type LetterOrder } from './letter-production';
import type { ProducedLetter } from '../../db/letters-repo';
import { asLetterProblem } from './useDueLetters';
import { copyPlanOf, withCopies } from './letter-copies';
import { CopiesConfirm } from './CopiesConfirm';
import { customersById } from '../../ui/customers-by-id';

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
      const { archiveId, copy } = await produceLetter(order, records, today, t(`courrier.kinds.${order.kind}`), source);
      await openArchivedLetter({ documentPath: archiveId }, { print: true, tab });
      const customer = customersById(records.customers).get(order.customerId)?.name ?? '';
      notifications.show({ color: 'green', message: t('courrier.one.produced', { kind: t(`courrier.kinds.${order.kind}`), customer }) });
      if (copy === 'queued') notifications.show({ color: 'green', message: t('mailcopy.one.queued', { customer }) });
      if (copy === 'no-address') notifications.show({ color: 'yellow', message: t('mailcopy.one.noAddress', { customer }) });
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

/**
 * One button that produces and shows the letter of `order`. When its step also sends it by email, a
 * dialog first says so (or warns that the customer has no address), with the choice not to send it.
 */
export function LetterOrderButton({ order, label, source, disabled }: { order: LetterOrder; label: string; source: ProducedLetter['source']; disabled?: boolean }) {
  const { t } = useTranslation();
  const { produce, busy, ready } = useProduceLetter(source);
  const records = useRecords();
  const [confirming, setConfirming] = useState(false);
  const [send, setSend] = useState(true);
  const plan = useMemo(
    () => (records ? copyPlanOf([order], records.policies, customersById(records.customers)) : { withAddress: [], withoutAddress: [] }),
    [order, records],
  );
  const asksForCopy = plan.withAddress.length + plan.withoutAddress.length > 0;
  const customerName = (id: string) => (records ? customersById(records.customers).get(id)?.name : undefined) ?? '';
  return (
    <>
      <Button size="xs" variant="light" loading={busy} disabled={disabled || !ready} onClick={() => (asksForCopy ? setConfirming(true) : void produce(order))}>
        {label}
      </Button>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('mailcopy.one.title', { customer: customerName(order.customerId) })}>
        <CopiesConfirm
          plan={plan}
          customerName={customerName}
          send={send}
          onSendChange={setSend}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            // Still within the click: produce() opens the tab the PDF is shown in.
            void produce(withCopies([order], plan, send)[0] ?? order);
          }}
        />
      </Modal>
    </>
  );
}
