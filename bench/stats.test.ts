import { describe, expect, it } from 'vitest';
import { medianOf, ratioInterval } from './stats.js';

/** A latency-like sample: most values near `base`, a long tail, ascending. */
function sample(n: number, base: number, seed: number): number[] {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: n }, () => base * (1 + next()) * (next() < 0.05 ? 3 + 3 * next() : 1)).sort((x, y) => x - y);
}

describe('the interval of a percentile ratio', () => {
  it('holds 1 for two samples of the same distribution, and the true ratio for a scaled one', () => {
    const raw = sample(500, 2, 1);
    const same = ratioInterval(sample(500, 2, 2), raw, 50)!;
    expect(same[0]).toBeLessThan(1);
    expect(same[1]).toBeGreaterThan(1);
    const slower = ratioInterval(sample(500, 3, 3), raw, 50)!;
    expect(slower[0]).toBeGreaterThan(1.2);
    expect(slower[0]).toBeLessThan(1.5);
    expect(slower[1]).toBeGreaterThan(1.5);
  });

  it('is wider for p99 than for p50, and narrower with more notes', () => {
    const width = ([lo, hi]: [number, number]) => hi - lo;
    const p50 = ratioInterval(sample(250, 2, 4), sample(250, 2, 5), 50)!;
    const p99 = ratioInterval(sample(250, 2, 4), sample(250, 2, 5), 99)!;
    expect(width(p99)).toBeGreaterThan(2 * width(p50));
    const long = ratioInterval(sample(4000, 2, 6), sample(4000, 2, 7), 99)!;
    expect(width(long)).toBeLessThan(width(p99) / 2);
  });

  it('gives the same interval for the same samples, and none for an empty one', () => {
    const a = sample(300, 2, 8);
    const b = sample(300, 2, 9);
    expect(ratioInterval(a, b, 99)).toEqual(ratioInterval(a, b, 99));
    expect(ratioInterval([], b, 99)).toBeNull();
  });
});

describe('the median of several runs', () => {
  it('is the middle run, or halfway between the two middle ones, whatever their order', () => {
    expect(medianOf([1.42, 1.14, 1.33, 1.23, 1.34])).toBe(1.33);
    expect(medianOf([1.6, 1.28])).toBeCloseTo(1.44);
    expect(medianOf([2])).toBe(2);
    expect(medianOf([])).toBeNull();
  });
});
