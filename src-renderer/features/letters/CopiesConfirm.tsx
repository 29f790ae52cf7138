import { Alert, Button, Checkbox, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CopyPlan } from './letter-copies';
import { useMailSettingsStore } from '../mail/mail-runtime';

/**
 * Before printing letters whose step also sends them by email: how many copies will go, the choice
 * not to send them, and a warning for the customers without an email address (by post only).
 */
export function CopiesConfirm({
  plan,
  customerName,
  send,
  onSendChange,
  onCancel,
  onConfirm,
}: {
  plan: CopyPlan;
  customerName: (id: string) => string;
  send: boolean;
  onSendChange: (send: boolean) => void;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  const configured = useMailSettingsStore((s) => s.view?.settings != null);
  return (
    <Stack>
      {plan.withAddress.length > 0 && (
        <>
          <Text size="sm">{t('mailcopy.print.copies', { count: plan.withAddress.length })}</Text>
          <Checkbox label={t('mailcopy.print.send', { count: plan.withAddress.length })} checked={send} onChange={(event) => onSendChange(event.currentTarget.checked)} />
          {send && !configured && <Alert color="yellow">{t('mailcopy.print.notConfigured')}</Alert>}
        </>
      )}
      {plan.withoutAddress.length > 0 && (
        <Alert color="yellow">
          {t('mailcopy.print.noAddress', { count: plan.withoutAddress.length, names: plan.withoutAddress.map((order) => customerName(order.customerId)).join(', ') })}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button onClick={onConfirm}>{t('mailcopy.print.confirm')}</Button>
      </Group>
    </Stack>
  );
}
