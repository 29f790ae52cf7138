import { useEffect } from 'react';
import { os } from '../../os/client';

/** After the screen showing letters due has settled, so that the warm-up never slows its first paint. */
const WARM_UP_DELAY_MS = 2_000;

/** Asked once per window: main's letter workers stay warm for the app's life. */
let asked = false;

/**
 * Warms main's letter workers (`letters.warmUp`) once letters are due on screen (Today's letters,
 * the Courriers screen), so that "print today's letters" does not pay the first batch's start-up
 * (modules, fonts, compiling: seconds on a small PC). Main lays out a throwaway letter in each
 * worker; nothing is archived or recorded. A failure only means the first batch is slower: it is
 * not shown, and asked again the next time letters are due.
 */
export function useLetterWarmUp(lettersDue: boolean): void {
  useEffect(() => {
    if (!lettersDue || asked) return;
    const timer = window.setTimeout(() => {
      if (asked) return;
      asked = true;
      os.letters.warmUp({}).catch(() => {
        asked = false;
      });
    }, WARM_UP_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [lettersDue]);
}
