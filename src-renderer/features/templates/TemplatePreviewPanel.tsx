import { useMemo, useState } from 'react';
import { Alert, Paper, Select, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MessageTemplate } from '../../domain/model';
import { useLedger, useRecords, useToday } from '../../ui/hooks';
import { useMailSettingsStore } from '../mail/mail-runtime';
import { useFollowUps } from '../today/useFollowUps';
import type { StepAction } from '../../domain/planner';
import { previewTemplate, type TemplatePreview } from './template-preview';

/** Customers offered in the preview's list: those with overdue invoices first, the longest late first. */
function useCustomerOptions() {
  const ledger = useLedger();
  return useMemo(() => {
    const rows = [...(ledger?.customers ?? [])];
    rows.sort((a, b) => Number(b.overdueCents > 0) - Number(a.overdueCents > 0) || b.oldestDaysLate - a.oldestDaysLate || a.customer.name.localeCompare(b.customer.name));
    return rows.map((row) => ({ value: row.customer.id, label: row.customer.name }));
  }, [ledger]);
}

const PRE = { whiteSpace: 'pre-wrap', wordBreak: 'break-word' } as const;

/**
 * The edited template filled with a real customer's facts, as it will be sent or printed. The email's
 * HTML is shown in a sandboxed frame (`sandbox=""`: no script, no form, no navigation, its own opaque
 * origin) from `srcdoc`, so even a hostile customer name or template text stays inert; every value in
 * it is escaped anyway (domain/templates.ts).
 */
export function TemplatePreviewPanel({ template }: { template: MessageTemplate }) {
  const { t } = useTranslation();
  const records = useRecords();
  const today = useToday();
  const signature = useMailSettingsStore((s) => s.view?.settings?.signature);
  const options = useCustomerOptions();
  const [chosen, setChosen] = useState<string | null>(null);
  const customerId = chosen ?? options[0]?.value ?? null;

  // The chosen customer's records, gathered once per customer rather than at each keystroke.
  const facts = useMemo(() => {
    const customer = records?.customers.find((c) => c.id === customerId);
    if (!records || !customer) return undefined;
    const own = <T extends { customerId: string }>(rows: readonly T[]) => rows.filter((row) => row.customerId === customer.id);
    return {
      customer,
      invoices: own(records.invoices),
      payments: own(records.payments),
      interactions: own(records.interactions),
      plans: own(records.paymentPlans),
      shop: records.settings.shop,
      timeZone: records.settings.timeZone,
    };
  }, [records, customerId]);

  const followUps = useFollowUps();
  const planned = useMemo(
    () =>
      followUps?.actions.find(
        (action): action is StepAction => action.kind === 'step' && action.customerId === customerId && action.templateId === template.id && action.channel === template.channel,
      ),
    [followUps, customerId, template.id, template.channel],
  );

  const preview = useMemo<TemplatePreview | undefined>(
    () => (facts ? previewTemplate({ template, ...facts, today, ...(signature ? { signature } : {}), ...(planned ? { planned } : {}) }) : undefined),
    [facts, template, today, signature, planned],
  );

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="template-preview-title">
      <Stack gap="sm">
        <Title order={3} size="h5" id="template-preview-title">
          {t('templates.preview.title')}
        </Title>
        {options.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('templates.preview.noCustomer')}
          </Text>
        ) : (
          <Select label={t('templates.preview.customer')} data={options} value={customerId} onChange={setChosen} searchable limit={50} allowDeselect={false} />
        )}
        {preview && <PreviewBody preview={preview} />}
      </Stack>
    </Paper>
  );
}

function PreviewBody({ preview }: { preview: TemplatePreview }) {
  const { t } = useTranslation();
  switch (preview.kind) {
    case 'invalid':
      return <Alert color="gray">{t('templates.preview.invalid')}</Alert>;
    case 'email':
      return (
        <Stack gap="xs">
          <Text fw={600}>{t('templates.preview.subject', { subject: preview.subject })}</Text>
          {/* Text first, and the frame only while its tab is open: tools that inspect every frame
              (accessibility checkers, test tracing) cannot run in a frame without scripts and wait on it. */}
          <Tabs defaultValue="text" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="text">{t('templates.preview.plainText')}</Tabs.Tab>
              <Tabs.Tab value="layout">{t('templates.preview.layout')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="layout" pt="xs">
              <iframe
                title={t('templates.preview.emailFrame')}
                sandbox=""
                srcDoc={preview.html}
                referrerPolicy="no-referrer"
                style={{ width: '100%', height: 420, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4, background: 'white' }}
              />
            </Tabs.Panel>
            <Tabs.Panel value="text" pt="xs">
              <Text size="sm" style={PRE} aria-label={t('templates.preview.messageText')}>
                {preview.text}
              </Text>
            </Tabs.Panel>
          </Tabs>
        </Stack>
      );
    case 'short':
      return (
        <Stack gap="xs">
          <Text size="sm" style={PRE} aria-label={t('templates.preview.messageText')}>
            {preview.text}
          </Text>
          <Text size="sm" c="dimmed">
            {t('templates.preview.smsLength', { characters: preview.length.characters, count: preview.length.segments })}
          </Text>
          {preview.length.encoding === 'unicode' && (
            <Text size="xs" c="dimmed">
              {t('templates.preview.smsUnicode')}
            </Text>
          )}
        </Stack>
      );
    case 'text':
      return (
        <Text size="sm" style={PRE} aria-label={t('templates.preview.messageText')}>
          {preview.text}
        </Text>
      );
    case 'letter':
      return (
        <Stack gap="xs" aria-label={t('templates.preview.letterText')} role="group">
          <Text fw={600}>{preview.subject}</Text>
          {preview.paragraphs.map((paragraph, index) => (
            <Text key={`p${index}`} size="sm" style={PRE}>
              {paragraph}
            </Text>
          ))}
          <Text size="sm" c="dimmed" fs="italic">
            {t('templates.preview.invoiceTable', { count: preview.invoiceCount })}
          </Text>
          {preview.closing.map((paragraph, index) => (
            <Text key={`c${index}`} size="sm" style={PRE}>
              {paragraph}
            </Text>
          ))}
        </Stack>
      );
    case 'letter-text':
      return (
        <Stack gap="xs">
          <Alert color="yellow">{t('templates.preview.letterProblem', { reason: t(`courrier.problems.${preview.problem}`) })}</Alert>
          <Stack gap="xs" aria-label={t('templates.preview.letterText')} role="group">
            <Text fw={600}>{preview.subject}</Text>
            <Text size="sm" style={PRE}>
              {preview.text}
            </Text>
          </Stack>
        </Stack>
      );
  }
}
