import type { MailDraft, MailSendResult } from '../../../src-main/contract/mail';
import type { RelanceDatabase } from '../../db/database';
import { claimForSending, outboxMessages, reconcile, recordSendAnswer, sendingMessages } from '../../db/outbox-repo';
import { isDue, nextDueInstant, type KeyState } from '../../domain/outbox';
import type { Interaction, IsoInstant } from '../../domain/model';

/** The two mail methods the driver needs (the contract's `os.mail`, or a test's own). */
export interface MailTransport {
  send(draft: MailDraft): Promise<MailSendResult>;
  status(args: { keys: string[] }): Promise<{ keys: (KeyState & { key: string })[] }>;
}

export interface OutboxDriverOptions {
  db: RelanceDatabase;
  transport: MailTransport;
  attachments: (message: Interaction) => Promise<NonNullable<MailDraft['attachments']>>;
  now: () => IsoInstant;
  /** How long to wait before asking main again about a send whose outcome the renderer missed. */
  recheckMs?: number;
}

const MAX_TIMER_MS = 60 * 60_000;

/**
 * Runs the outbox: at start, reconciles the messages left `sending` with main's journal
 * (`mail.status`) before anything is retried; then sends what is due, one message at a time, and
 * sleeps until the next retry. `kick()` after queueing wakes it at once.
 *
 * When a call to main fails without an answer (the web host stopped during the send), the message
 * stays `sending` — main may have handed it to SMTP — and is reconciled again a little later: it is
 * then either sent, failed, or back in the queue with the same key, never sent twice.
 */
export class OutboxDriver {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly recheckMs: number;

  constructor(private readonly options: OutboxDriverOptions) {
    this.recheckMs = options.recheckMs ?? 30_000;
  }

  /** Starts (reconciling first). Resolves once the first run is over. */
  start(): Promise<void> {
    this.stopped = false;
    return this.kick();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Runs now, or once more right after the current run. Resolves when that run is over. */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      await this.runOnce();
    } while (this.again && !this.stopped);
  }

  private async runOnce(): Promise<void> {
    const { db, now } = this.options;
    if (this.timer) clearTimeout(this.timer);
    let recheck = false;
    try {
      recheck = !(await this.reconcileSending());
      // Oldest first: a message waiting since the morning goes before one queued a minute ago.
      const messages = (await outboxMessages(db)).sort((a, b) => a.at.localeCompare(b.at));
      for (const message of messages) {
        if (this.stopped) return;
        if (!isDue(message, now())) continue;
        if (!(await this.sendOne(message.id))) recheck = true;
      }
    } catch {
      // main could not be reached at all: try again later, nothing is lost (rows keep their state).
      recheck = true;
    }
    if (this.stopped) return;
    const next = nextDueInstant(await outboxMessages(db));
    const waits = [next === null ? Infinity : Math.max(0, Date.parse(next) - Date.parse(now())), recheck ? this.recheckMs : Infinity];
    const wait = Math.min(...waits, MAX_TIMER_MS);
    if (Number.isFinite(Math.min(...waits))) this.timer = setTimeout(() => void this.kick(), wait);
  }

  /** Reconciles the `sending` rows; false when some are still being sent by main (ask again later). */
  private async reconcileSending(): Promise<boolean> {
    const { db, transport, now } = this.options;
    const sending = await sendingMessages(db);
    if (sending.length === 0) return true;
    const { keys } = await transport.status({ keys: sending.map((m) => m.idempotencyKey!) });
    const stillSending = await reconcile(db, new Map(keys.map((state) => [state.key, state])), now());
    return stillSending.length === 0;
  }

  /** Sends one message; false when main's answer was lost (the row stays `sending`). */
  private async sendOne(id: string): Promise<boolean> {
    const { db, transport, now } = this.options;
    const message = await claimForSending(db, id, now());
    if (!message) return true;
    const key = message.idempotencyKey!;
    let answer: MailSendResult;
    try {
      answer = await transport.send(await this.draftOf(message));
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code !== 'invalid-arguments') return false;
      // main refused the draft itself (a malformed address): it never reached SMTP and never will.
      const issues = (error as { issues?: { path: string }[] }).issues ?? [];
      answer = {
        status: 'failed',
        permanent: true,
        code: issues.some((issue) => issue.path.startsWith('to')) ? 'bad-address' : 'unknown',
        message: error instanceof Error ? error.message : String(error),
        responseCode: null,
        at: now(),
      };
    }
    await recordSendAnswer(db, id, key, answer, now());
    return true;
  }

  private async draftOf(message: Interaction): Promise<MailDraft> {
    const details = message.details ?? {};
    const name = typeof details.toName === 'string' && details.toName !== '' ? details.toName : undefined;
    const attachments = await this.options.attachments(message);
    return {
      idempotencyKey: message.idempotencyKey!,
      to: [{ ...(name ? { name } : {}), address: String(details.to) }],
      subject: message.subject ?? '',
      text: message.body ?? '',
      html: String(details.html ?? ''),
      ...(attachments.length > 0 ? { attachments } : {}),
    };
  }
}
