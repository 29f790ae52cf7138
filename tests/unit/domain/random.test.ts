import { describe, expect, it } from 'vitest';
import { createRandom, mulberry32 } from '../../../src-renderer/domain/random';

describe('random', () => {
  it('is the same sequence for the same seed, another for another seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const seqA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(seqA);
    expect(Array.from({ length: 5 }, c)).not.toEqual(seqA);
    for (const value of seqA) expect(value >= 0 && value < 1).toBe(true);
  });

  it('int stays within bounds and reaches both ends', () => {
    const random = createRandom(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i += 1) seen.add(random.int(-2, 2));
    expect([...seen].sort()).toEqual([-1, -2, 0, 1, 2]);
  });

  it('normal stays within mean ± 3 sd, centred on the mean', () => {
    const random = createRandom(7);
    const values = Array.from({ length: 5_000 }, () => random.normal(10, 2));
    const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
    expect(Math.min(...values)).toBeGreaterThanOrEqual(10 - 3 * 2 * Math.SQRT2);
    expect(Math.abs(mean - 10)).toBeLessThan(0.2);
  });

  it('pick, chance and shuffle', () => {
    const random = createRandom(3);
    expect(['x', 'y']).toContain(random.pick(['x', 'y']));
    expect(() => random.pick([])).toThrow(/empty/);
    expect(random.chance(0)).toBe(false);
    expect(random.chance(1)).toBe(true);
    const items = [1, 2, 3, 4, 5];
    expect(random.shuffle(items).sort()).toEqual(items);
  });
});
