import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { frTemplates } from '../../i18n/fr-templates';

type NamedTemplate = keyof typeof frTemplates.names;

/** The shopkeeper's name of a template ("Premier rappel, ton amical (J+1)"); its id when it has none. */
export function useTemplateName(): (id: string) => string {
  const { t } = useTranslation();
  return useCallback((id: string) => t(`templates.names.${id as NamedTemplate}`, { defaultValue: id }), [t]);
}
