import { useTranslation } from 'react-i18next';
import type { MailSendResult } from '../../../src-main/contract/mail';

type Failure = Extract<MailSendResult, { status: 'failed' | 'needs-attention' }>;

/**
 * The shopkeeper's words for a failed send: the translated cause of main's code, then the server's
 * own words when it gave some (they say what the cause cannot, e.g. "mailbox full").
 */
export function useMailFailureText(): (failure: Pick<Failure, 'code' | 'message'>) => { cause: string; server: string } {
  const { t } = useTranslation();
  return (failure) => ({
    cause: t(`mail.failure.${failure.code}`, { defaultValue: t('mail.failure.unknown') }),
    server: failure.message,
  });
}
