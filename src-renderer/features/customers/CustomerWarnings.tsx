import { Alert, Button, Group, List, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { customerWarnings, type ContactWarning } from '../../domain/contact-checks';
import type { Customer } from '../../domain/model';
import type { CustomerFormFocus } from './CustomerFormDialog';

/** One warning of `customerWarnings` as a plain sentence ("L’adresse e-mail de Paul Martin n’est pas valide."). */
export function useWarningText(): (warning: ContactWarning, customer: Pick<Customer, 'contacts' | 'preferredChannel'>) => string {
  const { t, i18n } = useTranslation();
  return (warning, customer) => {
    const contact = customer.contacts.find((c) => c.id === warning.contactId)?.name.trim() || t('ledger.warnings.someone');
    const key = `ledger.warnings.${warning.field}.${warning.problem}`;
    switch (key) {
      case 'ledger.warnings.email.missing':
      case 'ledger.warnings.phone.missing':
      case 'ledger.warnings.address.missing':
      case 'ledger.warnings.address.invalid':
        return t(key);
      case 'ledger.warnings.email.invalid':
      case 'ledger.warnings.phone.invalid':
      case 'ledger.warnings.mobile.invalid':
      case 'ledger.warnings.mobile.not-mobile':
        return t(key, { contact });
      case 'ledger.warnings.mobile.missing':
        return t(key, { channel: t(`channels.${customer.preferredChannel}`) });
      case 'ledger.warnings.address.incomplete': {
        const parts = (warning.parts ?? []).map((part) => t(`ledger.warnings.parts.${part}`));
        const list = new Intl.ListFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', { type: 'conjunction' }).format(parts);
        return t(key, { parts: list });
      }
      default:
        return `${warning.field}: ${warning.problem}`;
    }
  };
}

/**
 * What the customer record lacks for the reminders to reach the customer, in plain words, each with a
 * button opening the form on the field to fix. Nothing when the record is complete.
 */
export function CustomerWarningsAlert({ customer, onFix }: { customer: Customer; onFix: (focus: CustomerFormFocus) => void }) {
  const { t } = useTranslation();
  const warningText = useWarningText();
  const warnings = customerWarnings(customer);
  if (warnings.length === 0) return null;
  return (
    <Alert color="yellow" title={t('ledger.warnings.title')} icon={<IconAlertTriangle size={18} aria-hidden />}>
      <Text size="sm" mb="xs">
        {t('ledger.warnings.intro')}
      </Text>
      <List spacing={6} size="sm">
        {warnings.map((warning) => {
          const text = warningText(warning, customer);
          return (
            <List.Item key={`${warning.field}-${warning.problem}-${warning.contactId ?? ''}`}>
              <Group gap="sm" wrap="nowrap">
                <Text size="sm">{text}</Text>
                <Button
                  size="compact-xs"
                  variant="light"
                  color="yellow"
                  aria-label={t('ledger.warnings.fixLabel', { problem: text })}
                  onClick={() => onFix(warning.contactId ? { field: warning.field, contactId: warning.contactId } : { field: warning.field })}
                >
                  {t('ledger.warnings.fix')}
                </Button>
              </Group>
            </List.Item>
          );
        })}
      </List>
    </Alert>
  );
}

/** The small sign beside a customer's name in the list when their record needs attention. */
export function WarningMarker({ count }: { count: number }) {
  const { t } = useTranslation();
  if (count === 0) return null;
  const label = t('ledger.warnings.badge', { count });
  return (
    <ThemeIcon color="yellow" variant="light" size="sm" radius="xl" role="img" aria-label={label} title={label}>
      <IconAlertTriangle size={14} aria-hidden />
    </ThemeIcon>
  );
}
