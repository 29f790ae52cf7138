import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { mailSendResult, type MailSendResult } from '../../contract/mail';
import { toIoError } from '../files';

/**
 * The outbox journal: `<data>/mail-journal.jsonl`, append-only, one JSON line per event, each
 * written and fsync'd before the send goes on:
 *   {"key":"…","event":"handed","at":"…"}                         before the message goes to SMTP
 *   {"key":"…","event":"sent","at":"…","result":{…}}              the server accepted it
 *   {"key":"…","event":"failed","at":"…","result":{…}}            it refused it, or could not be reached
 *   {"key":"…","event":"needs-attention","at":"…","result":{…}}   the outcome is unknown
 *
 * What a key's last event means for a new send with that key:
 * - `sent`: final; the stored result is answered, nothing is sent.
 * - `failed` permanent (auth, 5xx, bad address, TLS): final; answered as stored. Once the user fixed
 *   the cause, the renderer sends again with a NEW key.
 * - `failed` temporary (4xx, timeout, connection refused…): not final; the server did not take the
 *   message, so the same key may be sent again (that is how the renderer's outbox retries).
 * - `handed` with no result, and no send of that key running in this process: the app stopped while
 *   the message was with SMTP. It may or may not have left. Sending again could send it twice,
 *   answering "failed" could lose it silently: the answer is `needs-attention` / `interrupted`, and
 *   it stays so (never sent again with this key). The user checks the mailbox's sent folder (the
 *   Message-ID contains the key) and sends again with a new key if it is not there.
 * - `needs-attention`: final, as stored.
 *
 * A line cut short by a crash is ignored when read: it was not fsync'd, so the send it announced
 * never started (the `handed` line is synced before SMTP is contacted).
 */
export const JOURNAL_FILE = 'mail-journal.jsonl';

export type JournalEvent = 'handed' | 'sent' | 'failed' | 'needs-attention';

export interface JournalLine {
  key: string;
  event: JournalEvent;
  at: string;
  result?: MailSendResult;
}

export interface KeyRecord {
  last: JournalLine;
  /** How many `handed` lines the key has. */
  attempts: number;
}

export function isFinal(line: JournalLine): boolean {
  if (line.event === 'sent' || line.event === 'needs-attention') return true;
  if (line.event === 'failed') return line.result?.status === 'failed' && line.result.permanent;
  return false;
}

function parseLine(text: string): JournalLine | null {
  try {
    const raw = JSON.parse(text) as Partial<JournalLine>;
    if (typeof raw.key !== 'string' || typeof raw.at !== 'string') return null;
    if (raw.event === 'handed') return { key: raw.key, event: 'handed', at: raw.at };
    if (raw.event !== 'sent' && raw.event !== 'failed' && raw.event !== 'needs-attention') return null;
    const result = mailSendResult.safeParse(raw.result);
    return result.success ? { key: raw.key, event: raw.event, at: raw.at, result: result.data } : null;
  } catch {
    return null;
  }
}

export class MailJournal {
  readonly path: string;
  private readonly records = new Map<string, KeyRecord>();
  private handle: FileHandle | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.path = join(dataDir, JOURNAL_FILE);
  }

  /** Reads the journal and opens it for appending. */
  async open(): Promise<void> {
    let text = '';
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw toIoError(error, this.path);
    }
    for (const row of text.split('\n')) {
      const line = row.trim() ? parseLine(row) : null;
      if (line) this.remember(line);
    }
    try {
      await mkdir(dirname(this.path), { recursive: true });
      this.handle = await open(this.path, 'a', 0o600);
      // A line cut short by a crash: end it, so that the next line starts clean.
      if (text.length > 0 && !text.endsWith('\n')) await this.handle.write('\n');
    } catch (error) {
      throw toIoError(error, this.path);
    }
  }

  get(key: string): KeyRecord | undefined {
    return this.records.get(key);
  }

  /** Appends one line and waits until it is on disk. Appends are serialised. */
  append(line: JournalLine): Promise<void> {
    const run = this.queue.then(async () => {
      if (!this.handle) throw new Error('The mail journal is not open');
      try {
        await this.handle.write(`${JSON.stringify(line)}\n`);
        await this.handle.sync();
      } catch (error) {
        throw toIoError(error, this.path);
      }
      this.remember(line);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.queue;
    const handle = this.handle;
    this.handle = null;
    await handle?.close();
  }

  private remember(line: JournalLine): void {
    const previous = this.records.get(line.key);
    this.records.set(line.key, {
      last: line,
      attempts: (previous?.attempts ?? 0) + (line.event === 'handed' ? 1 : 0),
    });
  }
}
