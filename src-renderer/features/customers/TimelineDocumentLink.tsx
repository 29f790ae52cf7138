import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Interaction } from '../../domain/model';

/**
 * "Ouvrir le PDF" on a timeline entry that has an archived document (a letter: `documentPath`, or
 * `details.archiveId`). HOOK POINT for the letters feature: opening an archived PDF needs the
 * letters service of the main process, so this link calls `onOpen` when the letters feature hands
 * one in (CustomerTimeline passes its `openDocument` prop through), and stays disabled until then.
 */
export function TimelineDocumentLink({ entry, onOpen }: { entry: Interaction; onOpen?: ((entry: Interaction) => void) | undefined }) {
  const { t } = useTranslation();
  if (!entry.documentPath && entry.details?.archiveId == null) return null;
  return (
    <Button size="compact-xs" variant="light" disabled={!onOpen} onClick={() => onOpen?.(entry)} title={entry.documentPath}>
      {t('callsPanel.timeline.openDocument')}
    </Button>
  );
}
