import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  Button,
  FileButton,
  Group,
  Image,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { clearAllData, getDatabase, saveSettings } from '../../db';
import { useSettings } from '../../ui/hooks';
import { useFormat } from '../../ui/format';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { useLoadDemo } from '../demo/useLoadDemo';
import { MAX_LOGO_BYTES, normalizeIban, validateShopIdentity, type ShopField } from '../../domain/shop-identity';
import type { Language, ShopIdentity } from '../../domain/model';
import { useAppInfo } from './useAppInfo';
import { changeLanguage } from './language';
import { DataSection } from '../data/DataSection';
import { DesktopSection } from './DesktopSection';
import { PoliciesSection } from './PoliciesSection';
import { CalendarSection } from './CalendarSection';
import { RatesSection } from './RatesSection';
import { MailSettingsSection } from '../mail/MailSettingsSection';
import { PlanRuleSection } from '../calls/PlanRuleSection';
import { TemplatesSection } from '../templates/TemplatesSection';

const COUNTRIES = ['FR', 'BE', 'CH', 'LU', 'MC'];

function Section({ title, hint, children }: { title: string; hint?: string; children: React.ReactNode }) {
  const id = `section-${title.replace(/\W+/g, '-')}`;
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id}>
        {title}
      </Title>
      {hint && (
        <Text size="sm" c="dimmed" mb="md">
          {hint}
        </Text>
      )}
      {children}
    </Paper>
  );
}

function ShopForm({ initial }: { initial: ShopIdentity }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const regionNames = useMemo(() => new Intl.DisplayNames([locale], { type: 'region' }), [locale]);
  const [shop, setShop] = useState<ShopIdentity>(initial);
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const errors = useMemo(() => validateShopIdentity(shop), [shop]);
  const errorOf = (field: ShopField) => (submitted && errors[field] ? t(`settings.errors.${errors[field]}`) : undefined);
  const set = (change: Partial<ShopIdentity>) => setShop((s) => ({ ...s, ...change }));
  const setAddress = (change: Partial<ShopIdentity['address']>) => setShop((s) => ({ ...s, address: { ...s.address, ...change } }));

  const onLogo = (file: File | null) => {
    if (!file) return;
    if (!['image/png', 'image/jpeg'].includes(file.type)) {
      notifications.show({ color: 'red', message: t('settings.errors.logoType') });
      return;
    }
    if (file.size > MAX_LOGO_BYTES) {
      notifications.show({ color: 'red', message: t('settings.errors.logoSize') });
      return;
    }
    const reader = new FileReader();
    reader.onload = () => set({ logoDataUrl: String(reader.result) });
    reader.readAsDataURL(file);
  };

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(errors).length > 0) return;
    setSaving(true);
    try {
      const cleaned: ShopIdentity = {
        ...shop,
        name: shop.name.trim(),
        address: { ...shop.address, lines: shop.address.lines.map((l) => l.trim()).filter(Boolean) },
        ...(shop.iban?.trim() ? { iban: normalizeIban(shop.iban) } : { iban: undefined }),
        ...(shop.bic?.trim() ? { bic: shop.bic.replace(/\s/g, '').toUpperCase() } : { bic: undefined }),
        ...(shop.vatNumber?.trim() ? { vatNumber: shop.vatNumber.replace(/\s/g, '').toUpperCase() } : { vatNumber: undefined }),
        ...(shop.siret?.trim() ? { siret: shop.siret.replace(/\s/g, '') } : { siret: undefined }),
      };
      await saveSettings(getDatabase(), { shop: cleaned });
      notifications.show({ color: 'green', message: t('common.saved') });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack>
        <TextInput label={t('settings.shopName')} required value={shop.name} onChange={(e) => set({ name: e.currentTarget.value })} error={errorOf('name')} />
        <Textarea
          label={t('settings.addressLines')}
          description={t('settings.addressLinesHint')}
          autosize
          minRows={2}
          value={shop.address.lines.join('\n')}
          onChange={(e) => setAddress({ lines: e.currentTarget.value.split('\n') })}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('settings.postcode')} value={shop.address.postcode} onChange={(e) => setAddress({ postcode: e.currentTarget.value })} error={errorOf('postcode')} />
          <TextInput label={t('settings.city')} value={shop.address.city} onChange={(e) => setAddress({ city: e.currentTarget.value })} />
          <Select
            label={t('settings.country')}
            data={COUNTRIES.map((code) => ({ value: code, label: regionNames.of(code) ?? code }))}
            value={shop.address.country}
            onChange={(value) => setAddress({ country: value ?? 'FR' })}
            allowDeselect={false}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('settings.siret')} value={shop.siret ?? ''} onChange={(e) => set({ siret: e.currentTarget.value })} error={errorOf('siret')} />
          <TextInput label={t('settings.vatNumber')} value={shop.vatNumber ?? ''} onChange={(e) => set({ vatNumber: e.currentTarget.value })} error={errorOf('vatNumber')} />
          <TextInput label={t('settings.email')} type="email" value={shop.email ?? ''} onChange={(e) => set({ email: e.currentTarget.value })} error={errorOf('email')} />
          <TextInput label={t('settings.phone')} type="tel" value={shop.phone ?? ''} onChange={(e) => set({ phone: e.currentTarget.value })} />
          <TextInput label={t('settings.iban')} value={shop.iban ?? ''} onChange={(e) => set({ iban: e.currentTarget.value })} error={errorOf('iban')} />
          <TextInput label={t('settings.bic')} value={shop.bic ?? ''} onChange={(e) => set({ bic: e.currentTarget.value })} error={errorOf('bic')} />
        </SimpleGrid>
        <Group align="center">
          {shop.logoDataUrl && <Image src={shop.logoDataUrl} alt={t('settings.logo')} h={48} w="auto" fit="contain" />}
          <FileButton onChange={onLogo} accept="image/png,image/jpeg">
            {(props) => (
              <Button variant="default" {...props}>
                {t('settings.logo')}
              </Button>
            )}
          </FileButton>
          {shop.logoDataUrl && (
            <Button variant="subtle" color="red" onClick={() => set({ logoDataUrl: undefined })}>
              {t('settings.removeLogo')}
            </Button>
          )}
          <Text size="xs" c="dimmed">
            {t('settings.logoHint')}
          </Text>
        </Group>
        {errorOf('logo') && <Text c="red" size="sm">{errorOf('logo')}</Text>}
        <Textarea
          label={t('settings.signature')}
          description={t('settings.signatureHint')}
          autosize
          minRows={2}
          value={shop.signature ?? ''}
          onChange={(e) => set({ signature: e.currentTarget.value })}
        />
        <Group>
          <Button type="submit" loading={saving}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Europe/Paris'];
  }
}

export function SettingsScreen() {
  const { t } = useTranslation();
  const settings = useSettings();
  const info = useAppInfo();
  const { loadDemo, loading } = useLoadDemo();
  const [zones] = useState(timeZones);
  const [formKey, setFormKey] = useState(0);

  // The form starts from the saved identity; when it changes elsewhere (restore, clear), start again.
  useEffect(() => setFormKey((k) => k + 1), [settings?.shop]);

  if (!settings) return <Text>{t('app.loading')}</Text>;

  const confirmClear = () =>
    modals.openConfirmModal({
      title: t('settings.clearAll'),
      children: <Text size="sm">{t('settings.clearConfirm')}</Text>,
      labels: { confirm: t('settings.clearAll'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        void clearAllData(getDatabase()).then(() => notifications.show({ color: 'green', message: t('settings.cleared') })),
    });

  return (
    <>
      <ScreenHeader title={t('settings.title')} intro={t('settings.intro')} />
      <Stack gap="lg" maw={900}>
        <Section title={t('settings.shop')} hint={t('settings.shopHint')}>
          <ShopForm key={formKey} initial={settings.shop} />
        </Section>
        <Section title={t('settings.preferences')}>
          <Stack>
            <Stack gap={4}>
              <Text size="sm" fw={500} id="language-label">
                {t('settings.language')}
              </Text>
              <SegmentedControl
                aria-labelledby="language-label"
                value={settings.language}
                onChange={(value) => void changeLanguage(value as Language)}
                data={[
                  { value: 'fr', label: t('languages.fr') },
                  { value: 'en', label: t('languages.en') },
                ]}
                w={260}
              />
            </Stack>
            <Select
              label={t('settings.timeZone')}
              description={t('settings.timeZoneHint')}
              data={zones}
              value={settings.timeZone}
              searchable
              allowDeselect={false}
              onChange={(value) => value && void saveSettings(getDatabase(), { timeZone: value })}
              w={320}
            />
          </Stack>
        </Section>
        <Section title={t('policies.title')}>
          <PoliciesSection />
        </Section>
        <Section title={t('engine.calendar.title')} hint={t('engine.calendar.hint')}><CalendarSection /></Section>
        <Section title={t('engine.rates.title')} hint={t('engine.rates.hint')}><RatesSection /></Section>
        <Section title={t('mail.settings.title')} hint={t('mail.settings.hint')}><MailSettingsSection /></Section>
        <Section title={t('templates.section')} hint={t('templates.hint', { example: '{{customerName}}' })}><TemplatesSection /></Section>
        <Section title={t('callsPanel.plan.section')}>
          <PlanRuleSection />
        </Section>
        <Section title={t('desktop.title')}>
          <DesktopSection />
        </Section>
        <Section title={t('settings.data')} hint={t('settings.dataHint')}>
          <Stack>
            <Text size="sm">{t('settings.demoHint')}</Text>
            <Group>
              <Button onClick={() => void loadDemo()} loading={loading}>
                {t('common.loadDemo')}
              </Button>
              <Button variant="outline" color="red" onClick={confirmClear}>
                {t('settings.clearAll')}
              </Button>
            </Group>
            <DataSection />
          </Stack>
        </Section>
        <Section title={t('settings.about')}>
          {info ? (
            <Stack gap={2}>
              <Text size="sm">
                {t('app.name')} · {t('settings.version', { version: info.version })}
              </Text>
              <Text size="sm" c="dimmed">
                {t('settings.dataFolder', { path: info.dataDir })}
              </Text>
            </Stack>
          ) : (
            <Alert color="gray">{t('app.loading')}</Alert>
          )}
        </Section>
      </Stack>
    </>
  );
}
