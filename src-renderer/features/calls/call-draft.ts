import type { CallOutcome } from '../../domain/model';
import type { DelayReason } from '../../domain/calls';

/**
 * The call being typed, kept in localStorage at every keystroke (one per customer), so that a
 * crash or a reload in the middle of a call loses nothing: the panel opens again where it was.
 * Removed when the call is saved or discarded.
 */
export interface CallDraft {
  /** When the call started (epoch ms): the timer goes on across a reload. */
  startedAt: number;
  invoiceIds: string[];
  outcome: CallOutcome | null;
  reason: DelayReason | '';
  notes: string;
  promiseDate: string;
  promiseAmount: string;
  disputeReason: string;
  saysPaidDate: string;
  callBackDate: string;
  callBackTime: string;
  wrongPhone: string;
  /** Null until the user types a date of their own: the proposal follows the outcome until then. */
  nextFollowUp: string | null;
}

const PREFIX = 'relance.callDraft.';

export function loadCallDraft(customerId: string): CallDraft | null {
  try {
    const raw = window.localStorage.getItem(PREFIX + customerId);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<CallDraft>;
    return typeof value.startedAt === 'number' && Array.isArray(value.invoiceIds) ? (value as CallDraft) : null;
  } catch {
    return null; // storage unavailable or damaged: start afresh rather than fail the call
  }
}

export function saveCallDraft(customerId: string, draft: CallDraft): void {
  try {
    window.localStorage.setItem(PREFIX + customerId, JSON.stringify(draft));
  } catch {
    // Full or disabled storage: the call can still be logged, only the crash safety is lost.
  }
}

export function clearCallDraft(customerId: string): void {
  try {
    window.localStorage.removeItem(PREFIX + customerId);
  } catch {
    // nothing to clear
  }
}
