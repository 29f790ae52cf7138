import { useMemo, useState } from 'react';
import { Button, Group, Modal, Select, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LetterKind } from '../../domain/letter-input';
import type { Customer } from '../../domain/model';
import { useRecords } from '../../ui/hooks';
import { useProduceLetter } from './LetterOrderButton';

const KINDS: LetterKind[] = ['statement', 'first-reminder', 'second-reminder', 'formal-notice', 'payment-plan'];

/**
 * A letter for any customer, at any time (Courriers, and the customer page): the customer (unless
 * given) and the kind; a payment plan agreement only for a customer with a plan in progress.
 */
export function LetterOnDemandForm({ customerId, onDone }: { customerId?: string; onDone?: () => void }) {
  const { t } = useTranslation();
  const records = useRecords();
  const { produce, busy } = useProduceLetter(customerId ? 'customer' : 'letters');
  const [chosenCustomer, setChosenCustomer] = useState<string | null>(customerId ?? null);
  const [kind, setKind] = useState<LetterKind>('statement');
  const customers = useMemo(
    () => [...(records?.customers ?? [])].sort((a, b) => a.normalizedName.localeCompare(b.normalizedName)).map((c) => ({ value: c.id, label: c.name })),
    [records],
  );
  const plan = records?.paymentPlans.find((p) => p.customerId === chosenCustomer && p.status === 'active');
  const kinds = KINDS.filter((k) => k !== 'payment-plan' || plan);
  const chosenKind = kinds.includes(kind) ? kind : 'statement';

  const submit = async () => {
    if (!chosenCustomer) return;
    const done = await produce({ kind: chosenKind, customerId: chosenCustomer, ...(chosenKind === 'payment-plan' && plan ? { plan } : {}) });
    if (done) onDone?.();
  };

  return (
    <Stack gap="sm">
      <Group align="flex-end">
        {!customerId && (
          <Select
            label={t('courrier.onDemand.customer')}
            data={customers}
            value={chosenCustomer}
            onChange={setChosenCustomer}
            searchable
            w={280}
          />
        )}
        <Select
          label={t('courrier.onDemand.kind')}
          data={kinds.map((k) => ({ value: k, label: t(`courrier.kinds.${k}`) }))}
          value={chosenKind}
          onChange={(value) => value && setKind(value as LetterKind)}
          allowDeselect={false}
          w={240}
        />
        <Button loading={busy} disabled={!chosenCustomer} onClick={() => void submit()}>
          {t('courrier.onDemand.button')}
        </Button>
      </Group>
    </Stack>
  );
}

/** The customer page's "Prepare a letter" button (mounted there with one line). */
export function CustomerLetterButton({ customer }: { customer: Pick<Customer, 'id' | 'name'> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        {t('courrier.onDemand.customerButton')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('courrier.onDemand.dialogTitle', { customer: customer.name })} size="lg">
        {open && <LetterOnDemandForm customerId={customer.id} onDone={() => setOpen(false)} />}
      </Modal>
    </>
  );
}
