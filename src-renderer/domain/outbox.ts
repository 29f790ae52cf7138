/**
 * The outbox's rules, pure: what becomes of a reminder email after each answer of the mail service,
 * when it is tried again, and what a row left "sending" by a restart becomes. The repository
 * (db/outbox-repo.ts) stores the result; the driver (features/mail/outbox-driver.ts) runs it.
 *
 * Lifecycle of a reminder email (an `interactions` row of kind `reminder`, channel `email`):
 *
 *   queued ──claim──▶ sending ──sent──────────────────────▶ sent (server message id kept)
 *                        │ ──temporary failure, tries left─▶ retrying (next attempt at) ──due──▶ sending
 *                        │ ──permanent failure / tries out──▶ failed ("needs attention", server words)
 *                        └──interrupted (outcome unknown)───▶ failed (check the sent folder)
 *
 * Main never sends one idempotency key twice, so a retry keeps the key (main answers a key already
 * sent with its result), and a failed message sent again by the user takes a new key.
 */
import { nextAllowedInstant, type BusinessCalendar } from './calendar';
import { daysBetween } from './dates';
import type { IsoInstant, ReminderStatus } from './model';

/** Waits after the 1st, 2nd, 3rd and 4th failed attempt; the 5th failure needs the user. */
export const RETRY_DELAYS_MS: readonly number[] = [60_000, 5 * 60_000, 30 * 60_000, 2 * 60 * 60_000];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** What main answered for one attempt (the shape of `mail.send`'s result, kept structural here). */
export type SendAnswer =
  | { status: 'sent'; messageId: string; response: string; rejected: readonly string[]; at: IsoInstant }
  | { status: 'failed'; permanent: boolean; code: string; message: string; responseCode: number | null; at: IsoInstant }
  | { status: 'needs-attention'; code: string; message: string; at: IsoInstant };

/** The row's new status and the details that go with it (merged into `interaction.details`). */
export type OutboxTransition =
  | { status: 'sent'; details: { serverMessageId: string; serverResponse: string; sentAt: IsoInstant; rejected: string | null } }
  | { status: 'retrying'; details: { nextAttemptAt: IsoInstant; lastError: string; lastErrorCode: string } }
  | { status: 'failed'; details: { lastError: string; lastErrorCode: string; failedAt: IsoInstant } };

/**
 * The row's next state after attempt number `attempts` (1-based, the one just answered). Temporary
 * failures wait 1 min, 5 min, 30 min, 2 h; the 5th failure, a permanent one (5xx, a refused address,
 * wrong password, TLS) and an interrupted send go to `failed`.
 */
export function transitionAfter(answer: SendAnswer, attempts: number, now: IsoInstant): OutboxTransition {
  if (answer.status === 'sent') {
    return {
      status: 'sent',
      details: { serverMessageId: answer.messageId, serverResponse: answer.response, sentAt: answer.at, rejected: answer.rejected.length > 0 ? answer.rejected.join(', ') : null },
    };
  }
  const delay = RETRY_DELAYS_MS[attempts - 1];
  if (answer.status === 'failed' && !answer.permanent && delay !== undefined) {
    return { status: 'retrying', details: { nextAttemptAt: new Date(Date.parse(now) + delay).toISOString(), lastError: answer.message, lastErrorCode: answer.code } };
  }
  return { status: 'failed', details: { lastError: answer.message, lastErrorCode: answer.code, failedAt: answer.at } };
}

/** Whether the driver should hand the row to main now. */
export function isDue(row: { status?: ReminderStatus; details?: Record<string, unknown> }, now: IsoInstant): boolean {
  if (row.status === 'queued') return true;
  if (row.status !== 'retrying') return false;
  const next = row.details?.nextAttemptAt;
  return typeof next !== 'string' || Date.parse(next) <= Date.parse(now);
}

/** The earliest instant a `retrying` row becomes due, for the driver's timer; null when none waits. */
export function nextDueInstant(rows: readonly { status?: ReminderStatus; details?: Record<string, unknown> }[]): IsoInstant | null {
  let earliest: IsoInstant | null = null;
  for (const row of rows) {
    const next = row.details?.nextAttemptAt;
    if (row.status !== 'retrying' || typeof next !== 'string') continue;
    if (earliest === null || Date.parse(next) < Date.parse(earliest)) earliest = next;
  }
  return earliest;
}

/** What main's journal says of a key (`mail.status`). */
export interface KeyState {
  state: 'none' | 'sending' | 'sent' | 'failed' | 'needs-attention';
  result: SendAnswer | null;
  attempts: number;
}

/**
 * A row found `sending` at start-up (the app or the web host stopped during a send): what it becomes
 * before anything is retried. `none`: main never handed it to SMTP, so it goes back to the queue with
 * its key; `sending`: main is still at it (the window was reloaded), leave it and ask again later;
 * a result: the row takes it as if the answer had arrived.
 */
export function reconcileSending(state: KeyState, attempts: number, now: IsoInstant): { requeue: true } | { wait: true } | { transition: OutboxTransition } {
  if (state.state === 'none') return { requeue: true };
  if (state.state === 'sending' || state.result === null) return { wait: true };
  return { transition: transitionAfter(state.result, Math.max(attempts, state.attempts), now) };
}

/**
 * Whether a failed message sent again by the user needs a new key: main answers a key it handed to
 * SMTP with the same failure for ever, so a new attempt takes a new key — except when the failure came
 * before anything was handed over (no settings yet, password unreadable), where the key is unused.
 */
export function needsNewKey(lastErrorCode: unknown): boolean {
  return lastErrorCode !== 'not-configured' && lastErrorCode !== 'no-password';
}

/**
 * The automatic email steps to queue now: only at an allowed instant of the business calendar (never
 * at 21:00, 5:30 or on a Sunday), and only those without any message yet — one that failed waits for
 * the user in Today instead of being sent again and again.
 */
export function automaticEmailsToQueue<A extends { kind: string; key: string; channel?: string; automatic?: boolean }>(
  actions: readonly A[],
  actionKeysWithMessage: ReadonlySet<string>,
  now: IsoInstant,
  calendar: BusinessCalendar,
): A[] {
  if (Date.parse(nextAllowedInstant(now, calendar)) !== Date.parse(now)) return [];
  return actions.filter((action) => action.kind === 'step' && action.channel === 'email' && action.automatic === true && !actionKeysWithMessage.has(action.key));
}

/** `YYYY-MM-DDTHH:MM:SS(.sss)Z` in shape: an instant whose first ten characters are its UTC date. */
function isUtcInstant(value: string): boolean {
  return value.length >= 20 && value[4] === '-' && value[7] === '-' && value[10] === 'T' && value.endsWith('Z');
}

/**
 * Whether Today's outbox panel shows a message: anything on its way; sent ones of `today`; failed
 * ones while their step is still planned (`plannedKeys`) or when they failed `today`. Once the step
 * was done another way or skipped, a failure is history (the customer's timeline keeps it).
 * `dayOf` turns an instant into the shop's calendar date.
 */
export function shownInToday(
  row: { status?: ReminderStatus; at: IsoInstant; details?: Record<string, unknown> },
  plannedKeys: ReadonlySet<string>,
  today: string,
  dayOf: (iso: IsoInstant) => string,
): boolean {
  const details = row.details ?? {};
  const on = (value: unknown) => {
    const instant = typeof value === 'string' ? value : row.at;
    // An instant's date in the shop is its UTC date or the day before or after (offsets stay within
    // ±14 h): a history of 40,000 sent emails is mostly ruled out without a time-zone conversion.
    if (isUtcInstant(instant) && Math.abs(daysBetween(instant.slice(0, 10), today)) > 1) return false;
    return dayOf(instant) === today;
  };
  if (row.status === 'sent') return on(details.sentAt);
  if (row.status === 'failed') return plannedKeys.has(String(details.actionKey)) || on(details.failedAt);
  return true;
}
