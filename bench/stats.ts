/**
 * How far a ratio of two percentiles can be trusted. A run's p99 of ≈ 250 notes is its third-worst
 * note, so one run's p99 ratio moves a lot from run to run; this says by how much.
 */

/** A fixed-seed generator (mulberry32), so the same run gives the same interval. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The nearest-rank `p`th percentile of one resample (with replacement) of an ascending array:
 * draw as many indices as there are values, count them, and walk to the rank. O(n).
 */
function resampledPercentile(sorted: number[], p: number, counts: Uint32Array, rand: () => number): number {
  const n = sorted.length;
  counts.fill(0);
  for (let i = 0; i < n; i++) counts[Math.floor(rand() * n)]!++;
  const rank = Math.min(n, Math.max(1, Math.ceil((p / 100) * n)));
  let seen = 0;
  for (let i = 0; i < n; i++) {
    seen += counts[i]!;
    if (seen >= rank) return sorted[i]!;
  }
  return sorted[n - 1]!;
}

/**
 * A 95 % bootstrap interval for percentile `p` of `a` divided by the same percentile of `b`
 * (both ascending): each is resampled with replacement `times` times, and the interval spans the
 * middle 95 % of the resampled ratios. It covers the noise of sampling notes, not a machine that
 * was slower for a while (the alternating rounds are there for that). Null for an empty sample.
 */
export function ratioInterval(a: number[], b: number[], p: number, times = 2000): [number, number] | null {
  if (!a.length || !b.length) return null;
  const rand = random(0x7a51a);
  const ca = new Uint32Array(a.length);
  const cb = new Uint32Array(b.length);
  const ratios = new Float64Array(times);
  for (let i = 0; i < times; i++) ratios[i] = resampledPercentile(a, p, ca, rand) / resampledPercentile(b, p, cb, rand);
  ratios.sort();
  return [ratios[Math.floor(0.025 * times)]!, ratios[Math.min(times - 1, Math.ceil(0.975 * times) - 1)]!];
}

/**
 * What several runs of a scenario say together (`--repeat`): the median of each run's ratio. One
 * run's interval covers the sampling of its notes, not a machine that is slower for a few seconds
 * of one target's rounds; the median of runs is not moved by one such run.
 */
export function medianOf(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
