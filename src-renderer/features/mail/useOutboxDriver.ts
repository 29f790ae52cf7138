import { useEffect, useMemo } from 'react';
import { useRecords } from '../../ui/hooks';
import { isEmailMessage } from '../../db/outbox-repo';
import { outboxDriver, useMailSettingsStore } from './mail-runtime';
import { useAutomaticEmails } from './useAutomaticEmails';

/**
 * Runs the outbox for the whole app (mounted once, in App): reconciles and sends at start, then
 * whenever a message is queued or asked to go again, and queues the automatic steps at allowed
 * instants of the business calendar.
 */
export function useOutboxDriver(): void {
  const records = useRecords();
  const loadSettings = useMailSettingsStore((s) => s.load);
  useEffect(() => {
    void loadSettings().catch(() => undefined);
    const driver = outboxDriver();
    void driver.start();
    return () => driver.stop();
  }, [loadSettings]);
  // A change of any message's status or key (queued, "retry now") wakes the driver; its own writes
  // wake it too, which costs one pass over a handful of rows.
  const signature = useMemo(
    () =>
      (records?.interactions ?? [])
        .filter(isEmailMessage)
        .map((row) => `${row.id}:${row.status}:${row.idempotencyKey}:${String(row.details?.nextAttemptAt ?? '')}`)
        .join('|'),
    [records],
  );
  useEffect(() => {
    if (signature) void outboxDriver().kick();
  }, [signature]);
  useAutomaticEmails();
}
