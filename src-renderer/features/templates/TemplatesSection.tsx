import { useMemo, useState } from 'react';
import { Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../domain/model';
import { useSettings } from '../../ui/hooks';
import { TemplateEditor } from './TemplateEditor';
import { TEMPLATE_GROUPS, templateCatalog } from './template-catalog';
import { useTemplateName } from './useTemplateName';

/**
 * Réglages › Modèles de messages: choose a template (by channel) and a language, then edit it with a
 * live preview. The editor is keyed by template and language, so switching starts from that text.
 */
export function TemplatesSection() {
  const { t, i18n } = useTranslation();
  const settings = useSettings();
  const templateName = useTemplateName();
  const catalog = useMemo(() => templateCatalog(), []);
  const [id, setId] = useState<string>('first-reminder');
  const [language, setLanguage] = useState<Language>(i18n.language === 'en' ? 'en' : 'fr');

  const data = useMemo(
    () =>
      TEMPLATE_GROUPS.map((group) => ({
        group: t(`templates.groups.${group}`),
        items: catalog.filter((entry) => entry.group === group).map((entry) => ({ value: entry.id, label: templateName(entry.id) })),
      })),
    [catalog, t, templateName],
  );

  if (!settings) return <Text>{t('app.loading')}</Text>;
  return (
    <Stack>
      <Group align="end" wrap="wrap">
        <Select
          label={t('templates.template')}
          data={data}
          value={id}
          onChange={(value) => value && setId(value)}
          allowDeselect={false}
          w={380}
          maxDropdownHeight={400}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="template-language-label">
            {t('templates.language')}
          </Text>
          <SegmentedControl
            aria-labelledby="template-language-label"
            value={language}
            onChange={(value) => setLanguage(value as Language)}
            data={(['fr', 'en'] as const).map((lang) => ({ value: lang, label: t(`languages.${lang}`) }))}
          />
        </Stack>
      </Group>
      <TemplateEditor key={`${id}:${language}`} id={id} language={language} override={settings.templateOverrides?.[id]?.[language]} />
    </Stack>
  );
}
