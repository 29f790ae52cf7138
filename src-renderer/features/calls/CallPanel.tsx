import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Alert, Anchor, Badge, Button, Checkbox, Group, Kbd, Modal, NativeSelect, Paper, Radio, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { getDatabase } from '../../db';
import { logCall, type CallLogInput } from '../../db/calls-repo';
import { ValidationError } from '../../db/ledger-repo';
import { CALL_OUTCOMES, DELAY_REASONS, nextPolicyStepDate, outcomeForKey, outcomeKey, proposeNextFollowUp, type DelayReason } from '../../domain/calls';
import { parseAmount, toCalendarDate } from '../../domain/csv-values';
import { addDays, formatDate } from '../../domain/dates';
import type { CallOutcome, Contact, Invoice } from '../../domain/model';
import { stepTrail, type PlannedAction } from '../../domain/planner';
import { policyResolver } from '../../domain/policies';
import { isOpenInvoice } from '../../domain/open-invoices';
import { nowIso } from '../../os/clock';
import { useFormat } from '../../ui/format';
import { useRecords, useToday } from '../../ui/hooks';
import { recordsOfCustomer } from '../../ui/records-by-customer';
import { useFollowUps } from '../today/useFollowUps';
import { clearCallDraft, loadCallDraft, saveCallDraft, type CallDraft } from './call-draft';
import { CallScript } from './CallScript';
import { useInstalmentReminderText } from './useInstalmentReminderText';
import { centsToInput } from '../invoices/InvoiceFormDialog';

export interface CallPanelProps {
  customerId: string;
  /** The invoices the call is about (default: every open invoice of the customer). */
  invoiceIds?: readonly string[];
  /** The Today action it carries out: a call step is then marked done. */
  action?: PlannedAction;
  onClose: () => void;
}

function openInvoicesOf(invoices: readonly Invoice[]): Invoice[] {
  return invoices
    .filter(isOpenInvoice)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.number.localeCompare(b.number));
}

function phonesOf(contacts: readonly Contact[]): { contact: Contact; phone: string }[] {
  return contacts.flatMap((contact) => [contact.phone, contact.mobile].filter((p): p is string => !!p).map((phone) => ({ contact, phone })));
}

function isTextField(target: EventTarget): boolean {
  return target instanceof HTMLElement && (target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || (target.tagName === 'INPUT' && !['radio', 'checkbox', 'button'].includes((target as HTMLInputElement).type)));
}

/**
 * The call panel: whom to call (tel: links), the script filled with what is owed, a running timer,
 * the outcome in one key (1…8, or Alt+1…8 while typing), the reason for the delay, notes and the
 * next follow-up date proposed by the policy. Everything is kept as a draft at each keystroke
 * (call-draft.ts); Ctrl+Enter saves the call (db/calls-repo.ts) in one transaction.
 */
export function CallPanel({ customerId, invoiceIds, action, onClose }: CallPanelProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fr';
  const format = useFormat();
  const today = useToday();
  const records = useRecords();
  const followUps = useFollowUps();
  const instalmentText = useInstalmentReminderText();
  const customer = records?.customers.find((c) => c.id === customerId);
  const openInvoices = useMemo(() => (records ? openInvoicesOf(recordsOfCustomer(records, customerId).invoices) : []), [records, customerId]);
  const phones = phonesOf(customer?.contacts ?? []);

  const [restored] = useState(() => loadCallDraft(customerId));
  const [draft, setDraft] = useState<CallDraft>(
    () =>
      restored ?? {
        startedAt: Date.now(),
        invoiceIds: invoiceIds ? [...invoiceIds] : openInvoices.map((i) => i.id),
        outcome: null,
        reason: '',
        notes: '',
        promiseDate: '',
        promiseAmount: '',
        disputeReason: '',
        saysPaidDate: '',
        callBackDate: '',
        callBackTime: '',
        wrongPhone: phones[0]?.phone ?? '',
        nextFollowUp: null,
      },
  );
  const [elapsed, setElapsed] = useState(() => Math.max(0, Math.round((Date.now() - draft.startedAt) / 1000)));
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const firstFieldRef = useRef<HTMLInputElement>(null);
  const outcomeFocusPending = useRef(false);

  useEffect(() => {
    const timer = window.setInterval(() => setElapsed(Math.max(0, Math.round((Date.now() - draft.startedAt) / 1000))), 1000);
    return () => window.clearInterval(timer);
  }, [draft.startedAt]);
  useEffect(() => saveCallDraft(customerId, draft), [customerId, draft]);
  useEffect(() => {
    if (outcomeFocusPending.current) {
      outcomeFocusPending.current = false;
      firstFieldRef.current?.focus();
    }
  }, [draft.outcome]);

  const update = (patch: Partial<CallDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const selected = openInvoices.filter((i) => draft.invoiceIds.includes(i.id));
  const owedCents = selected.reduce((sum, i) => sum + i.totalCents - i.paidCents, 0);

  const chooseOutcome = (outcome: CallOutcome) => {
    outcomeFocusPending.current = true;
    setDraft((current) => ({
      ...current,
      outcome,
      // Sensible defaults the user only confirms: the whole amount due, a week from today.
      promiseDate: outcome === 'promise' && !current.promiseDate ? formatDate(addDays(today, 7), 'fr', 'short') : current.promiseDate,
      promiseAmount: outcome === 'promise' && !current.promiseAmount ? centsToInput(owedCents, language) : current.promiseAmount,
      saysPaidDate: outcome === 'says-paid' && !current.saysPaidDate ? formatDate(today, 'fr', 'short') : current.saysPaidDate,
      callBackDate: outcome === 'call-back' && !current.callBackDate ? formatDate(addDays(today, 1), 'fr', 'short') : current.callBackDate,
    }));
  };

  const promiseDate = toCalendarDate(draft.promiseDate);
  const callBackDate = toCalendarDate(draft.callBackDate);
  const nextStepDate = useMemo(() => {
    if (!followUps || !customer) return null;
    const resolve = policyResolver(followUps.input.policies, followUps.input.shopDefaultPolicyId);
    return nextPolicyStepDate(selected, (invoice) => resolve(invoice as Invoice, customer), today);
  }, [followUps, customer, selected, today]);
  const proposed = proposeNextFollowUp(draft.outcome ?? undefined, {
    today,
    nextStepDate,
    ...(promiseDate ? { promiseDate } : {}),
    ...(callBackDate ? { callBackDate } : {}),
  });
  const nextText = draft.nextFollowUp ?? (proposed ? formatDate(proposed, 'fr', 'short') : '');

  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault();
      void save();
      return;
    }
    const outcome = outcomeForKey(event.key);
    if (outcome && !event.ctrlKey && !event.metaKey && (event.altKey || !isTextField(event.target))) {
      event.preventDefault();
      chooseOutcome(outcome);
    }
  };

  const save = async () => {
    if (saving || !customer) return;
    const problems: Record<string, string> = {};
    if (!draft.outcome) problems.outcome = t('callsPanel.errors.outcome');
    const amount = parseAmount(draft.promiseAmount);
    const saysPaid = toCalendarDate(draft.saysPaidDate);
    const next = nextText.trim() ? toCalendarDate(nextText) : null;
    if (draft.outcome === 'promise') {
      if (!promiseDate) problems.promiseDate = t('callsPanel.errors.date');
      if (!amount.ok || amount.value <= 0) problems.promiseAmount = t('callsPanel.errors.amount');
    }
    if (draft.outcome === 'dispute' && !draft.disputeReason.trim()) problems.disputeReason = t('callsPanel.errors.required');
    if (draft.outcome === 'says-paid' && !saysPaid) problems.saysPaidDate = t('callsPanel.errors.date');
    if (draft.outcome === 'call-back' && !callBackDate) problems.callBackDate = t('callsPanel.errors.date');
    if (draft.outcome === 'call-back' && draft.callBackTime.trim() && !/^([01]\d|2[0-3]):[0-5]\d$/.test(draft.callBackTime.trim())) problems.callBackTime = t('callsPanel.errors.time');
    if (nextText.trim() && !next) problems.nextFollowUp = t('callsPanel.errors.date');
    if ((draft.outcome === 'promise' || draft.outcome === 'dispute') && selected.length === 0) problems.invoices = t('callsPanel.errors.invoices');
    setErrors(problems);
    if (Object.keys(problems).length > 0 || !draft.outcome) return;

    const wrong = phones.find((p) => p.phone === draft.wrongPhone) ?? phones[0];
    const calledContact = customer.contacts.find((c) => c.id === customer.preferredContactId && (c.phone || c.mobile)) ?? phones[0]?.contact;
    const input: CallLogInput = {
      customerId,
      invoiceIds: selected.map((i) => i.id),
      outcome: draft.outcome,
      durationSeconds: elapsed,
      today,
      notes: draft.notes,
      ...(draft.reason ? { reason: draft.reason } : {}),
      ...(draft.outcome === 'promise' && promiseDate && amount.ok ? { promise: { date: promiseDate, amountCents: amount.value } } : {}),
      ...(draft.outcome === 'dispute' ? { dispute: { reason: draft.disputeReason } } : {}),
      ...(draft.outcome === 'says-paid' && saysPaid ? { saysPaid: { date: saysPaid } } : {}),
      ...(draft.outcome === 'call-back' && callBackDate ? { callBack: { date: callBackDate, ...(draft.callBackTime.trim() ? { time: draft.callBackTime.trim() } : {}) } } : {}),
      ...(draft.outcome === 'wrong-number' && wrong ? { contactId: wrong.contact.id, phone: wrong.phone } : {}),
      // Whom to ask for when calling back (Today says "Rappeler Camille Rossi à 14:30").
      ...(draft.outcome === 'call-back' && calledContact ? { contactId: calledContact.id } : {}),
      nextFollowUp: next,
      proposedFollowUp: proposed,
      ...(action?.kind === 'step' && action.channel === 'phone' ? { steps: stepTrail(action).filter((s) => draft.invoiceIds.includes(s.invoiceId)) } : {}),
    };
    setSaving(true);
    try {
      await logCall(getDatabase(), input, nowIso());
      clearCallDraft(customerId);
      notifications.show({ color: 'green', message: t('callsPanel.saved', { customer: customer.name }) });
      onClose();
    } catch (error) {
      const message = error instanceof ValidationError ? error.issues.map((issue) => issue.message).join(' · ') : error instanceof Error ? error.message : String(error);
      setErrors({ general: t('common.error', { message }) });
    } finally {
      setSaving(false);
    }
  };

  const discard = () => {
    clearCallDraft(customerId);
    onClose();
  };

  if (!customer) return null;
  const minutes = Math.floor(elapsed / 60);
  const seconds = String(elapsed % 60).padStart(2, '0');
  const dateHint = t('callsPanel.dateHint');

  return (
    <Modal opened onClose={onClose} title={t('callsPanel.title', { customer: customer.name })} size="xl">
      <form
        onKeyDown={onKeyDown}
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
        noValidate
      >
        <Stack gap="md">
          {restored && <Alert color="blue">{t('callsPanel.draftRestored')}</Alert>}
          {action?.kind === 'step' && action.instalment && (
            // A plan's instalment reminder: the call is about that instalment, not a late invoice.
            <Alert color="teal">{instalmentText(action)}</Alert>
          )}
          <Group justify="space-between" align="flex-start">
            <Stack gap={4}>
              {phones.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('callsPanel.noPhone')}
                </Text>
              ) : (
                phones.map(({ contact, phone }) => (
                  <Group key={`${contact.id}-${phone}`} gap="xs">
                    <Text size="sm">{contact.name}</Text>
                    <Anchor href={`tel:${phone}`} size="sm" aria-label={t('callsPanel.callNumber', { name: contact.name, phone: format.phone(phone) })}>
                      {format.phone(phone)}
                    </Anchor>
                    {contact.wrongNumber?.phone === phone && (
                      <Badge color="red" variant="light">
                        {t('callsPanel.wrongNumberFlag')}
                      </Badge>
                    )}
                  </Group>
                ))
              )}
            </Stack>
            <Paper withBorder px="sm" py={4} radius="md">
              <Text size="sm" role="timer" aria-label={t('callsPanel.timer')} ff="monospace">
                {t('callsPanel.timer')} {minutes}:{seconds}
              </Text>
            </Paper>
          </Group>

          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Stack gap="xs">
              <Checkbox.Group
                label={t('callsPanel.invoices', { amount: format.money(owedCents) })}
                value={draft.invoiceIds}
                onChange={(ids) => update({ invoiceIds: ids })}
                error={errors.invoices}
              >
                <Stack gap={4} mt={4}>
                  {openInvoices.length === 0 && <Text size="sm">{t('callsPanel.noOpenInvoice')}</Text>}
                  {openInvoices.map((invoice) => (
                    <Checkbox
                      key={invoice.id}
                      value={invoice.id}
                      label={t('callsPanel.invoiceLine', { number: invoice.number, amount: format.money(invoice.totalCents - invoice.paidCents), date: format.date(invoice.dueDate) })}
                    />
                  ))}
                </Stack>
              </Checkbox.Group>
              <CallScript customer={customer} invoices={selected} language={customer.language} />
            </Stack>

            <Stack gap="xs">
              <Radio.Group
                label={t('callsPanel.outcome')}
                description={t('callsPanel.outcomeHint')}
                value={draft.outcome ?? ''}
                onChange={(value) => chooseOutcome(value as CallOutcome)}
                error={errors.outcome}
              >
                <SimpleGrid cols={2} spacing={6} mt={6}>
                  {CALL_OUTCOMES.map((outcome, index) => (
                    <Radio
                      key={outcome}
                      value={outcome}
                      label={
                        <Group gap={6} wrap="nowrap">
                          <Kbd size="xs" aria-hidden>
                            {outcomeKey(outcome)}
                          </Kbd>
                          <span>{t(`calls.outcomes.${outcome}`)}</span>
                        </Group>
                      }
                      {...(index === 0 ? { 'data-autofocus': true } : {})}
                    />
                  ))}
                </SimpleGrid>
              </Radio.Group>

              {draft.outcome === 'promise' && (
                <SimpleGrid cols={2}>
                  <TextInput ref={firstFieldRef} label={t('callsPanel.promiseDate')} description={dateHint} value={draft.promiseDate} onChange={(e) => update({ promiseDate: e.currentTarget.value })} error={errors.promiseDate} />
                  <TextInput label={t('callsPanel.promiseAmount')} value={draft.promiseAmount} onChange={(e) => update({ promiseAmount: e.currentTarget.value })} error={errors.promiseAmount} inputMode="decimal" />
                </SimpleGrid>
              )}
              {draft.outcome === 'dispute' && (
                <TextInput ref={firstFieldRef} label={t('callsPanel.disputeReason')} description={t('callsPanel.disputeHint')} value={draft.disputeReason} onChange={(e) => update({ disputeReason: e.currentTarget.value })} error={errors.disputeReason} />
              )}
              {draft.outcome === 'says-paid' && (
                <TextInput ref={firstFieldRef} label={t('callsPanel.saysPaidDate')} description={t('callsPanel.saysPaidHint')} value={draft.saysPaidDate} onChange={(e) => update({ saysPaidDate: e.currentTarget.value })} error={errors.saysPaidDate} />
              )}
              {draft.outcome === 'wrong-number' && phones.length > 0 && (
                <NativeSelect
                  label={t('callsPanel.wrongNumber')}
                  data={phones.map((p) => ({ value: p.phone, label: `${p.contact.name} · ${format.phone(p.phone)}` }))}
                  value={draft.wrongPhone}
                  onChange={(e) => update({ wrongPhone: e.currentTarget.value })}
                />
              )}
              {draft.outcome === 'call-back' && (
                <SimpleGrid cols={2}>
                  <TextInput ref={firstFieldRef} label={t('callsPanel.callBackDate')} description={dateHint} value={draft.callBackDate} onChange={(e) => update({ callBackDate: e.currentTarget.value })} error={errors.callBackDate} />
                  <TextInput label={t('callsPanel.callBackTime')} description={t('callsPanel.timeHint')} value={draft.callBackTime} onChange={(e) => update({ callBackTime: e.currentTarget.value })} error={errors.callBackTime} />
                </SimpleGrid>
              )}
              {draft.outcome === 'asks-plan' && <Text size="sm">{t('callsPanel.asksPlanHint')}</Text>}

              <NativeSelect
                label={t('callsPanel.reason')}
                data={[{ value: '', label: t('callsPanel.reasonNone') }, ...DELAY_REASONS.map((reason) => ({ value: reason, label: t(`callsPanel.reasons.${reason}`) }))]}
                value={draft.reason}
                onChange={(e) => update({ reason: e.currentTarget.value as DelayReason | '' })}
              />
              <Textarea label={t('callsPanel.notes')} autosize minRows={3} value={draft.notes} onChange={(e) => update({ notes: e.currentTarget.value })} />
              <TextInput
                label={t('callsPanel.nextFollowUp')}
                description={proposed ? t('callsPanel.nextProposed', { date: format.longDate(proposed) }) : t('callsPanel.nextNone')}
                value={nextText}
                onChange={(e) => update({ nextFollowUp: e.currentTarget.value })}
                error={errors.nextFollowUp}
              />
            </Stack>
          </SimpleGrid>

          {errors.general && <Alert color="red">{errors.general}</Alert>}
          <Group justify="space-between">
            <Button variant="subtle" color="gray" onClick={discard}>
              {t('callsPanel.discard')}
            </Button>
            <Group gap="xs">
              <Text size="xs" c="dimmed">
                <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">{t('callsPanel.enterKey')}</Kbd>
              </Text>
              <Button type="submit" loading={saving}>
                {t('callsPanel.save')}
              </Button>
            </Group>
          </Group>
          <Text size="xs" c="dimmed">
            {t('callsPanel.keyboardHint')}
          </Text>
        </Stack>
      </form>
    </Modal>
  );
}
