import { useEffect } from 'react';
import { businessCalendarOf } from '../../domain/calendar-settings';
import { automaticEmailsToQueue } from '../../domain/outbox';
import type { StepAction } from '../../domain/planner';
import { isEmailMessage } from '../../db/outbox-repo';
import { nowIso } from '../../os/clock';
import { useRecords, useToday } from '../../ui/hooks';
import { useFollowUps } from '../today/useFollowUps';
import { approveEmail, draftForAction } from './drafts';
import { useMailSettingsStore } from './mail-runtime';
import { proposedLetterInput } from './letter-attachment';
import { customersById } from '../../ui/customers-by-id';

/**
 * Queues the automatic email steps (`step.automatic`) on their own, only at allowed instants of the
 * business calendar. Outside them nothing happens: the planner's `nextWakeInstant` already asks the
 * scheduler to wake the app at the next allowed slot, and useFollowUps plans again then, which runs
 * this again. Until SMTP is set up they wait in Today like the others.
 */
export function useAutomaticEmails(): void {
  const followUps = useFollowUps();
  const records = useRecords();
  const today = useToday();
  const mail = useMailSettingsStore((s) => s.view);

  useEffect(() => {
    if (!followUps || !records || !mail?.settings) return;
    const calendar = businessCalendarOf(records.settings);
    const withMessage = new Set(records.interactions.filter(isEmailMessage).map((row) => String(row.details?.actionKey ?? '')));
    const due = automaticEmailsToQueue(followUps.actions, withMessage, nowIso(), calendar) as StepAction[];
    const customers = customersById(records.customers);
    for (const action of due) {
      const draft = draftForAction(action, customers.get(action.customerId), records, today, mail.settings.signature);
      // No address: the action stays in Today with its warning.
      if (!draft?.contact?.email) continue;
      void proposedLetterInput(draft, action.customerId, records, today)
        .then((letter) => approveEmail(action, draft, 'automatic', undefined, letter))
        .catch(() => undefined);
    }
  }, [followUps, records, today, mail]);
}
