import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterUserPause } from '../../../src-renderer/ui/user-pause';

/** An event target standing in for the window: the test fires the user's input on it. */
function fakeWindow() {
  const listeners = new Map<string, Set<() => void>>();
  return {
    addEventListener: (name: string, listener: () => void) => void (listeners.get(name) ?? listeners.set(name, new Set()).get(name)!).add(listener),
    removeEventListener: (name: string, listener: () => void) => void listeners.get(name)?.delete(listener),
    fire: (name: string) => listeners.get(name)?.forEach((listener) => listener()),
    count: () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0),
  };
}

describe('afterUserPause', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it.each([
    ['no input at all', [], 1_000],
    ['a wheel step 600 ms in', [['wheel', 600]], 1_600],
    ['scrolling until 2.5 s', [['wheel', 500], ['scroll', 1_200], ['scroll', 1_900], ['wheel', 2_500]], 3_500],
    ['keys and pointer', [['keydown', 300], ['pointermove', 900]], 1_900],
  ] as const)('with %s, resolves after a pause of 1 s (at %#)', async (_name, inputs, expectedMs) => {
    const target = fakeWindow();
    let resolvedAt: number | undefined;
    const start = Date.now();
    void afterUserPause(1_000, target as unknown as Window).then(() => (resolvedAt = Date.now() - start));
    let at = 0;
    for (const [name, when] of inputs) {
      await vi.advanceTimersByTimeAsync(when - at);
      at = when;
      target.fire(name);
    }
    await vi.advanceTimersByTimeAsync(expectedMs - at - 1);
    expect(resolvedAt).toBeUndefined();
    // Then the browser's idle callback (or at once where there is none).
    await vi.advanceTimersByTimeAsync(50);
    expect(resolvedAt).toBeGreaterThanOrEqual(expectedMs);
    expect(target.count()).toBe(0); // stopped listening
  });

  it('stops waiting after its longest wait, even while the user keeps scrolling', async () => {
    const target = fakeWindow();
    let resolvedAt: number | undefined;
    const start = Date.now();
    void afterUserPause(1_000, target as unknown as Window, 5_000).then(() => (resolvedAt = Date.now() - start));
    for (let at = 0; at < 8_000; at += 200) {
      await vi.advanceTimersByTimeAsync(200);
      target.fire('wheel');
    }
    expect(resolvedAt).toBeGreaterThanOrEqual(5_000);
    expect(resolvedAt).toBeLessThan(5_300);
  });
});
