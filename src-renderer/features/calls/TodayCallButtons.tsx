import { useState } from 'react';
import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRecords } from '../../ui/hooks';
import { recordsOfCustomer } from '../../ui/records-by-customer';
import { isOpenInvoice } from '../../domain/open-invoices';
import { PaymentDialog } from '../payments/PaymentDialog';
import type { ActionSlotProps } from '../today/action-slots';
import { CallPanel } from './CallPanel';
import { callCarries } from './carried-step';
import { useFollowUps } from '../today/useFollowUps';

/** "Appeler" on a call to make, a promise or instalment to check: the call panel for that action. */
export function CallActionButton({ action, customer }: ActionSlotProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const followUps = useFollowUps();
  if (!customer) return null;
  const carried = callCarries(action, followUps?.actions ?? []);
  return (
    <>
      <Button size="xs" onClick={() => setOpen(true)} aria-label={t('callsPanel.openFor', { customer: customer.name })}>
        {t('callsPanel.open')}
      </Button>
      {open && <CallPanel customerId={customer.id} invoiceIds={carried.invoiceIds} action={carried.action} onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * On a promise or an instalment due today: "Paiement reçu" records the payment (which keeps the
 * promise or settles the instalment by itself, see domain/promises.ts and payment-plans.ts; the
 * dialog puts it towards the promised invoices first, domain/promise-allocation.ts),
 * "Appeler" asks the customer where it is.
 */
export function PromiseActionButtons(props: ActionSlotProps) {
  const { t } = useTranslation();
  const records = useRecords();
  const [paying, setPaying] = useState(false);
  const { customer } = props;
  if (!customer) return null;
  const openInvoices = records ? recordsOfCustomer(records, customer.id).invoices.filter(isOpenInvoice) : [];
  return (
    <>
      <Button size="xs" variant="light" onClick={() => setPaying(true)}>
        {t('callsPanel.paymentReceived')}
      </Button>
      <CallActionButton {...props} />
      {paying && <PaymentDialog customer={customer} openInvoices={openInvoices} onClose={() => setPaying(false)} />}
    </>
  );
}
