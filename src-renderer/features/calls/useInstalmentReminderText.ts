import { useTranslation } from 'react-i18next';
import type { StepAction } from '../../domain/planner';
import { useFormat } from '../../ui/format';

/**
 * The line that says what a payment plan's instalment reminder is about ("Rappel d'échéance :
 * échéance 1 sur 2 de l'échéancier le 30/11/2026…"), for Today and the call panel.
 */
export function useInstalmentReminderText(): (action: StepAction) => string {
  const { t } = useTranslation();
  const format = useFormat();
  return (action) => {
    const reminder = action.instalment;
    if (!reminder) return '';
    const values = {
      index: reminder.index + 1,
      count: reminder.count,
      date: format.date(reminder.dueDate),
      amount: format.money(reminder.remainingCents),
      deadline: format.date(action.newDeadline),
    };
    return reminder.when === 'before' ? t('callsPanel.today.instalmentBefore', values) : t('callsPanel.today.instalmentMissed', values);
  };
}
