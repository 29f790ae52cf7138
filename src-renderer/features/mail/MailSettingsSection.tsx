import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Group, NumberInput, PasswordInput, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { os } from '../../os/client';
import { SMTP_PRESETS, type MailSendResult, type SmtpSecurity } from '../../../src-main/contract/mail';
import type { MethodResult } from '../../../src-main/contract/methods';
import { useSettings } from '../../ui/hooks';
import { type DEFAULT_SETTINGS, type Language } from '../../domain/model';
import { applyPreset, formFromSettings, passwordArgument, presetOf, settingsFromForm, type PasswordChoice, type SmtpFormField, type SmtpFormValues } from './smtp-form';
import { useMailFailureText } from './failure-text';
import { outboxDriver, useMailSettingsStore } from './mail-runtime';
import { bringRetriesForward } from '../../db/outbox-repo';
import { getDatabase } from '../../db';
import { nowIso } from '../../os/clock';

type MailSettingsView = MethodResult<'mail.getSettings'>;

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The SMTP settings (meant to sit in a settings section titled `mail.settings.title`): provider
 * presets, server, login, sender, copy, signature; the password is written, never read back
 * ("keep / replace / forget"); where it is stored is said plainly; a test email reports the cause of
 * a failure in the shopkeeper's words.
 */
export function MailSettingsSection() {
  const { t } = useTranslation();
  const shop = useSettings()?.shop;
  const [view, setView] = useState<MailSettingsView>();
  const [loadError, setLoadError] = useState<string>();

  useEffect(() => {
    let active = true;
    os.mail.getSettings({}).then(
      (result) => active && setView(result),
      (error: unknown) => active && setLoadError(errorMessage(error)),
    );
    return () => {
      active = false;
    };
  }, []);

  if (loadError) return <Alert color="red">{t('mail.settings.loadError', { message: loadError })}</Alert>;
  if (!view || !shop) return <Text>{t('mail.settings.loading')}</Text>;
  return (
    <MailSettingsForm
      view={view}
      onSaved={(saved) => {
        setView(saved);
        // Today learns at once that sending is set up, and the signature to use; emails waiting
        // after a failure (often these very settings) are tried again now.
        useMailSettingsStore.getState().set(saved);
        void bringRetriesForward(getDatabase(), nowIso()).then(() => outboxDriver().kick());
      }}
      shop={shop}
    />
  );
}

function MailSettingsForm({ view, onSaved, shop }: { view: MailSettingsView; onSaved: (view: MailSettingsView) => void; shop: typeof DEFAULT_SETTINGS.shop }) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState<SmtpFormValues>(() => formFromSettings(view.settings, shop));
  const [passwordChoice, setPasswordChoice] = useState<PasswordChoice>(view.hasPassword ? 'keep' : 'replace');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<SmtpFormField[]>([]);
  const [saving, setSaving] = useState(false);
  const [testTo, setTestTo] = useState(view.settings?.copyToShop ?? view.settings?.senderAddress ?? shop.email ?? '');
  const [testing, setTesting] = useState(false);
  const [testResult, setTestResult] = useState<{ to: string; result: MailSendResult }>();
  const failureText = useMailFailureText();

  const set = <K extends keyof SmtpFormValues>(key: K, value: SmtpFormValues[K]) => setValues((current) => ({ ...current, [key]: value }));
  const errorOf = (field: SmtpFormField) => (errors.includes(field) ? t('mail.settings.invalid') : undefined);

  const save = async () => {
    const checked = settingsFromForm(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      notifications.show({ color: 'red', message: t('mail.settings.fixErrors') });
      return;
    }
    setErrors([]);
    setSaving(true);
    try {
      const saved = await os.mail.saveSettings({ ...checked.settings, ...passwordArgument(passwordChoice, password) });
      onSaved(saved);
      setPassword('');
      setPasswordChoice(saved.hasPassword ? 'keep' : 'replace');
      notifications.show({ color: 'green', message: t('mail.settings.saved') });
    } catch (error) {
      notifications.show({ color: 'red', message: t('mail.settings.saveError', { message: errorMessage(error) }) });
    } finally {
      setSaving(false);
    }
  };

  const sendTest = async () => {
    setTesting(true);
    setTestResult(undefined);
    const to = testTo.trim();
    try {
      const language: Language = i18n.language.startsWith('en') ? 'en' : 'fr';
      setTestResult({ to, result: await os.mail.sendTest({ to, language }) });
    } catch (error) {
      setTestResult({ to, result: { status: 'failed', permanent: true, code: 'unknown', message: errorMessage(error), responseCode: null, at: new Date().toISOString() } });
    } finally {
      setTesting(false);
    }
  };

  const securityOptions: { value: SmtpSecurity; label: string }[] = [
    { value: 'starttls', label: t('mail.settings.securityStarttls') },
    { value: 'tls', label: t('mail.settings.securityTls') },
    { value: 'none', label: t('mail.settings.securityNone') },
  ];

  return (
    <Stack>
      <Select
        label={t('mail.settings.provider')}
        description={t('mail.settings.providerHint')}
        placeholder={t('mail.settings.otherProvider')}
        data={SMTP_PRESETS.map((preset) => ({ value: preset.id, label: preset.label }))}
        value={presetOf(values)}
        onChange={(id) => id && setValues((current) => applyPreset(current, id))}
        clearable
        searchable
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label={t('mail.settings.host')} value={values.host} onChange={(e) => set('host', e.currentTarget.value)} error={errorOf('host')} required />
        <NumberInput label={t('mail.settings.port')} value={values.port} onChange={(v) => set('port', typeof v === 'number' ? v : '')} min={1} max={65535} allowDecimal={false} error={errorOf('port')} required />
        <Select
          label={t('mail.settings.security')}
          data={securityOptions}
          value={values.security}
          onChange={(v) => v && set('security', v as SmtpSecurity)}
          allowDeselect={false}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('mail.settings.user')} description={t('mail.settings.userHint')} value={values.user} onChange={(e) => set('user', e.currentTarget.value)} error={errorOf('user')} autoComplete="off" />
        <Stack gap={4}>
          {view.hasPassword && (
            <>
              <Text size="sm" fw={500}>
                {t('mail.settings.password')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('mail.settings.passwordStored')}
              </Text>
              <SegmentedControl
                aria-label={t('mail.settings.password')}
                value={passwordChoice}
                onChange={(v) => setPasswordChoice(v as PasswordChoice)}
                data={[
                  { value: 'keep', label: t('mail.settings.passwordKeep') },
                  { value: 'replace', label: t('mail.settings.passwordReplace') },
                  { value: 'forget', label: t('mail.settings.passwordForget') },
                ]}
              />
            </>
          )}
          {passwordChoice === 'replace' && (
            <PasswordInput
              label={view.hasPassword ? t('mail.settings.newPassword') : t('mail.settings.password')}
              description={t('mail.settings.passwordHint')}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              autoComplete="new-password"
            />
          )}
        </Stack>
      </SimpleGrid>
      <Alert role="note" color={view.passwordStorage === 'os' ? 'blue' : 'yellow'}>{view.passwordStorage === 'os' ? t('mail.settings.storageOs') : t('mail.settings.storageFile')}</Alert>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('mail.settings.senderName')} value={values.senderName} onChange={(e) => set('senderName', e.currentTarget.value)} error={errorOf('senderName')} />
        <TextInput label={t('mail.settings.senderAddress')} type="email" value={values.senderAddress} onChange={(e) => set('senderAddress', e.currentTarget.value)} error={errorOf('senderAddress')} required />
        <TextInput label={t('mail.settings.replyTo')} description={t('mail.settings.replyToHint')} type="email" value={values.replyTo} onChange={(e) => set('replyTo', e.currentTarget.value)} error={errorOf('replyTo')} />
        <Stack gap="xs">
          <Checkbox label={t('mail.settings.copyToShop')} checked={values.copyToShopEnabled} onChange={(e) => set('copyToShopEnabled', e.currentTarget.checked)} />
          {values.copyToShopEnabled && (
            <TextInput label={t('mail.settings.copyAddress')} type="email" value={values.copyToShop} onChange={(e) => set('copyToShop', e.currentTarget.value)} error={errorOf('copyToShop')} />
          )}
        </Stack>
      </SimpleGrid>
      <Textarea label={t('mail.settings.signature')} description={t('mail.settings.signatureHint')} value={values.signature} onChange={(e) => set('signature', e.currentTarget.value)} error={errorOf('signature')} autosize minRows={2} />
      <Group>
        <Button onClick={() => void save()} loading={saving}>
          {t('mail.settings.save')}
        </Button>
      </Group>

      <Title order={3} size="h5" mt="md">
        {t('mail.settings.testTitle')}
      </Title>
      <Group align="flex-end">
        <TextInput label={t('mail.settings.testTo')} type="email" value={testTo} onChange={(e) => setTestTo(e.currentTarget.value)} style={{ flex: 1 }} />
        <Button variant="default" onClick={() => void sendTest()} loading={testing} disabled={!view.settings || testTo.trim() === ''}>
          {t('mail.settings.test')}
        </Button>
      </Group>
      {!view.settings && (
        <Text size="sm" c="dimmed">
          {t('mail.settings.testSaveFirst')}
        </Text>
      )}
      {testResult && <TestOutcome to={testResult.to} result={testResult.result} describe={failureText} />}
    </Stack>
  );
}

function TestOutcome({ to, result, describe }: { to: string; result: MailSendResult; describe: ReturnType<typeof useMailFailureText> }) {
  const { t } = useTranslation();
  if (result.status === 'sent') {
    return (
      <Alert color="green" role="status">
        {t('mail.settings.testSent', { to })}
      </Alert>
    );
  }
  const cause = describe(result.code);
  const server = result.message;
  return (
    <Alert color="red" role="alert" title={t('mail.settings.testFailed')}>
      <Text size="sm">{cause}</Text>
      {server && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('mail.settings.serverSaid', { message: server })}
        </Text>
      )}
    </Alert>
  );
}
