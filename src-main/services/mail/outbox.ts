import type { MailDraft, MailSendResult } from '../../contract/mail';
import { isFinal, type MailJournal } from './journal';

/**
 * Sends drafts at most once per idempotency key, through the journal (see journal.ts for what each
 * state of a key means). Two sends of the same key at once in this process share one SMTP send: the
 * second waits for the first and answers its result.
 */
/**
 * Gets a draft ready to go: either a failure found before anything is sent (no settings, unreadable
 * password: not journaled, the same key may be sent once it is fixed), or the function that sends it.
 */
export type Prepare = (draft: MailDraft) => Promise<{ failure: MailSendResult } | { transmit: () => Promise<MailSendResult> }>;

export type KeyState = 'none' | 'sending' | 'sent' | 'failed' | 'needs-attention';

export class Outbox {
  private readonly running = new Map<string, Promise<MailSendResult>>();

  constructor(
    private readonly journal: MailJournal,
    private readonly prepare: Prepare,
    private readonly now: () => Date = () => new Date(),
  ) {}

  send(draft: MailDraft): Promise<MailSendResult> {
    const key = draft.idempotencyKey;
    const running = this.running.get(key);
    if (running) return running;
    const run = this.sendOnce(draft).finally(() => this.running.delete(key));
    this.running.set(key, run);
    return run;
  }

  /** What the journal knows of a key, for the renderer's outbox after a restart. */
  state(key: string): { key: string; state: KeyState; result: MailSendResult | null; attempts: number } {
    const record = this.journal.get(key);
    if (!record) return { key, state: 'none', result: null, attempts: 0 };
    const { last, attempts } = record;
    if (last.event === 'handed') {
      return this.running.has(key)
        ? { key, state: 'sending', result: null, attempts }
        : { key, state: 'needs-attention', result: this.interrupted(last.at), attempts };
    }
    const state: KeyState = last.event === 'sent' ? 'sent' : last.event === 'failed' ? 'failed' : 'needs-attention';
    return { key, state, result: last.result ?? null, attempts };
  }

  private async sendOnce(draft: MailDraft): Promise<MailSendResult> {
    const key = draft.idempotencyKey;
    const record = this.journal.get(key);
    if (record) {
      if (isFinal(record.last) && record.last.result) return record.last.result;
      // Handed and never answered, and not running here: the process stopped during the send.
      if (record.last.event === 'handed') return this.interrupted(record.last.at);
      // A temporary failure: the server did not take the message; this is a retry.
    }
    const ready = await this.prepare(draft);
    if ('failure' in ready) return ready.failure;
    // On disk before SMTP is contacted: a crash from here on leaves a trace, never a silent loss.
    await this.journal.append({ key, event: 'handed', at: this.now().toISOString() });
    let result: MailSendResult;
    try {
      result = await ready.transmit();
    } catch (error) {
      // Not a classified SMTP failure (a bug, a disk error while reading the settings): the message may
      // or may not have been handed over, so it is treated like a crash.
      result = this.interrupted(this.now().toISOString(), error instanceof Error ? error.message : String(error));
    }
    const event = result.status === 'sent' ? 'sent' : result.status === 'failed' ? 'failed' : 'needs-attention';
    await this.journal.append({ key, event, at: result.at, result });
    return result;
  }

  private interrupted(at: string, detail?: string): MailSendResult {
    return {
      status: 'needs-attention',
      code: 'interrupted',
      message:
        `The message was handed to the mail server at ${at} and its outcome is unknown` +
        `${detail ? ` (${detail})` : ' (the app stopped during the send)'}: check the sent folder before sending it again.`,
      at,
    };
  }
}
