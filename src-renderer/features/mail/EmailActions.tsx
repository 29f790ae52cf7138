import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Modal, Stack, Text, Textarea, TextInput, Group } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { ActionSlotProps, SectionToolsProps } from '../today/action-slots';
import type { StepAction } from '../../domain/planner';
import type { Customer, Interaction } from '../../domain/model';
import { recipientFor, type ReminderDraft } from '../../domain/reminder-draft';
import { isEmailMessage } from '../../db/outbox-repo';
import { useRecords, useToday } from '../../ui/hooks';
import { approveEmail, draftForAction } from './drafts';
import { prepareLetter, previewLetter, proposedLetterInput, type LetterPreparation } from './letter-attachment';
import { asLetterProblem } from '../letters/useDueLetters';
import { useMailSettingsStore } from './mail-runtime';
import { useMailFailureText } from './failure-text';
import { routeHref } from '../../stores/navigation';

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The draft of an email action, with the message that failed for it, if any (to show and reuse). */
function useEmailDraft(action: StepAction, customer: Customer | undefined): { draft: ReminderDraft | undefined; failed: Interaction | undefined } {
  const records = useRecords();
  const today = useToday();
  const signature = useMailSettingsStore((s) => s.view?.settings?.signature);
  return useMemo(() => {
    if (!records) return { draft: undefined, failed: undefined };
    const failed = records.interactions
      .filter((row) => isEmailMessage(row) && row.details?.actionKey === action.key && row.status === 'failed')
      .sort((a, b) => b.at.localeCompare(a.at))[0];
    return { draft: draftForAction(action, customer, records, today, signature), failed };
  }, [records, today, signature, action, customer]);
}

/** Today's button on an email: review the draft, edit it, send it (into the outbox). */
export function EmailActionButton({ action, customer }: ActionSlotProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (action.kind !== 'step' || action.channel !== 'email') return null;
  // Without an address the action already says so (its warning); there is nothing to review.
  const reachable = customer !== undefined && recipientFor(customer, 'email') !== undefined;
  return (
    <>
      <Button size="xs" variant="filled" color="teal" onClick={() => setOpen(true)} disabled={!reachable}>
        {t('mail.today.review')}
      </Button>
      {open && <EmailReviewDialog action={action} customer={customer} onClose={() => setOpen(false)} />}
    </>
  );
}

function EmailReviewDialog({ action, customer, onClose }: { action: StepAction; customer: Customer | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { draft, failed } = useEmailDraft(action, customer);
  const configured = useMailSettingsStore((s) => s.view?.settings != null);
  const describe = useMailFailureText();
  // A message that failed before is shown as it was last written; otherwise the template's draft.
  const [subject, setSubject] = useState(() => failed?.subject ?? draft?.subject ?? '');
  const [text, setText] = useState(() => failed?.body ?? draft?.text ?? '');
  const [sending, setSending] = useState(false);
  const address = draft?.contact?.email;
  const records = useRecords();
  const today = useToday();
  const attachments = (draft?.pdfInvoiceIds ?? []).map((id) => records?.invoices.find((i) => i.id === id)?.number).filter(Boolean);
  const letter = useProposedLetter(draft, action.customerId);
  const [letterKept, setLetterKept] = useState(true);
  const letterInput = letterKept && letter && 'input' in letter ? letter.input : undefined;

  const send = async () => {
    if (!draft) return;
    setSending(true);
    try {
      await approveEmail(action, draft, 'today', { subject, text }, letterInput);
      notifications.show({ color: 'green', message: t('mail.today.queued', { customer: action.customerName }) });
      onClose();
    } catch (error) {
      notifications.show({ color: 'red', message: t('common.error', { message: errorMessage(error) }) });
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal opened onClose={onClose} size="lg" title={t('mail.today.reviewTitle', { customer: action.customerName })}>
      <Stack>
        {failed && (
          <Alert color="red" title={t('mail.outbox.failed')}>
            <Text size="sm">{describe(failed.details?.lastErrorCode)}</Text>
            {failed.details?.lastError != null && (
              <Text size="xs" mt={4}>
                {t('mail.settings.serverSaid', { message: String(failed.details.lastError) })}
              </Text>
            )}
          </Alert>
        )}
        {!configured && (
          <Alert color="yellow">
            {t('mail.today.notConfigured')} <a href={routeHref({ screen: 'settings' })}>{t('mail.today.openSettings')}</a>
          </Alert>
        )}
        {address ? (
          <Text size="sm">{t('mail.today.to', { name: draft?.contact?.name ?? action.customerName, address })}</Text>
        ) : (
          <Alert color="orange">{t('mail.today.noAddress')}</Alert>
        )}
        <TextInput label={t('mail.today.subject')} value={subject} onChange={(e) => setSubject(e.currentTarget.value)} required />
        <Textarea label={t('mail.today.body')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={8} maxRows={14} />
        {draft?.letter && (
          <LetterAttachmentRow
            preparation={letter}
            kept={letterKept}
            onKeep={setLetterKept}
            fileName={`${today} ${t('courrier.kinds.statement')} - ${action.customerName}.pdf`}
          />
        )}
        {(draft?.qrPayload || attachments.length > 0) && (
          <Text size="xs" c="dimmed">
            {[draft?.qrPayload ? t('mail.today.withQr') : null, attachments.length > 0 ? t('mail.today.withPdfs', { numbers: attachments.join(', ') }) : null].filter(Boolean).join(' · ')}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            onClick={() => void send()}
            loading={sending}
            disabled={!address || !configured || subject.trim() === '' || text.trim() === '' || (draft?.letter !== undefined && letter === undefined)}
          >
            {t('mail.today.send')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The letter a draft proposes (the statement of account), built from the records when the dialog opens. */
function useProposedLetter(draft: ReminderDraft | undefined, customerId: string): LetterPreparation | undefined {
  const records = useRecords();
  const today = useToday();
  const [preparation, setPreparation] = useState<LetterPreparation | undefined>();
  const proposed = draft?.letter;
  useEffect(() => {
    if (!proposed || !records) return;
    let current = true;
    prepareLetter({ letter: proposed }, customerId, records, today).then(
      (result) => current && setPreparation(result),
      (error: unknown) => current && setPreparation({ problem: errorMessage(error) }),
    );
    return () => {
      current = false;
    };
    // Prepared once per dialog: a ledger change while it is open must not change what the user saw.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [proposed, customerId]);
  return preparation;
}

/** The statement of account proposed with a firm email: see it, remove it, attach it again. */
function LetterAttachmentRow({ preparation, kept, onKeep, fileName }: { preparation: LetterPreparation | undefined; kept: boolean; onKeep: (kept: boolean) => void; fileName: string }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | undefined>();
  if (preparation === undefined) return <Text size="sm">{t('mail.today.statementPreparing')}</Text>;
  if ('problem' in preparation) {
    const known = asLetterProblem(preparation.problem);
    return <Alert color="yellow">{t('mail.today.statementImpossible', { reason: known ? t(`courrier.problems.${known}`) : preparation.problem })}</Alert>;
  }
  const preview = () => previewLetter(preparation.input, fileName).catch((error: unknown) => setProblem(errorMessage(error)));
  return (
    <Stack gap={4} role="group" aria-label={t('mail.today.attachments')}>
      <Text size="sm" fw={500}>
        {t('mail.today.attachments')}
      </Text>
      {kept ? (
        <Group gap="xs">
          <Text size="sm">{t('mail.today.statement')}</Text>
          <Button size="compact-xs" variant="light" onClick={() => void preview()}>
            {t('mail.today.statementPreview')}
          </Button>
          <Button size="compact-xs" variant="subtle" color="red" onClick={() => onKeep(false)}>
            {t('mail.today.statementRemove')}
          </Button>
        </Group>
      ) : (
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t('mail.today.statementRemoved')}
          </Text>
          <Button size="compact-xs" variant="light" onClick={() => onKeep(true)}>
            {t('mail.today.statementRestore')}
          </Button>
        </Group>
      )}
      {problem && <Alert color="red">{t('common.error', { message: problem })}</Alert>}
    </Stack>
  );
}

/** The emails section's tool: approve every waiting email at once, as drafted from its template. */
export function SendAllEmails({ actions, customersById }: SectionToolsProps) {
  const { t } = useTranslation();
  const records = useRecords();
  const today = useToday();
  const view = useMailSettingsStore((s) => s.view);
  const [sending, setSending] = useState(false);
  // Only who can be reached is worked out here (cheap); the drafts are written on click, for the
  // emails actually sent: drafting every email at each render cost seconds at 100,000 invoices.
  const ready = useMemo(
    () =>
      actions.filter((a): a is StepAction => {
        if (a.kind !== 'step' || a.channel !== 'email') return false;
        const customer = customersById.get(a.customerId);
        return customer !== undefined && recipientFor(customer, 'email') !== undefined;
      }),
    [actions, customersById],
  );

  if (ready.length === 0) return null;
  const sendAll = async () => {
    setSending(true);
    try {
      if (!records) return;
      for (const action of ready) {
        const draft = draftForAction(action, customersById.get(action.customerId), records, today, view?.settings?.signature);
        if (!draft?.contact?.email) continue;
        // The statement of a firm email goes with it when it can be written (else the email goes alone).
        const letter = await proposedLetterInput(draft, action.customerId, records, today);
        await approveEmail(action, draft, 'today', undefined, letter);
      }
      notifications.show({ color: 'green', message: t('mail.today.allQueued', { count: ready.length }) });
    } catch (error) {
      notifications.show({ color: 'red', message: t('common.error', { message: errorMessage(error) }) });
    } finally {
      setSending(false);
    }
  };
  return (
    <Button
      size="xs"
      color="teal"
      loading={sending}
      disabled={!view?.settings}
      title={view?.settings ? undefined : t('mail.today.notConfigured')}
      onClick={() =>
        modals.openConfirmModal({
          title: t('mail.today.sendAllTitle'),
          children: <Text size="sm">{t('mail.today.sendAllBody', { count: ready.length })}</Text>,
          labels: { confirm: t('mail.today.sendAllConfirm', { count: ready.length }), cancel: t('common.cancel') },
          onConfirm: () => void sendAll(),
        })
      }
    >
      {t('mail.today.sendAll', { count: ready.length })}
    </Button>
  );
}
