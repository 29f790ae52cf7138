import { createContext, createElement, useContext, useEffect, useState, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDatabase, getSettings } from '../db';
import { todayIn } from '../domain/dates';
import { summarizeLedger, type LedgerSummary } from '../domain/ledger-summary';
import { DEFAULT_SETTINGS, type CalendarDate, type SettingsValues } from '../domain/model';
import { nowIso } from '../os/clock';

/** The shop's settings, live: every screen follows a change at once. */
export function useSettings(): SettingsValues | undefined {
  return useLiveQuery(() => getSettings(getDatabase()), []);
}

/** Today's date in the shop's time zone; rolls over at midnight without a reload. */
export function useToday(): CalendarDate {
  const timeZone = useSettings()?.timeZone ?? DEFAULT_SETTINGS.timeZone;
  const [today, setToday] = useState(() => todayIn(timeZone, nowIso()));
  useEffect(() => {
    const update = () => setToday(todayIn(timeZone, nowIso()));
    update();
    const timer = window.setInterval(update, 60_000);
    return () => window.clearInterval(timer);
  }, [timeZone]);
  return today;
}

const LedgerContext = createContext<LedgerSummary | undefined>(undefined);

/**
 * Reads the ledger once for the whole app (Today, lists, the wake-up) instead of once per screen,
 * and recomputes the derived statuses when the records change or the day rolls over.
 */
export function LedgerProvider({ children }: { children: ReactNode }) {
  return createElement(LedgerContext.Provider, { value: useLiveLedger() }, children);
}

/** Customers, invoices and their derived statuses at today's date, kept live from the database. */
export function useLedger(): LedgerSummary | undefined {
  return useContext(LedgerContext);
}

function useLiveLedger(): LedgerSummary | undefined {
  const today = useToday();
  const records = useLiveQuery(async () => {
    const db = getDatabase();
    const [customers, invoices, interactions] = await Promise.all([
      db.customers.toArray(),
      db.invoices.toArray(),
      db.interactions.toArray(),
    ]);
    return { customers, invoices, interactions };
  }, []);
  const [summary, setSummary] = useState<LedgerSummary>();
  useEffect(() => {
    if (records) setSummary(summarizeLedger(records.customers, records.invoices, records.interactions, today));
  }, [records, today]);
  return summary;
}
