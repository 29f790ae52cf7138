import { useMemo, useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { getDatabase } from '../../db';
import { getCallScripts, saveCallScript } from '../../db/calls-repo';
import { addDays } from '../../domain/dates';
import type { Customer, Invoice, Language, MessageTemplate } from '../../domain/model';
import { BUILT_IN_TEMPLATE_IDS, contactFields, invoiceFields, renderTemplate, templateFor, validateTemplate, type MessageContext } from '../../domain/templates';
import { useSettings, useToday } from '../../ui/hooks';
import { nowIso } from '../../os/clock';

/** The merge fields worth knowing in a call script (all of templates.ts TEMPLATE_FIELDS work). */
const SCRIPT_FIELDS = ['contactName', 'shopName', 'invoiceNumbers', 'amountDueTotal', 'invoiceList', 'newDeadline', 'paymentLink'].map((f) => `{{${f}}}`).join(', ');

/** Days given to pay, said on the phone ("could you pay by…"). */
const CALL_DEADLINE_DAYS = 8;

/** The script of a call: the shop's own text for the language (settings), else the built-in one. */
function scriptTemplate(body: string | undefined, language: Language): MessageTemplate {
  const builtIn = templateFor(BUILT_IN_TEMPLATE_IDS.phoneCall, language, 'phone');
  return body === undefined ? builtIn : { ...builtIn, id: 'call-script', body, builtIn: false };
}

/**
 * The call script, filled with the customer's open invoices and the amount due (templates.ts merge
 * fields), in the customer's language. "Modifier" edits the shop's own version of that language.
 */
export function CallScript({ customer, invoices, language }: { customer: Customer; invoices: readonly Invoice[]; language: Language }) {
  const { t } = useTranslation();
  const today = useToday();
  const settings = useSettings();
  const scripts = useLiveQuery(() => getCallScripts(getDatabase()), []);
  const [editing, setEditing] = useState<string | null>(null);
  const template = scriptTemplate(scripts?.[language], language);

  const rendered = useMemo(() => {
    const contact = customer.contacts.find((c) => c.id === customer.preferredContactId) ?? customer.contacts[0];
    const shop = settings?.shop;
    const context: MessageContext = {
      language,
      customer: { name: customer.name, kind: customer.kind },
      ...contactFields(contact),
      invoices: invoiceFields(invoices, today),
      newDeadline: addDays(today, CALL_DEADLINE_DAYS),
      shop: {
        name: shop?.name ?? '',
        ...(shop?.phone ? { phone: shop.phone } : {}),
        ...(shop?.email ? { email: shop.email } : {}),
        ...(shop?.iban ? { iban: shop.iban } : {}),
        ...(shop?.signature ? { signature: shop.signature } : {}),
      },
    };
    try {
      return { ok: true as const, text: renderTemplate(template, context, { format: 'text' }).body };
    } catch {
      return { ok: false as const };
    }
  }, [customer, invoices, language, settings, template, today]);

  const problems = editing === null ? [] : validateTemplate({ channel: 'phone', body: editing });
  const save = async () => {
    if (editing === null || problems.length > 0) return;
    await saveCallScript(getDatabase(), language, editing, nowIso());
    setEditing(null);
  };

  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-label={t('callsPanel.script', { language: t(`languages.${language}`) })}>
      <Group justify="space-between" mb={4}>
        <Text fw={600} size="sm">
          {t('callsPanel.script', { language: t(`languages.${language}`) })}
        </Text>
        {editing === null && (
          <Button size="compact-xs" variant="subtle" onClick={() => setEditing(template.body)}>
            {t('callsPanel.editScript')}
          </Button>
        )}
      </Group>
      {editing === null ? (
        rendered.ok ? (
          <Text size="sm" style={{ whiteSpace: 'pre-line', maxHeight: 260, overflow: 'auto' }}>
            {rendered.text}
          </Text>
        ) : (
          <Alert color="yellow">{t('callsPanel.scriptBroken')}</Alert>
        )
      ) : (
        <Stack gap="xs">
          <Textarea
            label={t('callsPanel.scriptEditor')}
            description={t('callsPanel.scriptFields', { fields: SCRIPT_FIELDS })}
            autosize
            minRows={6}
            value={editing}
            onChange={(e) => setEditing(e.currentTarget.value)}
            error={problems.length > 0 ? problems.map((p) => t(`callsPanel.scriptIssues.${p.code}`, { field: p.field ?? '' })).join(' · ') : undefined}
          />
          <Group gap="xs">
            <Button size="xs" onClick={() => void save()} disabled={problems.length > 0}>
              {t('common.save')}
            </Button>
            <Button size="xs" variant="default" onClick={() => setEditing(null)}>
              {t('common.cancel')}
            </Button>
            {scripts?.[language] !== undefined && (
              <Button
                size="xs"
                variant="subtle"
                color="gray"
                onClick={() => void saveCallScript(getDatabase(), language, null, nowIso()).then(() => setEditing(null))}
              >
                {t('callsPanel.resetScript')}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Paper>
  );
}
