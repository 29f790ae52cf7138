import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventSink } from './platform';
import { writeFileAtomic } from './files';

/**
 * The main process's alarm clock. The renderer works out *what* is due (pure planner) and tells the
 * scheduler *when* to wake it next; the scheduler keeps that one timer, survives restarts (the
 * instant is kept in the data folder) and wakes the renderer:
 * - when the timer fires;
 * - when the computer resumes from sleep after the instant passed (`resume`);
 * - at start-up when the instant passed while the app was closed (`missed`), once.
 *
 * Node's timers cannot wait more than about 24.8 days and drift across sleep, so the timer is armed
 * in slices of at most `maxSliceMs` and the wall clock is checked at each slice.
 */
export interface SchedulerClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemClock: SchedulerClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // The scheduler must not keep a finished process alive on its own.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

interface StoredWake {
  at: string | null;
  reason: string | null;
  notification: { title: string; body: string } | null;
}

export interface SchedulerOptions {
  dataDir: string;
  events: EventSink;
  notify: (notification: { title: string; body: string }) => Promise<unknown>;
  clock?: SchedulerClock;
  maxSliceMs?: number;
}

export class Scheduler {
  private readonly file: string;
  private readonly clock: SchedulerClock;
  private readonly maxSliceMs: number;
  private wake: StoredWake = { at: null, reason: null, notification: null };
  private timer: unknown = null;
  private readonly changeListeners = new Set<(wake: { nextWakeAt: string | null; reason: string | null }) => void>();

  constructor(private readonly options: SchedulerOptions) {
    this.file = join(options.dataDir, 'scheduler.json');
    this.clock = options.clock ?? systemClock;
    this.maxSliceMs = options.maxSliceMs ?? 60 * 60 * 1000;
  }

  /** Reads the stored wake-up; fires it at once (as `missed`) when it passed while the app was closed. */
  async start(): Promise<void> {
    try {
      const stored = JSON.parse(await readFile(this.file, 'utf8')) as Partial<StoredWake>;
      this.wake = {
        at: typeof stored.at === 'string' ? stored.at : null,
        reason: typeof stored.reason === 'string' ? stored.reason : null,
        notification: stored.notification ?? null,
      };
    } catch {
      this.wake = { at: null, reason: null, notification: null };
    }
    this.arm('missed');
  }

  get nextWake(): { nextWakeAt: string | null; reason: string | null } {
    return { nextWakeAt: this.wake.at, reason: this.wake.reason };
  }

  /**
   * Called each time the renderer sets the next wake-up (the tray shows its `reason`, "3 relances à
   * faire", as the last known summary). Not called when a wake-up fires: the summary stays until the
   * renderer has re-planned.
   */
  onChange(listener: (wake: { nextWakeAt: string | null; reason: string | null }) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  async setNextWake(
    at: string | null,
    reason?: string,
    notification?: { title: string; body: string },
  ): Promise<{ nextWakeAt: string | null }> {
    this.wake = {
      at: at === null ? null : new Date(at).toISOString(),
      reason: reason ?? null,
      notification: notification ?? null,
    };
    await writeFileAtomic(this.file, new TextEncoder().encode(JSON.stringify(this.wake)));
    this.arm('timer');
    for (const listener of this.changeListeners) listener(this.nextWake);
    return { nextWakeAt: this.wake.at };
  }

  /** Called by the shell when the computer wakes up from sleep. */
  resume(): void {
    this.arm('resume');
  }

  stop(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(causeIfDue: 'timer' | 'resume' | 'missed'): void {
    this.stop();
    if (this.wake.at === null) return;
    const remaining = Date.parse(this.wake.at) - this.clock.now();
    if (remaining <= 0) {
      void this.fire(causeIfDue);
      return;
    }
    this.timer = this.clock.setTimeout(() => this.arm('timer'), Math.min(remaining, this.maxSliceMs));
  }

  private async fire(cause: 'timer' | 'resume' | 'missed'): Promise<void> {
    const fired = this.wake;
    if (fired.at === null) return;
    // Cleared before notifying, so that a crash in a listener cannot make it fire in a loop; the
    // renderer sets the next wake-up when it has re-planned.
    this.wake = { at: null, reason: null, notification: null };
    await writeFileAtomic(this.file, new TextEncoder().encode(JSON.stringify(this.wake))).catch(() => undefined);
    this.options.events.emit('scheduler.wake', {
      at: new Date(this.clock.now()).toISOString(),
      scheduledFor: fired.at,
      reason: fired.reason,
      cause,
    });
    if (fired.notification) await this.options.notify(fired.notification).catch(() => undefined);
  }
}
