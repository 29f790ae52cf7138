import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Input,
  Modal,
  NativeSelect,
  Radio,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { getDatabase } from '../../db';
import { saveCustomer, setDoNotChase } from '../../db/ledger-repo';
import { DEFAULT_POLICY_ID, policyDisplayName } from '../../domain/policies';
import { usePolicies } from '../settings/usePolicies';
import type { Customer, CustomerKind, Language } from '../../domain/model';
import type { WarningField } from '../../domain/contact-checks';
import { nowIso } from '../../os/clock';
import { useFormat } from '../../ui/format';
import { useLedger, useSettings, useToday } from '../../ui/hooks';
import { useErrorText, useGeneralErrorText, validationErrors, type FieldErrors } from '../invoices/ledger-errors';
import { FORM_CHANNELS, checkDraft, contactFieldRenamer, draftFromCustomer, emptyContact, type ContactDraft, type CustomerDraft } from './customer-form';

/** Which field the form should put the cursor in when it opens from a warning. */
export interface CustomerFormFocus {
  field: WarningField;
  contactId?: string;
}

const KINDS: CustomerKind[] = ['business', 'consumer'];
const LANGUAGES: Language[] = ['fr', 'en'];

/**
 * Creates (no `customer`) or edits a customer: identity, contacts, postal address, how to remind them,
 * and whether to chase them at all. Phones are saved in E.164; the repository's refusals are shown
 * next to their fields.
 */
export function CustomerFormDialog({
  customer,
  focus,
  onClose,
  onSaved,
}: {
  customer?: Customer;
  focus?: CustomerFormFocus;
  onClose: () => void;
  onSaved?: (customer: Customer) => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const today = useToday();
  const ledger = useLedger();
  const errorText = useErrorText();
  const generalErrorText = useGeneralErrorText();
  const [draft, setDraft] = useState<CustomerDraft>(() => draftFromCustomer(customer, i18n.language === 'en' ? 'en' : 'fr'));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const knownTags = useMemo(
    () => [...new Set((ledger?.customers ?? []).flatMap((row) => row.customer.tags))].sort((a, b) => a.localeCompare(b)),
    [ledger],
  );
  const policies = usePolicies();
  const settings = useSettings();
  const shopPolicy = policies?.find((p) => p.id === (settings?.defaultPolicyId ?? DEFAULT_POLICY_ID));
  const shopPolicyName = shopPolicy ? policyDisplayName(shopPolicy, format.language) : '';
  const channels = FORM_CHANNELS.includes(draft.preferredChannel) ? FORM_CHANNELS : [...FORM_CHANNELS, draft.preferredChannel];

  const update = <K extends keyof CustomerDraft>(key: K, value: CustomerDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const updateContact = (id: string, patch: Partial<ContactDraft>) =>
    setDraft((d) => ({ ...d, contacts: d.contacts.map((c) => (c.id === id ? { ...c, ...patch } : c)) }));
  const removeContact = (id: string) =>
    setDraft((d) => ({
      ...d,
      contacts: d.contacts.filter((c) => c.id !== id),
      preferredContactId: d.preferredContactId === id ? null : d.preferredContactId,
    }));
  const preferredId = draft.preferredContactId ?? draft.contacts[0]?.id ?? null;

  /** The contact whose field gets the cursor, when the form opens from a warning about it. */
  const focusContactId = focus && focus.field !== 'address' ? (focus.contactId ?? draft.contacts[0]?.id) : undefined;
  const autofocus = (contactId: string | null, field: WarningField | 'name') => {
    if (!focus) return field === 'name' && contactId === null;
    if (field === 'address') return focus.field === 'address';
    return contactId !== null && contactId === focusContactId && focus.field === field;
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const checked = checkDraft(draft, customer);
    setGeneral(null);
    if (!checked.input) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const db = getDatabase();
      const reason = draft.doNotChase ? draft.doNotChaseReason.trim() : null;
      // One transaction around both writes: the record and its "do not chase" flag change together.
      const saved = await db.transaction('rw', db.customers, db.interactions, async () => {
        const record = await saveCustomer(db, checked.input!, nowIso());
        const changed = reason !== null ? record.doNotChase?.reason !== reason : record.doNotChase !== undefined;
        return changed ? setDoNotChase(db, record.id, reason, today, nowIso()) : record;
      });
      notifications.show({ color: 'green', message: t(customer ? 'ledger.customerForm.saved' : 'ledger.customerForm.created', { name: saved.name }) });
      onSaved?.(saved);
      onClose();
    } catch (error) {
      const fields = validationErrors(error, format, contactFieldRenamer(checked.contactIds));
      if (fields) setErrors(fields);
      else setGeneral(generalErrorText(error));
    } finally {
      setSaving(false);
    }
  };

  const hasErrors = Object.keys(errors).length > 0;
  const title = customer ? t('ledger.customerForm.editTitle', { name: customer.name }) : t('ledger.customerForm.createTitle');

  return (
    <Modal opened onClose={onClose} title={title} size="xl">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="lg">
          <Stack gap="sm">
            <Title order={3} size="h5">
              {t('ledger.customerForm.identity')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('ledger.customerForm.name')}
                description={t('ledger.customerForm.nameHint')}
                value={draft.name}
                onChange={(e) => update('name', e.currentTarget.value)}
                error={errorText(errors.name)}
                required
                data-autofocus={autofocus(null, 'name') || undefined}
              />
              <Stack gap={4}>
                <Input.Label id="customer-kind-label">{t('ledger.customerForm.kind')}</Input.Label>
                <SegmentedControl
                  aria-labelledby="customer-kind-label"
                  data={KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))}
                  value={draft.kind}
                  onChange={(value) => update('kind', value as CustomerKind)}
                />
              </Stack>
              <TextInput
                label={t('ledger.customerForm.siret')}
                description={t('ledger.customerForm.siretHint')}
                value={draft.siret}
                onChange={(e) => update('siret', e.currentTarget.value)}
                error={errorText(errors.siret)}
                inputMode="numeric"
              />
              <TextInput
                label={t('ledger.customerForm.vatNumber')}
                value={draft.vatNumber}
                onChange={(e) => update('vatNumber', e.currentTarget.value)}
                error={errorText(errors.vatNumber)}
              />
            </SimpleGrid>
          </Stack>

          <Stack gap="sm">
            <Title order={3} size="h5">
              {t('ledger.customerForm.contacts')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('ledger.customerForm.contactsHint')}
            </Text>
            {draft.contacts.length === 0 && <Text size="sm">{t('ledger.customerForm.noContact')}</Text>}
            <Radio.Group value={preferredId} onChange={(value) => update('preferredContactId', value)}>
              <Stack gap="sm">
                {draft.contacts.map((contact, index) => {
                  const key = `contacts.${contact.id}`;
                  const n = index + 1;
                  return (
                    <Fieldset key={contact.id} legend={t('ledger.customerForm.contact', { n })} variant="filled">
                      <SimpleGrid cols={{ base: 1, sm: 3 }}>
                        <TextInput
                          label={t('ledger.customerForm.contactName')}
                          value={contact.name}
                          onChange={(e) => updateContact(contact.id, { name: e.currentTarget.value })}
                          error={errorText(errors[`${key}.name`])}
                        />
                        <NativeSelect
                          label={t('ledger.customerForm.civility')}
                          data={[
                            { value: '', label: t('ledger.customerForm.civilityNone') },
                            { value: 'madame', label: t('ledger.customerForm.civilities.madame') },
                            { value: 'monsieur', label: t('ledger.customerForm.civilities.monsieur') },
                          ]}
                          value={contact.civility}
                          onChange={(e) => updateContact(contact.id, { civility: e.currentTarget.value as ContactDraft['civility'] })}
                        />
                        <TextInput
                          label={t('ledger.customerForm.role')}
                          placeholder={t('ledger.customerForm.rolePlaceholder')}
                          value={contact.role}
                          onChange={(e) => updateContact(contact.id, { role: e.currentTarget.value })}
                        />
                        <TextInput
                          label={t('ledger.customerForm.email')}
                          type="email"
                          value={contact.email}
                          onChange={(e) => updateContact(contact.id, { email: e.currentTarget.value })}
                          error={errorText(errors[`${key}.email`])}
                          data-autofocus={autofocus(contact.id, 'email') || undefined}
                        />
                        <TextInput
                          label={t('ledger.customerForm.phone')}
                          placeholder={t('ledger.customerForm.phonePlaceholder')}
                          type="tel"
                          value={contact.phone}
                          onChange={(e) => updateContact(contact.id, { phone: e.currentTarget.value })}
                          error={errorText(errors[`${key}.phone`])}
                          data-autofocus={autofocus(contact.id, 'phone') || undefined}
                        />
                        <TextInput
                          label={t('ledger.customerForm.mobile')}
                          placeholder={t('ledger.customerForm.mobilePlaceholder')}
                          type="tel"
                          value={contact.mobile}
                          onChange={(e) => updateContact(contact.id, { mobile: e.currentTarget.value })}
                          error={errorText(errors[`${key}.mobile`])}
                          data-autofocus={autofocus(contact.id, 'mobile') || undefined}
                        />
                      </SimpleGrid>
                      <Group justify="space-between" mt="sm">
                        <Radio value={contact.id} label={t('ledger.customerForm.preferredContact')} />
                        <Button variant="subtle" color="red" size="xs" onClick={() => removeContact(contact.id)}>
                          {t('ledger.customerForm.removeContact', { n })}
                        </Button>
                      </Group>
                    </Fieldset>
                  );
                })}
              </Stack>
            </Radio.Group>
            {errors.preferredContactId && (
              <Text size="sm" c="red">
                {errorText(errors.preferredContactId)}
              </Text>
            )}
            <Button variant="light" w="fit-content" onClick={() => setDraft((d) => ({ ...d, contacts: [...d.contacts, emptyContact()] }))}>
              {t('ledger.customerForm.addContact')}
            </Button>
          </Stack>

          <Stack gap="sm">
            <Title order={3} size="h5">
              {t('ledger.customerForm.address')}
            </Title>
            <Textarea
              label={t('ledger.customerForm.addressLines')}
              description={t('ledger.customerForm.addressLinesHint')}
              value={draft.addressLines}
              onChange={(e) => update('addressLines', e.currentTarget.value)}
              autosize
              minRows={2}
              maxRows={4}
              data-autofocus={autofocus(null, 'address') || undefined}
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label={t('ledger.customerForm.postcode')}
                value={draft.postcode}
                onChange={(e) => update('postcode', e.currentTarget.value)}
                error={errorText(errors.postcode ?? errors['address.postcode'])}
                inputMode={draft.country.trim().toUpperCase() === 'FR' ? 'numeric' : undefined}
              />
              <TextInput label={t('ledger.customerForm.city')} value={draft.city} onChange={(e) => update('city', e.currentTarget.value)} />
              <TextInput
                label={t('ledger.customerForm.country')}
                description={t('ledger.customerForm.countryHint')}
                value={draft.country}
                onChange={(e) => update('country', e.currentTarget.value.toUpperCase())}
                error={errorText(errors.country)}
                maxLength={2}
              />
            </SimpleGrid>
          </Stack>

          <Stack gap="sm">
            <Title order={3} size="h5">
              {t('ledger.customerForm.reminders')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('ledger.customerForm.preferredChannel')}
                data={channels.map((channel) => ({ value: channel, label: t(`channels.${channel}`) }))}
                value={draft.preferredChannel}
                onChange={(value) => value && update('preferredChannel', value as CustomerDraft['preferredChannel'])}
                allowDeselect={false}
              />
              <Select
                label={t('policies.customerPolicy')}
                data={[
                  { value: '', label: t('policies.customerPolicyDefault', { name: shopPolicyName }) },
                  ...(policies ?? []).map((p) => ({ value: p.id, label: policyDisplayName(p, format.language) })),
                ]}
                value={draft.policyId ?? ''}
                onChange={(value) => update('policyId', value ? value : null)}
                allowDeselect={false}
              />
              <Select
                label={t('ledger.customerForm.language')}
                data={LANGUAGES.map((language) => ({ value: language, label: t(`languages.${language}`) }))}
                value={draft.language}
                onChange={(value) => value && update('language', value as Language)}
                allowDeselect={false}
              />
            </SimpleGrid>
            <TagsInput
              label={t('ledger.customerForm.tags')}
              description={t('ledger.customerForm.tagsHint')}
              data={knownTags}
              value={draft.tags}
              onChange={(value) => update('tags', value)}
              clearable
            />
            <Textarea label={t('ledger.customerForm.notes')} value={draft.notes} onChange={(e) => update('notes', e.currentTarget.value)} autosize minRows={2} maxRows={6} />
            <Checkbox
              label={t('ledger.customerForm.doNotChase')}
              description={t('ledger.customerForm.doNotChaseHint')}
              checked={draft.doNotChase}
              onChange={(e) => update('doNotChase', e.currentTarget.checked)}
            />
            {draft.doNotChase && (
              <Textarea
                label={t('ledger.customerForm.doNotChaseReason')}
                value={draft.doNotChaseReason}
                onChange={(e) => update('doNotChaseReason', e.currentTarget.value)}
                error={errorText(errors.doNotChaseReason)}
                required
                autosize
                minRows={2}
              />
            )}
          </Stack>

          {hasErrors && (
            <Alert color="red" role="alert">
              {t('ledger.customerForm.fixErrors')}
            </Alert>
          )}
          {general && (
            <Alert color="red" role="alert">
              {general}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('ledger.customerForm.close')}
            </Button>
            <Button type="submit" loading={saving}>
              {customer ? t('ledger.customerForm.save') : t('ledger.customerForm.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
