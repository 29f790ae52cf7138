import { useMemo, useState } from 'react';
import { Alert, Anchor, Button, FileButton, Group, Input, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { getDatabase } from '../../db';
import { saveInvoice, type InvoiceFormInput } from '../../db/ledger-repo';
import { parseAmount } from '../../domain/csv-values';
import { addDays, daysBetween } from '../../domain/dates';
import type { CalendarDate, Invoice } from '../../domain/model';
import { nowIso } from '../../os/clock';
import { useFormat } from '../../ui/format';
import { useLedger, useToday } from '../../ui/hooks';
import { useErrorText, useGeneralErrorText, validationErrors, type FieldErrors } from './ledger-errors';
import { MAX_PDF_BYTES, openPdf } from './open-pdf';

/** Default payment terms: 30 days after the invoice date. */
const DEFAULT_TERM_DAYS = 30;
/** B2B payment terms may not exceed 60 days from the invoice date (Code de commerce L441-10). */
const MAX_B2B_TERM_DAYS = 60;

/** Cents as the user would type them: "1234,50" in French, "1234.50" in English. */
export function centsToInput(cents: number, language: 'fr' | 'en'): string {
  const text = (cents / 100).toFixed(2);
  return language === 'fr' ? text.replace('.', ',') : text;
}

/** `https://…` with a host, nothing else (no http, no javascript:, no mailto:). */
export function isHttpsLink(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Creates (no `invoice`) or edits an invoice: number, customer, dates, total, terms, payment link and
 * an optional copy of the PDF. `customerId` preselects the customer of a new invoice.
 */
export function InvoiceFormDialog({ invoice, customerId, onClose }: { invoice?: Invoice; customerId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const today = useToday();
  const ledger = useLedger();
  const errorText = useErrorText();
  const generalErrorText = useGeneralErrorText();

  const [number, setNumber] = useState(invoice?.number ?? '');
  const [customer, setCustomer] = useState<string | null>(invoice?.customerId ?? customerId ?? null);
  const [issueDate, setIssueDate] = useState<CalendarDate | null>(invoice?.issueDate ?? today);
  const [dueDate, setDueDate] = useState<CalendarDate | null>(invoice?.dueDate ?? addDays(today, DEFAULT_TERM_DAYS));
  const [dueTouched, setDueTouched] = useState(invoice !== undefined);
  const [totalText, setTotalText] = useState(invoice ? centsToInput(invoice.totalCents, format.language) : '');
  const [paymentTerms, setPaymentTerms] = useState(invoice?.paymentTerms ?? '');
  const [paymentLink, setPaymentLink] = useState(invoice?.paymentLink ?? '');
  const [initialPdf] = useState<Blob | null>(invoice?.pdf ?? null);
  const [pdf, setPdf] = useState<Blob | null>(initialPdf);
  const [pdfName, setPdfName] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const customers = useMemo(
    () => [...(ledger?.customers ?? [])].map((row) => row.customer).sort((a, b) => a.normalizedName.localeCompare(b.normalizedName)),
    [ledger],
  );
  const chosen = customers.find((c) => c.id === customer);
  const termDays = issueDate && dueDate ? daysBetween(issueDate, dueDate) : 0;
  const tooLong = chosen?.kind === 'business' && termDays > MAX_B2B_TERM_DAYS;

  const changeIssueDate = (value: CalendarDate | null) => {
    setIssueDate(value);
    if (value && !dueTouched) setDueDate(addDays(value, DEFAULT_TERM_DAYS));
  };

  const choosePdf = (file: File | null) => {
    if (!file) return;
    const { pdf: _pdf, ...rest } = errors;
    if (file.type !== 'application/pdf' && !file.name.toLowerCase().endsWith('.pdf')) setErrors({ ...rest, pdf: { key: 'pdfType' } });
    else if (file.size > MAX_PDF_BYTES) setErrors({ ...rest, pdf: { key: 'pdfSize' } });
    else {
      setErrors(rest);
      setPdf(file);
      setPdfName(file.name);
    }
  };

  const check = (): { input: InvoiceFormInput | null; errors: FieldErrors } => {
    const found: FieldErrors = {};
    if (number.trim() === '') found.number = { key: 'required' };
    if (!customer) found.customerId = { key: 'customer' };
    if (!issueDate) found.issueDate = { key: 'date' };
    if (!dueDate) found.dueDate = { key: 'date' };
    else if (issueDate && dueDate < issueDate) found.dueDate = { key: 'dueBeforeIssue' };
    const amount = totalText.trim() === '' ? null : parseAmount(totalText);
    if (amount === null) found.totalCents = { key: 'required' };
    else if (!amount.ok) found.totalCents = { key: 'amount' };
    else if (amount.value <= 0) found.totalCents = { key: 'amountPositive' };
    if (paymentLink.trim() !== '' && !isHttpsLink(paymentLink)) found.paymentLink = { key: 'link' };
    if (Object.keys(found).length > 0 || !customer || !issueDate || !dueDate || !amount?.ok) return { input: null, errors: found };
    const input: InvoiceFormInput = {
      number: number.trim(),
      customerId: customer,
      issueDate,
      dueDate,
      totalCents: amount.value,
      // Present even when empty, so that clearing a field clears it on the invoice.
      paymentTerms: paymentTerms.trim() || undefined,
      paymentLink: paymentLink.trim() || undefined,
    };
    if (invoice) input.id = invoice.id;
    // An unchanged PDF is left out: the stored Blob stays as it is (and is not reported as changed).
    if (pdf !== initialPdf) input.pdf = pdf ?? undefined;
    return { input, errors: found };
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setGeneral(null);
    const checked = check();
    setErrors(checked.errors);
    if (!checked.input) return;
    setSaving(true);
    try {
      const saved = await saveInvoice(getDatabase(), checked.input, nowIso());
      notifications.show({ color: 'green', message: t(invoice ? 'ledger.invoiceForm.saved' : 'ledger.invoiceForm.created', { number: saved.number }) });
      onClose();
    } catch (error) {
      const fields = validationErrors(error, format);
      if (fields) setErrors(fields);
      else setGeneral(generalErrorText(error));
    } finally {
      setSaving(false);
    }
  };

  const dateProps = {
    valueFormat: 'DD/MM/YYYY',
    previousLabel: t('ledger.invoiceForm.previousMonth'),
    nextLabel: t('ledger.invoiceForm.nextMonth'),
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={invoice ? t('ledger.invoiceForm.editTitle', { number: invoice.number }) : t('ledger.invoiceForm.createTitle')}
      size="lg"
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          {customers.length === 0 && (
            <Alert color="yellow" role="status">
              {t('ledger.invoiceForm.noCustomer')}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('ledger.invoiceForm.number')}
              description={t('ledger.invoiceForm.numberHint')}
              value={number}
              onChange={(e) => setNumber(e.currentTarget.value)}
              error={errorText(errors.number)}
              required
              data-autofocus
            />
            <Select
              label={t('ledger.invoiceForm.customer')}
              placeholder={t('ledger.invoiceForm.customerPlaceholder')}
              data={customers.map((c) => ({ value: c.id, label: c.name }))}
              value={customer}
              onChange={setCustomer}
              error={errorText(errors.customerId)}
              searchable
              required
              nothingFoundMessage={t('common.none')}
              limit={50}
            />
            <DatePickerInput
              label={t('ledger.invoiceForm.issueDate')}
              value={issueDate}
              onChange={changeIssueDate}
              error={errorText(errors.issueDate)}
              required
              {...dateProps}
            />
            <DatePickerInput
              label={t('ledger.invoiceForm.dueDate')}
              description={dueTouched ? undefined : t('ledger.invoiceForm.dueDateHint')}
              value={dueDate}
              onChange={(value) => {
                setDueDate(value);
                setDueTouched(true);
              }}
              minDate={issueDate ?? undefined}
              error={errorText(errors.dueDate)}
              required
              {...dateProps}
            />
            <TextInput
              label={t('ledger.invoiceForm.total')}
              description={t('ledger.invoiceForm.totalHint')}
              value={totalText}
              onChange={(e) => setTotalText(e.currentTarget.value)}
              error={errorText(errors.totalCents)}
              inputMode="decimal"
              required
            />
            <TextInput
              label={t('ledger.invoiceForm.paymentTerms')}
              placeholder={t('ledger.invoiceForm.paymentTermsPlaceholder')}
              value={paymentTerms}
              onChange={(e) => setPaymentTerms(e.currentTarget.value)}
            />
          </SimpleGrid>
          {tooLong && (
            <Alert color="yellow" role="status">
              {t('ledger.invoiceForm.termsWarning', { count: termDays })}
            </Alert>
          )}
          <TextInput
            label={t('ledger.invoiceForm.paymentLink')}
            description={t('ledger.invoiceForm.paymentLinkHint')}
            placeholder="https://"
            type="url"
            value={paymentLink}
            onChange={(e) => setPaymentLink(e.currentTarget.value)}
            error={errorText(errors.paymentLink)}
          />
          <Input.Wrapper label={t('ledger.invoiceForm.pdf')} description={t('ledger.invoiceForm.pdfHint')} error={errorText(errors.pdf)}>
            <Group mt={6} gap="sm">
              <FileButton onChange={choosePdf} accept="application/pdf">
                {(props) => (
                  <Button variant="default" size="sm" {...props}>
                    {pdf ? t('ledger.invoiceForm.replacePdf') : t('ledger.invoiceForm.choosePdf')}
                  </Button>
                )}
              </FileButton>
              {pdf ? (
                <>
                  {pdfName && <Text size="sm">{t('ledger.invoiceForm.attachedPdf', { name: pdfName })}</Text>}
                  <Anchor component="button" type="button" size="sm" onClick={() => void openPdf(pdf, number.trim() || 'facture')}>
                    {t('ledger.invoiceForm.viewPdf')}
                  </Anchor>
                  <Button
                    variant="subtle"
                    color="red"
                    size="compact-sm"
                    onClick={() => {
                      setPdf(null);
                      setPdfName(null);
                    }}
                  >
                    {t('ledger.invoiceForm.removePdf')}
                  </Button>
                </>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('ledger.invoiceForm.noPdf')}
                </Text>
              )}
            </Group>
          </Input.Wrapper>
          {general && (
            <Alert color="red" role="alert">
              {general}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('ledger.invoiceForm.close')}
            </Button>
            <Button type="submit" loading={saving} disabled={customers.length === 0}>
              {invoice ? t('ledger.invoiceForm.save') : t('ledger.invoiceForm.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
