import type { ReactNode } from 'react';
import { DatesProvider } from '@mantine/dates';
import { useTranslation } from 'react-i18next';

/** Date pickers in the user's language, weeks starting on Monday (French and British usage). */
export function LocalizedDates({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en-gb' : 'fr', firstDayOfWeek: 1 }}>{children}</DatesProvider>;
}
