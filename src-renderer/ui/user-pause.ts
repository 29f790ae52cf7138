/**
 * Resolves once the user has paused: no wheel, scroll, key, pointer or touch input for `pauseMs`,
 * then when the browser is idle; after `maxWaitMs` at most, even without a pause. For background work that can wait (rebuilding the start-up cache
 * reads the whole ledger: seconds of a second core, which a two-core office PC needs for a smooth
 * scroll right after opening the app).
 */
const INPUT_EVENTS = ['wheel', 'scroll', 'keydown', 'pointerdown', 'pointermove', 'touchstart'] as const;

export function afterUserPause(
  pauseMs = 5_000,
  target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
  maxWaitMs = 60_000,
): Promise<void> {
  return new Promise((resolve) => {
    const started = performance.now();
    let last = started;
    const onInput = () => {
      last = performance.now();
    };
    for (const name of INPUT_EVENTS) target.addEventListener(name, onInput, { capture: true, passive: true });
    const finish = () => {
      for (const name of INPUT_EVENTS) target.removeEventListener(name, onInput, { capture: true });
      if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 10_000 });
      else resolve();
    };
    const check = () => {
      const now = performance.now();
      const quietFor = now - last;
      if (quietFor >= pauseMs || now - started >= maxWaitMs) finish();
      else setTimeout(check, Math.min(pauseMs - quietFor, started + maxWaitMs - now));
    };
    setTimeout(check, pauseMs);
  });
}
