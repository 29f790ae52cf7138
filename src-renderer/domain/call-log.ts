/**
 * The call log (Appels): which calls a filter keeps, and the CSV export of those calls. Pure.
 */
import { calendarDate, CSV_LABELS, instant, money, type CsvCell, type CsvTable } from './csv-export';
import { todayIn } from './dates';
import type { CalendarDate, CallOutcome, Interaction, Language } from './model';
import { normalizeName } from './text';

export interface CallFilter {
  /** Inclusive calendar dates in the shop's time zone. */
  from?: CalendarDate | null;
  to?: CalendarDate | null;
  customerId?: string | null;
  outcome?: CallOutcome | null;
  /** Words looked for in the notes, accents and case ignored ("echeance" finds "Échéance"). */
  query?: string;
}

/** The calls of the log: not the extra entries a call writes for other steps (`partOf`). */
export function isLoggedCall(entry: Interaction): boolean {
  return entry.kind === 'call' && entry.details?.partOf === undefined;
}

/** Calls kept by the filter, in the order given. Every word of the query must appear in the notes. */
export function filterCalls<T extends Interaction>(calls: readonly T[], filter: CallFilter, timeZone: string): T[] {
  const words = normalizeName(filter.query ?? '')
    .split(' ')
    .filter((word) => word !== '');
  return calls.filter((call) => {
    if (!isLoggedCall(call)) return false;
    if (filter.customerId && call.customerId !== filter.customerId) return false;
    if (filter.outcome && call.callOutcome !== filter.outcome) return false;
    if (filter.from || filter.to) {
      const day = todayIn(timeZone, call.at);
      if (filter.from && day < filter.from) return false;
      if (filter.to && day > filter.to) return false;
    }
    if (words.length > 0) {
      const notes = normalizeName(call.notes ?? '');
      if (!words.every((word) => notes.includes(word))) return false;
    }
    return true;
  });
}

const COLUMNS: Record<Language, string[]> = {
  fr: ['Date', 'Client', 'Issue', 'Durée (secondes)', 'Raison du retard', 'Factures', 'Montant promis', 'Date promise', 'Notes'],
  en: ['Date', 'Customer', 'Outcome', 'Duration (seconds)', 'Reason for the delay', 'Invoices', 'Promised amount', 'Promised date', 'Notes'],
};

const REASONS: Record<Language, Record<string, string>> = {
  fr: { forgot: 'Oubli', 'cash-flow': 'Trésorerie', unhappy: 'Mécontentement', 'not-received': 'Facture non reçue', 'wrong-contact': 'Mauvais interlocuteur', other: 'Autre' },
  en: { forgot: 'Forgot', 'cash-flow': 'Cash flow', unhappy: 'Unhappy', 'not-received': 'Invoice not received', 'wrong-contact': 'Wrong contact', other: 'Other' },
};

/** One row per call, oldest first; instants in `timeZone`. */
export function callsTable(
  calls: readonly Interaction[],
  names: ReadonlyMap<string, string>,
  numbers: ReadonlyMap<string, string>,
  language: Language,
  timeZone: string,
): CsvTable {
  const outcomes = CSV_LABELS[language].callOutcomes;
  const rows = [...calls]
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1))
    .map((call): CsvCell[] => {
      const details = call.details ?? {};
      const reason = typeof details.reason === 'string' ? (REASONS[language][details.reason] ?? details.reason) : null;
      return [
        instant(call.at, timeZone),
        names.get(call.customerId) ?? '',
        call.callOutcome ? (outcomes[call.callOutcome] ?? call.callOutcome) : null,
        call.durationSeconds ?? null,
        reason,
        call.invoiceIds.map((id) => numbers.get(id) ?? id).join(', '),
        typeof details.promisedCents === 'number' ? money(details.promisedCents) : null,
        typeof details.promisedOn === 'string' ? calendarDate(details.promisedOn) : null,
        call.notes ?? null,
      ];
    });
  return { headers: COLUMNS[language], rows };
}

/**
 * The calls back still to make, any date: the latest logged call of each customer, when it asked to
 * be called back (a later call of the customer answers it). In no particular order.
 */
export function pendingCallBacks<T extends Interaction>(calls: readonly T[]): T[] {
  const latest = new Map<string, T>();
  for (const call of calls) {
    if (!isLoggedCall(call)) continue;
    const current = latest.get(call.customerId);
    if (!current || call.at > current.at) latest.set(call.customerId, call);
  }
  return [...latest.values()].filter((call) => call.callOutcome === 'call-back' && typeof call.details?.callBackOn === 'string');
}

/** The calls back asked for up to `today` and not made yet (see `pendingCallBacks`). Oldest first. */
export function dueCallBacks<T extends Interaction>(calls: readonly T[], today: CalendarDate): T[] {
  return pendingCallBacks(calls)
    .filter((call) => String(call.details!.callBackOn) <= today)
    .sort((a, b) => String(a.details!.callBackOn).localeCompare(String(b.details!.callBackOn)) || (a.at < b.at ? -1 : 1));
}
