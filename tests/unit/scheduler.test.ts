import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Scheduler, type SchedulerClock } from '../../src-main/services/scheduler';
import { EventHub } from '../../src-main/services/platform';
import type { EventPayload } from '../../src-main/contract/methods';

/** A clock the test moves by hand, like a computer that sleeps and wakes. */
class ManualClock implements SchedulerClock {
  private timers = new Map<number, { at: number; callback: () => void }>();
  private nextId = 1;
  constructor(public current: number) {}
  now = () => this.current;
  setTimeout = (callback: () => void, ms: number) => {
    const id = this.nextId++;
    this.timers.set(id, { at: this.current + ms, callback });
    return id;
  };
  clearTimeout = (handle: unknown) => {
    this.timers.delete(handle as number);
  };
  get pending(): number[] {
    return [...this.timers.values()].map((t) => t.at - this.current);
  }
  /** Moves time forward, firing timers in order, as a running computer would. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.current = due[1].at;
      due[1].callback();
    }
    this.current = target;
  }
  /** Moves the wall clock without firing anything, as a sleeping computer does. */
  sleep(ms: number): void {
    this.current += ms;
  }
}

const T0 = Date.parse('2026-11-23T08:00:00Z');
const HOUR = 3_600_000;
let dir: string;
let wakes: EventPayload<'scheduler.wake'>[];
let notifications: { title: string; body: string }[];

function makeScheduler(clock: ManualClock) {
  const hub = new EventHub();
  hub.subscribe((event, payload) => {
    if (event === 'scheduler.wake') wakes.push(payload as EventPayload<'scheduler.wake'>);
  });
  return new Scheduler({
    dataDir: dir,
    events: hub,
    notify: async (n) => {
      notifications.push(n);
    },
    clock,
  });
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 20));
/** Waits for the wake-ups fired so far (the scheduler persists before it emits, which takes a disk sync). */
const wakesReach = (count: number) => vi.waitFor(() => expect(wakes).toHaveLength(count), { timeout: 5000 });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-scheduler-'));
  wakes = [];
  notifications = [];
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('Scheduler', () => {
  it('wakes once at the instant, with the notification, then forgets it', async () => {
    const clock = new ManualClock(T0);
    const scheduler = makeScheduler(clock);
    await scheduler.start();
    const notification = { title: 'Relance', body: '3 relances à faire aujourd’hui' };
    await scheduler.setNextWake(new Date(T0 + 2 * HOUR).toISOString(), '3 relances', notification);
    clock.advance(2 * HOUR - 1);
    await flush();
    expect(wakes).toHaveLength(0);
    clock.advance(1);
    await wakesReach(1);
    expect(wakes).toEqual([
      { at: new Date(T0 + 2 * HOUR).toISOString(), scheduledFor: new Date(T0 + 2 * HOUR).toISOString(), reason: '3 relances', cause: 'timer' },
    ]);
    expect(notifications).toEqual([notification]);
    expect(scheduler.nextWake).toEqual({ nextWakeAt: null, reason: null });
    clock.advance(48 * HOUR);
    await flush();
    expect(wakes).toHaveLength(1);
  });

  it('arms long waits in slices no longer than an hour (Node timers cannot wait weeks)', async () => {
    const clock = new ManualClock(T0);
    const scheduler = makeScheduler(clock);
    await scheduler.start();
    await scheduler.setNextWake(new Date(T0 + 40 * 24 * HOUR).toISOString());
    expect(clock.pending).toEqual([HOUR]);
    clock.advance(40 * 24 * HOUR);
    await wakesReach(1);
    expect(wakes.map((w) => w.cause)).toEqual(['timer']);
  });

  it('wakes on resume when the instant passed during sleep', async () => {
    const clock = new ManualClock(T0);
    const scheduler = makeScheduler(clock);
    await scheduler.start();
    await scheduler.setNextWake(new Date(T0 + 30 * 60_000).toISOString());
    clock.sleep(5 * HOUR);
    scheduler.resume();
    await wakesReach(1);
    expect(wakes.map((w) => w.cause)).toEqual(['resume']);
    expect(wakes[0]?.scheduledFor).toBe(new Date(T0 + 30 * 60_000).toISOString());
  });

  it('keeps the instant across a restart, and fires a missed one once at start-up', async () => {
    const first = makeScheduler(new ManualClock(T0));
    await first.start();
    await first.setNextWake(new Date(T0 + HOUR).toISOString(), 'relances du matin');
    first.stop();
    expect(JSON.parse(await readFile(join(dir, 'scheduler.json'), 'utf8')).reason).toBe('relances du matin');

    const second = makeScheduler(new ManualClock(T0 + 10 * HOUR));
    await second.start();
    await wakesReach(1);
    expect(wakes.map((w) => [w.cause, w.reason])).toEqual([['missed', 'relances du matin']]);

    const third = makeScheduler(new ManualClock(T0 + 11 * HOUR));
    await third.start();
    await flush();
    expect(wakes).toHaveLength(1);
  });

  it('starts clean from a corrupt file', async () => {
    await writeFile(join(dir, 'scheduler.json'), '{ not json');
    const scheduler = makeScheduler(new ManualClock(T0));
    await scheduler.start();
    expect(scheduler.nextWake).toEqual({ nextWakeAt: null, reason: null });
  });

  it('clears the timer when told null', async () => {
    const clock = new ManualClock(T0);
    const scheduler = makeScheduler(clock);
    await scheduler.start();
    await scheduler.setNextWake(new Date(T0 + HOUR).toISOString());
    await scheduler.setNextWake(null);
    clock.advance(2 * HOUR);
    await flush();
    expect(wakes).toHaveLength(0);
    expect(clock.pending).toEqual([]);
  });
});

describe('writeFileAtomic', () => {
  it('reports a folder problem as a clear io-error and leaves no temporary file', async () => {
    const { writeFileAtomic } = await import('../../src-main/services/files');
    const { readdir } = await import('node:fs/promises');
    const blocker = join(dir, 'not-a-folder');
    await writeFile(blocker, 'x');
    await expect(writeFileAtomic(join(blocker, 'sub', 'file.json'), new Uint8Array([1]))).rejects.toMatchObject({
      code: 'io-error',
      message: expect.stringMatching(/not a folder/),
    });
    expect(await readdir(dir)).toEqual(['not-a-folder']);
  });
});
