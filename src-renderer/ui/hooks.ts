import { createContext, createElement, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDatabase, getSettings } from '../db';
import { todayIn } from '../domain/dates';
import { summarizeLedger, type LedgerSummary } from '../domain/ledger-summary';
import {
  DEFAULT_SETTINGS,
  type CalendarDate,
  type Customer,
  type FollowUpPolicy,
  type Interaction,
  type Invoice,
  type Payment,
  type PaymentPlan,
  type PromiseToPay,
  type SettingsValues,
} from '../domain/model';
import { nowIso } from '../os/clock';
import { appRecordsStore } from './app-records';

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

/** Every record the app-wide views derive from (Today's summary, the planner, the wake-up). */
export interface LiveRecords {
  customers: Customer[];
  invoices: Invoice[];
  interactions: Interaction[];
  /** For the promises and plans they keep (the planner), the call panel and the timeline. */
  payments: Payment[];
  promises: PromiseToPay[];
  paymentPlans: PaymentPlan[];
  policies: FollowUpPolicy[];
  settings: SettingsValues;
}

const RecordsContext = createContext<LiveRecords | undefined>(undefined);
const LedgerContext = createContext<LedgerSummary | undefined>(undefined);

/**
 * Reads the records once for the whole app (Today, lists, the planner, the wake-up) instead of once
 * per reader — at 100,000 invoices each read costs seconds — and recomputes the derived statuses when
 * the records change or the day rolls over.
 */
export function LedgerProvider({ children }: { children: ReactNode }) {
  const records = useLiveRecords();
  const ledger = useLedgerSummary(records);
  return createElement(RecordsContext.Provider, { value: records }, createElement(LedgerContext.Provider, { value: ledger }, children));
}

/** Customers, invoices and their derived statuses at today's date, kept live from the database. */
export function useLedger(): LedgerSummary | undefined {
  return useContext(LedgerContext);
}

/** The raw records behind `useLedger`, for other app-wide derivations (the planner). */
export function useRecords(): LiveRecords | undefined {
  return useContext(RecordsContext);
}

function useLiveRecords(): LiveRecords | undefined {
  const store = appRecordsStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

function useLedgerSummary(records: LiveRecords | undefined): LedgerSummary | undefined {
  const today = useToday();
  const [summary, setSummary] = useState<LedgerSummary>();
  useEffect(() => {
    if (records) setSummary(summarizeLedger(records.customers, records.invoices, records.interactions, today));
  }, [records, today]);
  return summary;
}
