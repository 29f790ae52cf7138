import { Button, type ButtonProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useImportWizard } from '../../stores/import-wizard';
import { ImportWizard } from './ImportWizard';

/** "Importer un fichier CSV", wherever the first step of a new shop is to bring its invoices in. */
export function ImportButton(props: ButtonProps) {
  const { t } = useTranslation();
  const open = useImportWizard((s) => s.open);
  return (
    <Button variant="default" {...props} onClick={open}>
      {t('import.open')}
    </Button>
  );
}

/** The one wizard of the app, mounted once next to the screens. */
export function ImportWizardHost() {
  const { opened, close } = useImportWizard();
  return opened ? <ImportWizard opened onClose={close} /> : null;
}
