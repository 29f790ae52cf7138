import { useTranslation } from 'react-i18next';
import { useRecords } from '../../ui/hooks';
import type { ActionSlotProps, SectionToolsProps } from '../today/action-slots';
import { LetterOrderButton } from './LetterOrderButton';
import { PrintLettersButton } from './PrintLettersButton';
import { letterBlocker, letterOrderOf } from './useDueLetters';

/** Today, on a letter to send: "Print the letter" (archived, recorded as the step done, then shown). */
export function TodayLetterButton({ action, customer }: ActionSlotProps) {
  const { t } = useTranslation();
  const records = useRecords();
  const order = letterOrderOf(action);
  if (!order || !records) return null;
  return <LetterOrderButton order={order} source="today" label={t('courrier.one.produce')} disabled={letterBlocker(records.settings.shop, customer) !== undefined} />;
}

/** Today, beside the letters' title: print every letter of the section that can be written. */
export function TodayLettersTool({ actions, customersById }: SectionToolsProps) {
  const records = useRecords();
  if (!records) return null;
  const orders = actions.flatMap((action) => {
    const order = letterOrderOf(action);
    return order && letterBlocker(records.settings.shop, customersById.get(action.customerId)) === undefined ? [order] : [];
  });
  return <PrintLettersButton orders={orders} short />;
}
