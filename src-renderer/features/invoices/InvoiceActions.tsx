import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ActionIcon, Alert, Button, Group, Menu, Modal, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { IconDots } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { getDatabase } from '../../db';
import { addCreditNote, cancelInvoice, setDispute, writeOff } from '../../db/ledger-repo';
import { parseAmount } from '../../domain/csv-values';
import type { CalendarDate, Invoice } from '../../domain/model';
import type { InvoiceRow } from '../../domain/ledger-summary';
import { nowIso } from '../../os/clock';
import { useFormat } from '../../ui/format';
import { useToday } from '../../ui/hooks';
import { centsToInput } from './InvoiceFormDialog';
import { useErrorText, useGeneralErrorText, validationErrors, type FieldErrors } from './ledger-errors';
import { openPdf } from './open-pdf';

type Action = 'dispute' | 'end-dispute' | 'write-off' | 'cancel' | 'credit-note';
type ListAction = 'record-payment' | 'call';

/** What can still be done to an invoice, given its state. */
export function availableActions(invoice: Invoice, balanceCents: number): Set<Action | ListAction> {
  const actions = new Set<Action | ListAction>();
  const closed = invoice.cancelled !== undefined || invoice.writeOff !== undefined;
  const isInvoice = invoice.kind === 'invoice';
  if (isInvoice && !closed && balanceCents > 0 && !invoice.dispute) actions.add('dispute');
  if (invoice.dispute) actions.add('end-dispute');
  if (isInvoice && !closed && balanceCents > 0) {
    actions.add('write-off');
    actions.add('credit-note');
  }
  if (!closed && invoice.paidCents === 0) actions.add('cancel');
  // Something left to pay: a payment to record, a call to make (a disputed invoice too: to settle it).
  if (isInvoice && !closed && balanceCents > 0) {
    actions.add('record-payment');
    actions.add('call');
  }
  return actions;
}

/**
 * What a list offers beside the invoice's own changes (the Invoices list; the customer page has its
 * own buttons for these). The dialogs they open belong to the list, mounted once, not per row.
 */
export interface InvoiceListActions {
  onRecordPayment?: (invoice: Invoice) => void;
  onCall?: (invoice: Invoice) => void;
  customerHref?: string;
}

/**
 * The "…" menu of one invoice row: edit, dispute / end the dispute, write off, cancel, add a credit
 * note, and from a list: record a payment, call, open the customer. Each change asks for a reason,
 * is confirmed, and lands in the customer's history.
 */
export function InvoiceActionsMenu({
  row,
  onEdit,
  onRecordPayment,
  onCall,
  customerHref,
  defaultOpened = false,
}: {
  row: Pick<InvoiceRow, 'invoice' | 'balanceCents'>;
  onEdit: (invoice: Invoice) => void;
  /** Open at once: a list mounts the menu only when its button is first clicked. */
  defaultOpened?: boolean;
} & InvoiceListActions) {
  const { t } = useTranslation();
  const [action, setAction] = useState<Action | null>(null);
  const [opened, setOpened] = useState(false);
  const targetRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // Mounted by a click on a list's stand-in button: take the focus first, so that closing the
    // menu gives it back to this button, then open.
    if (!defaultOpened) return;
    targetRef.current?.focus();
    setOpened(true);
  }, [defaultOpened]);
  const { invoice, balanceCents } = row;
  const available = availableActions(invoice, balanceCents);
  const number = invoice.number;

  return (
    <>
      <Menu position="bottom-end" withinPortal opened={opened} onChange={setOpened}>
        <Menu.Target>
          <ActionIcon ref={targetRef} variant="subtle" color="gray" aria-label={t('ledger.actions.menu', { number })}>
            <IconDots size={18} aria-hidden />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {onRecordPayment && available.has('record-payment') && <Menu.Item onClick={() => onRecordPayment(invoice)}>{t('ledger.actions.recordPayment')}</Menu.Item>}
          {onCall && available.has('call') && <Menu.Item onClick={() => onCall(invoice)}>{t('ledger.actions.call')}</Menu.Item>}
          {customerHref && (
            <Menu.Item component="a" href={customerHref}>
              {t('ledger.actions.openCustomer')}
            </Menu.Item>
          )}
          {(onRecordPayment || onCall || customerHref) && <Menu.Divider />}
          <Menu.Item onClick={() => onEdit(invoice)}>{t('ledger.actions.edit')}</Menu.Item>
          {invoice.pdf && <Menu.Item onClick={() => invoice.pdf && void openPdf(invoice.pdf, invoice.number)}>{t('ledger.actions.viewPdf')}</Menu.Item>}
          {available.has('dispute') && <Menu.Item onClick={() => setAction('dispute')}>{t('ledger.actions.dispute')}</Menu.Item>}
          {available.has('end-dispute') && <Menu.Item onClick={() => setAction('end-dispute')}>{t('ledger.actions.endDispute')}</Menu.Item>}
          {available.has('credit-note') && <Menu.Item onClick={() => setAction('credit-note')}>{t('ledger.actions.creditNote')}</Menu.Item>}
          {(available.has('write-off') || available.has('cancel')) && <Menu.Divider />}
          {available.has('write-off') && <Menu.Item onClick={() => setAction('write-off')}>{t('ledger.actions.writeOff')}</Menu.Item>}
          {available.has('cancel') && (
            <Menu.Item color="red" onClick={() => setAction('cancel')}>
              {t('ledger.actions.cancel')}
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>

      {action && <InvoiceActionDialog action={action} invoice={invoice} balanceCents={balanceCents} onClose={() => setAction(null)} />}
    </>
  );
}

/**
 * The dialog of the action chosen in the menu, mounted only then: a list row holds the menu alone
 * (the Invoices list draws rows while scrolling through 100,000 of them).
 */
function InvoiceActionDialog({ action, invoice, balanceCents, onClose }: { action: Action; invoice: Invoice; balanceCents: number; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const today = useToday();
  const number = invoice.number;
  const close = onClose;
  const db = getDatabase();

  return (
    <>
      {action === 'dispute' && (
        <ReasonDialog
          title={t('ledger.actions.disputeTitle', { number })}
          intro={t('ledger.actions.disputeIntro')}
          placeholder={t('ledger.actions.disputeReasonPlaceholder')}
          confirmLabel={t('ledger.actions.disputeConfirm')}
          onClose={close}
          onConfirm={async (reason) => {
            await setDispute(db, invoice.id, reason, today, nowIso());
            return t('ledger.actions.disputed', { number });
          }}
        />
      )}
      {action === 'end-dispute' && (
        <ReasonDialog
          title={t('ledger.actions.endDisputeTitle', { number })}
          intro={t('ledger.actions.endDisputeIntro', { reason: invoice.dispute?.reason ?? '' })}
          confirmLabel={t('ledger.actions.endDisputeConfirm')}
          onClose={close}
          onConfirm={async () => {
            await setDispute(db, invoice.id, null, today, nowIso());
            return t('ledger.actions.disputeEnded', { number });
          }}
        />
      )}
      {action === 'write-off' && (
        <ReasonDialog
          title={t('ledger.actions.writeOffTitle', { number })}
          intro={t('ledger.actions.writeOffIntro', { amount: format.money(balanceCents) })}
          placeholder={t('ledger.actions.writeOffReasonPlaceholder')}
          confirmLabel={t('ledger.actions.writeOffConfirm')}
          color="red"
          onClose={close}
          onConfirm={async (reason) => {
            await writeOff(db, invoice.id, reason, today, nowIso());
            return t('ledger.actions.writtenOff', { number });
          }}
        />
      )}
      {action === 'cancel' && (
        <ReasonDialog
          title={t('ledger.actions.cancelTitle', { number })}
          intro={t('ledger.actions.cancelIntro')}
          placeholder={t('ledger.actions.cancelReasonPlaceholder')}
          confirmLabel={t('ledger.actions.cancelConfirm')}
          color="red"
          onClose={close}
          onConfirm={async (reason) => {
            await cancelInvoice(db, invoice.id, reason, today, nowIso());
            return t('ledger.actions.cancelled', { number });
          }}
        />
      )}
      {action === 'credit-note' && <CreditNoteDialog invoice={invoice} balanceCents={balanceCents} onClose={close} />}
    </>
  );
}

/**
 * A small confirmation: what will happen, a reason (required when `placeholder` is given), and the
 * button that does it. The notification says it was done; a refusal stays in the dialog.
 */
function ReasonDialog({
  title,
  intro,
  placeholder,
  confirmLabel,
  color,
  onConfirm,
  onClose,
}: {
  title: string;
  intro: ReactNode;
  /** Asks for a reason when given. */
  placeholder?: string;
  confirmLabel: string;
  color?: string;
  onConfirm: (reason: string) => Promise<string>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const generalErrorText = useGeneralErrorText();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const asksReason = placeholder !== undefined;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (asksReason && reason.trim() === '') {
      setMissing(true);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const message = await onConfirm(reason.trim());
      notifications.show({ color: 'green', message });
      onClose();
    } catch (e) {
      setError(generalErrorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={title} size="md">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <Text size="sm">{intro}</Text>
          {asksReason && (
            <Textarea
              label={t('ledger.actions.reason')}
              placeholder={placeholder}
              value={reason}
              onChange={(e) => {
                setReason(e.currentTarget.value);
                setMissing(false);
              }}
              error={missing ? t('ledger.errors.required') : undefined}
              required
              autosize
              minRows={2}
              data-autofocus
            />
          )}
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('ledger.actions.back')}
            </Button>
            <Button type="submit" color={color} loading={saving} data-autofocus={asksReason ? undefined : true}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A credit note applied at once to this invoice: number, amount (its balance by default), date, reason. */
function CreditNoteDialog({ invoice, balanceCents, onClose }: { invoice: Invoice; balanceCents: number; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const today = useToday();
  const errorText = useErrorText();
  const generalErrorText = useGeneralErrorText();
  const [number, setNumber] = useState(`AV-${invoice.number}`);
  const [amountText, setAmountText] = useState(centsToInput(balanceCents, format.language));
  const [date, setDate] = useState<CalendarDate | null>(today);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (number.trim() === '') found.number = { key: 'required' };
    const amount = amountText.trim() === '' ? null : parseAmount(amountText);
    if (amount === null) found.totalCents = { key: 'required' };
    else if (!amount.ok) found.totalCents = { key: 'amount' };
    else if (amount.value <= 0) found.totalCents = { key: 'amountPositive' };
    if (!date) found.date = { key: 'date' };
    if (reason.trim() === '') found.reason = { key: 'required' };
    setErrors(found);
    setGeneral(null);
    if (Object.keys(found).length > 0 || !amount?.ok || !date) return;
    setSaving(true);
    try {
      const { creditNote } = await addCreditNote(
        getDatabase(),
        { customerId: invoice.customerId, number: number.trim(), date, totalCents: amount.value, appliesToInvoiceId: invoice.id, reason: reason.trim() },
        nowIso(),
      );
      notifications.show({
        color: 'green',
        message: t('ledger.actions.creditNoteSaved', { number: creditNote.number, amount: format.money(creditNote.totalCents), invoice: invoice.number }),
      });
      onClose();
    } catch (error) {
      const fields = validationErrors(error, format);
      const onFields = fields && Object.keys(fields).every((field) => ['number', 'totalCents', 'date'].includes(field));
      if (fields && onFields) setErrors(fields);
      else setGeneral(generalErrorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('ledger.actions.creditNoteTitle', { number: invoice.number })} size="md">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <Text size="sm">{t('ledger.actions.creditNoteIntro', { amount: format.money(balanceCents) })}</Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('ledger.actions.creditNoteNumber')}
              value={number}
              onChange={(e) => setNumber(e.currentTarget.value)}
              error={errorText(errors.number)}
              required
            />
            <TextInput
              label={t('ledger.actions.creditNoteAmount')}
              description={t('ledger.invoiceForm.totalHint')}
              value={amountText}
              onChange={(e) => setAmountText(e.currentTarget.value)}
              error={errorText(errors.totalCents)}
              inputMode="decimal"
              required
              data-autofocus
            />
          </SimpleGrid>
          <DatePickerInput
            label={t('ledger.actions.creditNoteDate')}
            value={date}
            onChange={setDate}
            valueFormat="DD/MM/YYYY"
            error={errorText(errors.date)}
            previousLabel={t('ledger.invoiceForm.previousMonth')}
            nextLabel={t('ledger.invoiceForm.nextMonth')}
            required
          />
          <Textarea
            label={t('ledger.actions.reason')}
            placeholder={t('ledger.actions.creditNoteReasonPlaceholder')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errorText(errors.reason)}
            required
            autosize
            minRows={2}
          />
          {general && (
            <Alert color="red" role="alert">
              {general}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => onClose()}>
              {t('ledger.actions.back')}
            </Button>
            <Button type="submit" loading={saving}>
              {t('ledger.actions.creditNoteConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
