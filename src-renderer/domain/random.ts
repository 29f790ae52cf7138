/**
 * A small seeded pseudo-random generator, so that demo data and property-style tests are the same
 * on every run and every machine. Not for anything secret (use crypto.randomUUID for ids).
 *
 * mulberry32 (Tommy Ettinger, public domain): 32-bit state, period 2^32, good enough statistics for
 * test data and a few lines long, so no dependency is needed.
 */

export interface Random {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** true with probability `probability`. */
  chance(probability: number): boolean;
  /** Roughly normal (sum of 6 uniforms, Irwin–Hall), bounded to mean ± 3·sd: no absurd outliers. */
  normal(mean: number, standardDeviation: number): number;
  /** A new array in random order (Fisher–Yates); the input is left alone. */
  shuffle<T>(items: readonly T[]): T[];
}

export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function createRandom(seed: number): Random {
  const next = mulberry32(seed);
  const int = (min: number, max: number): number => {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new Error(`Random.int needs integers min <= max, got ${min}, ${max}`);
    }
    return min + Math.floor(next() * (max - min + 1));
  };
  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('Random.pick on an empty array');
      return items[int(0, items.length - 1)] as T;
    },
    chance: (probability) => next() < probability,
    normal(mean, standardDeviation) {
      let sum = 0;
      for (let i = 0; i < 6; i += 1) sum += next();
      // Sum of 6 uniforms: mean 3, variance 6/12 = 0.5.
      return mean + ((sum - 3) / Math.SQRT1_2) * standardDeviation;
    },
    shuffle<T>(items: readonly T[]): T[] {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i -= 1) {
        const j = int(0, i);
        [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
      }
      return copy;
    },
  };
}
