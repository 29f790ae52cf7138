import { useState } from 'react';
import { Anchor, Badge, Button, Group, Modal, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { getDatabase } from '../../db';
import { acknowledgeBroken, recordStepOutcome, snoozeCustomer } from '../../db/followups-repo';
import { addDays, todayIn } from '../../domain/dates';
import { surnameOf } from '../../domain/templates';
import type { CallBackAction, PlannedAction, StepAction } from '../../domain/planner';
import { DEFAULT_SETTINGS, type Channel, type Customer } from '../../domain/model';
import { customerWarnings, type ContactWarning } from '../../domain/contact-checks';
import { useWarningText } from '../customers/CustomerWarnings';
import { nowIso } from '../../os/clock';
import { routeHref } from '../../stores/navigation';
import { useFormat } from '../../ui/format';
import { useSettings, useToday } from '../../ui/hooks';
import type { SectionKey } from './action-slots';
import { TODAY_SLOTS } from './slots';
import { useInstalmentReminderText } from '../calls/useInstalmentReminderText';
import { customersById } from '../../ui/customers-by-id';

const SECTION_ORDER: SectionKey[] = ['broken', 'calls', 'emails', 'messages', 'letters', 'decisions', 'promises', 'instalments'];

function sectionOf(action: PlannedAction): SectionKey {
  switch (action.kind) {
    case 'step':
      if (action.channel === 'email') return 'emails';
      if (action.channel === 'sms' || action.channel === 'whatsapp') return 'messages';
      if (action.channel === 'phone') return 'calls';
      if (action.channel === 'letter' || action.channel === 'formal-notice') return 'letters';
      return 'decisions';
    case 'promise-due':
      return 'promises';
    case 'instalment-due':
      return 'instalments';
    case 'escalation-blocked':
      return 'decisions';
    case 'call-back':
      return 'calls';
    default:
      return 'broken';
  }
}

type Dialog = { type: 'done' | 'skip'; action: StepAction } | { type: 'snooze'; action: PlannedAction } | null;

/** The day's work, grouped by kind, each line with why it is due and what to do with it. */
/** The contact data a channel needs: its warnings are shown on the action that would use it. */
/**
 * Actions shown per section before "show all": the most urgent come first, and a large shop with
 * thousands of actions would otherwise render them all (seconds) before the morning screen appears.
 */
const SECTION_PAGE = 25;

const NEEDED: Partial<Record<Channel, ContactWarning['field'][]>> = {
  email: ['email'],
  sms: ['mobile'],
  whatsapp: ['mobile'],
  phone: ['phone', 'mobile'],
  letter: ['address'],
  'formal-notice': ['address'],
};

export function FollowUpList({ actions, customers }: { actions: PlannedAction[]; customers: readonly Customer[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const today = useToday();
  const timeZone = useSettings()?.timeZone ?? DEFAULT_SETTINGS.timeZone;
  const instalmentReminderLine = useInstalmentReminderText();
  const [dialog, setDialogState] = useState<Dialog>(null);
  // Every dialog starts empty: a note typed and cancelled must never land in another customer's history.
  const setDialog = (next: Dialog) => {
    setText('');
    setDialogState(next);
  };
  const [text, setText] = useState('');
  const [expanded, setExpanded] = useState<ReadonlySet<SectionKey>>(new Set());
  const [until, setUntil] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const warningText = useWarningText();
  const byId = customersById(customers);
  /** What stops this action from reaching the customer (no email for an email...), in plain words. */
  const blockers = (action: PlannedAction): string[] => {
    const customer = byId.get(action.customerId);
    if (action.kind !== 'step' || !customer) return [];
    const needed = NEEDED[action.channel] ?? [];
    return customerWarnings(customer)
      .filter((warning) => needed.includes(warning.field))
      .map((warning) => warningText(warning, customer));
  };

  const sections = SECTION_ORDER.map((key) => ({ key, items: actions.filter((a) => sectionOf(a) === key) })).filter((s) => s.items.length > 0);

  const run = async (customerName: string, task: () => Promise<unknown>) => {
    setSaving(true);
    try {
      await task();
      notifications.show({ color: 'green', message: t('followUps.recorded', { customer: customerName }) });
      setDialog(null);
      setText('');
      setUntil(null);
    } catch (error) {
      notifications.show({ color: 'red', message: t('common.error', { message: error instanceof Error ? error.message : String(error) }) });
    } finally {
      setSaving(false);
    }
  };

  const describeStep = (action: StepAction) =>
    action.reasons.map((reason) => {
      const base =
        reason.daysLate > 0
          ? t('followUps.reason', {
              number: reason.number,
              days: t('status.daysLate', { count: reason.daysLate }),
              step: reason.stepNumber,
              count: reason.stepCount,
              policy: reason.policyName,
            })
          : t('followUps.reasonBeforeDue', { number: reason.number, date: format.date(reason.dueDate), step: reason.stepNumber, count: reason.stepCount, policy: reason.policyName });
      return reason.cause === 'due' ? base : `${base} · ${t(`followUps.causes.${reason.cause}`)}`;
    });

  /** "Mme Rossi", "M. Dupont" (the surname after the civility, as one asks for someone on the phone). */
  const politeName = (contact: NonNullable<CallBackAction['contact']>): string =>
    contact.civility ? `${t(`callsPanel.today.${contact.civility}`)} ${surnameOf(contact.name)}` : contact.name;

  const callBackLines = (action: CallBackAction): string[] => {
    const values = { who: action.contact ? politeName(action.contact) : action.customerName, time: action.callBackAt ?? '', date: format.date(todayIn(timeZone, action.requestedAt)) };
    const line = action.callBackAt ? t('callsPanel.today.callBack', values) : t('callsPanel.today.callBackAnyTime', values);
    return action.notes ? [line, t('callsPanel.today.callBackNotes', { notes: action.notes })] : [line];
  };

  const lines = (action: PlannedAction): string[] => {
    switch (action.kind) {
      case 'step':
        return action.instalment ? [instalmentReminderLine(action)] : describeStep(action);
      case 'call-back':
        return callBackLines(action);
      case 'promise-due':
        return [t('followUps.promiseLine', { date: format.date(action.promisedDate), amount: format.money(action.amountCents), balance: format.money(action.balanceCents) })];
      case 'broken-promise':
        return [t('followUps.brokenPromiseLine', { date: format.date(action.promisedDate), amount: format.money(action.amountCents), balance: format.money(action.balanceCents) })];
      case 'instalment-due':
        return [t('followUps.instalmentLine', { index: action.instalmentIndex + 1, count: action.instalmentCount, date: format.date(action.dueDate), amount: format.money(action.amountCents), remaining: format.money(action.remainingCents) })];
      case 'broken-plan':
        return [t('followUps.brokenPlanLine', { index: action.instalmentIndex + 1, count: action.instalmentCount, date: format.date(action.dueDate), remaining: format.money(action.remainingCents) })];
      case 'escalation-blocked':
        return [t('followUps.escalationBlocked', { number: action.number })];
    }
  };

  if (actions.length === 0) return <Text>{t('followUps.none')}</Text>;

  return (
    <Stack gap="lg">
      {sections.map((section) => {
        const SectionTools = TODAY_SLOTS.sectionTools[section.key];
        const ActionButtons = TODAY_SLOTS.actionButtons[section.key];
        return (
        <section key={section.key} aria-labelledby={`followups-${section.key}`}>
          <Group justify="space-between" mb="xs">
            <Title order={3} size="h5" id={`followups-${section.key}`}>
              {t(`followUps.sections.${section.key}`)} ({section.items.length})
            </Title>
            {SectionTools && <SectionTools actions={section.items} customersById={byId} />}
          </Group>
          <Stack gap="xs" role="list" aria-labelledby={`followups-${section.key}`}>
            {(expanded.has(section.key) ? section.items : section.items.slice(0, SECTION_PAGE)).map((action) => (
              <Paper key={action.key} withBorder p="sm" radius="md" role="listitem" aria-label={t('followUps.actionFor', { customer: action.customerName })}>
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <Stack gap={2}>
                    <Group gap="xs">
                      <Anchor href={routeHref({ screen: 'customers', id: action.customerId })} fw={600} size="sm">
                        {action.customerName}
                      </Anchor>
                      {action.kind === 'step' && action.channel === 'email' && (
                        <Badge size="xs" variant="light" color={action.automatic ? 'blue' : 'orange'} tt="none">
                          {action.automatic ? t('followUps.automatic') : t('followUps.waitingApproval')}
                        </Badge>
                      )}
                    </Group>
                    {lines(action).map((line) => (
                      <Text key={line} size="sm">
                        {line}
                      </Text>
                    ))}
                    {blockers(action).map((text) => (
                      <Text key={text} size="sm" c="orange.8" fw={500}>
                        ⚠ {text}
                      </Text>
                    ))}
                    {action.kind === 'step' && !action.instalment && (
                      <Text size="xs" c="dimmed">
                        {t('followUps.amountDue', { amount: format.money(action.reasons.reduce((sum, r) => sum + r.balanceCents, 0)) })} ·{' '}
                        {t('followUps.newDeadline', { date: format.date(action.newDeadline) })} · {t('followUps.waitingSince', { date: format.date(action.dueSince) })}
                      </Text>
                    )}
                  </Stack>
                  <Group gap="xs" wrap="nowrap">
                    {ActionButtons && <ActionButtons action={action} customer={byId.get(action.customerId)} />}
                    {action.kind === 'step' && (
                      <>
                        <Button size="xs" onClick={() => setDialog({ type: 'done', action })}>
                          {t('followUps.done')}
                        </Button>
                        <Button size="xs" variant="default" onClick={() => setDialog({ type: 'skip', action })}>
                          {t('followUps.skip')}
                        </Button>
                      </>
                    )}
                    {(action.kind === 'broken-promise' || action.kind === 'broken-plan') && (
                      <Button
                        size="xs"
                        variant="default"
                        loading={saving}
                        onClick={() =>
                          void run(action.customerName, () =>
                            acknowledgeBroken(
                              getDatabase(),
                              action.kind === 'broken-promise' ? 'promise' : 'plan',
                              action.kind === 'broken-promise' ? action.promiseId : action.planId,
                              action.customerId,
                              nowIso(),
                            ),
                          )
                        }
                      >
                        {t('followUps.acknowledge')}
                      </Button>
                    )}
                    <Button size="xs" variant="subtle" onClick={() => { setUntil(addDays(today, 7)); setDialog({ type: 'snooze', action }); }}>
                      {t('followUps.snooze')}
                    </Button>
                  </Group>
                </Group>
              </Paper>
            ))}
          </Stack>
          {section.items.length > SECTION_PAGE && !expanded.has(section.key) && (
            <Button variant="subtle" size="xs" mt="xs" onClick={() => setExpanded((current) => new Set(current).add(section.key))}>
              {t('followUps.showAll', { count: section.items.length - SECTION_PAGE })}
            </Button>
          )}
        </section>
        );
      })}

      {dialog && (
        <Modal
          opened
          onClose={() => setDialog(null)}
          title={
            dialog.type === 'done'
              ? t('followUps.doneTitle')
              : dialog.type === 'skip'
                ? t('followUps.skipTitle')
                : t('followUps.snoozeTitle', { customer: dialog.action.customerName })
          }
        >
          <form
            onSubmit={(event) => {
              event.preventDefault();
              const db = getDatabase();
              if (dialog.type === 'done') {
                void run(dialog.action.customerName, () => recordStepOutcome(db, dialog.action, { done: true, notes: text }, nowIso()));
              } else if (dialog.type === 'skip') {
                if (!text.trim()) return;
                void run(dialog.action.customerName, () => recordStepOutcome(db, dialog.action, { done: false, reason: text }, nowIso()));
              } else if (until) {
                void run(dialog.action.customerName, () => snoozeCustomer(db, dialog.action.customerId, until, text, nowIso()));
              }
            }}
          >
            <Stack>
              {dialog.type === 'snooze' && (
                <DatePickerInput label={t('followUps.snoozeUntil')} value={until} onChange={setUntil} minDate={addDays(today, 1)} valueFormat="DD/MM/YYYY" required />
              )}
              <TextInput
                label={dialog.type === 'done' ? t('followUps.notes') : dialog.type === 'skip' ? t('followUps.skipReason') : t('followUps.snoozeReason')}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
                required={dialog.type === 'skip'}
                data-autofocus
              />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setDialog(null)}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" loading={saving} disabled={(dialog.type === 'skip' && !text.trim()) || (dialog.type === 'snooze' && !until)}>
                  {dialog.type === 'done' ? t('followUps.done') : dialog.type === 'skip' ? t('followUps.skip') : t('followUps.snooze')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Modal>
      )}
    </Stack>
  );
}
