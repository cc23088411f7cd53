import { describe, expect, it } from 'vitest';
import { timeSliced } from './slices.js';

/** A clock the jobs move on: each job "takes" what it adds. */
function fakeClock() {
  let t = 0;
  return { now: () => t, spend: (ms: number) => void (t += ms) };
}
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('timeSliced', () => {
  it('runs a burst in order, a slice per turn, so what arrives meanwhile runs between slices', async () => {
    const clock = fakeClock();
    const queue = timeSliced(5, (err) => { throw err; }, clock.now);
    const done: string[] = [];
    for (let i = 0; i < 10; i++) queue(() => { clock.spend(2); done.push(`sync ${i}`); });
    // Queued after the burst, like a note or a health probe arriving during it.
    setImmediate(() => done.push('other'));
    await turn();
    await turn();
    await turn();
    await turn();
    await turn();
    // 2 ms a job, 5 ms a slice: three jobs, then the other, then three more, …
    expect(done.indexOf('other')).toBe(3);
    expect(done.filter((d) => d !== 'other')).toEqual([...Array(10).keys()].map((i) => `sync ${i}`));
  });

  it('runs a lone job in the turn it was queued in', async () => {
    const queue = timeSliced(5, (err) => { throw err; });
    const done: string[] = [];
    queue(() => done.push('sync'));
    setImmediate(() => done.push('next immediate'));
    await turn();
    expect(done).toEqual(['sync', 'next immediate']);
  });

  it('gives a job its deadline, so a long one can queue its rest behind what came meanwhile', async () => {
    const clock = fakeClock();
    const queue = timeSliced(5, (err) => { throw err; }, clock.now);
    const done: string[] = [];
    const snapshots = (from: number) => (deadline: number) => {
      let i = from;
      for (; i < 6 && clock.now() < deadline; i++) { clock.spend(2); done.push(`snapshot ${i}`); }
      if (i < 6) queue(snapshots(i));
    };
    queue(snapshots(0));
    queue(() => done.push('sync'));
    for (let i = 0; i < 4; i++) await turn();
    expect(done).toEqual(['snapshot 0', 'snapshot 1', 'snapshot 2', 'sync', 'snapshot 3', 'snapshot 4', 'snapshot 5']);
  });

  it('reports a job that throws and still runs the rest', async () => {
    const errors: unknown[] = [];
    const queue = timeSliced(5, (err) => errors.push(err));
    const done: number[] = [];
    queue(() => done.push(1));
    queue(() => { throw new Error('broken'); });
    queue(() => done.push(3));
    await turn();
    expect(done).toEqual([1, 3]);
    expect(errors).toEqual([new Error('broken')]);
  });
});
