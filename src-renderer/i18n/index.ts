import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { fr } from './fr';
import { en } from './en';
import type { Language } from '../domain/model';

export const SUPPORTED_LANGUAGES: Language[] = ['fr', 'en'];

/** The BCP 47 locale used by Intl for amounts and dates in each language. */
export const LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof fr };
  }
}

/** French by default; the saved setting switches it once the database is read. */
export async function initI18n(language: Language = 'fr') {
  await i18next.use(initReactI18next).init({
    resources: { fr: { translation: fr }, en: { translation: en } },
    lng: language,
    fallbackLng: 'fr',
    supportedLngs: SUPPORTED_LANGUAGES,
    // React escapes everything it renders; i18next must not escape a second time.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  return i18next;
}

export { i18next };
