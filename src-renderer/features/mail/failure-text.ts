import { useTranslation } from 'react-i18next';

/**
 * The shopkeeper's words for the cause of a failed send (main's failure code, or `interrupted`).
 * Screens show the server's own words under it: they say what the cause cannot ("mailbox full").
 */
export function useMailFailureText(): (code: unknown) => string {
  const { t } = useTranslation();
  return (code) => t(`mail.failure.${String(code)}`, { defaultValue: t('mail.failure.unknown') });
}
