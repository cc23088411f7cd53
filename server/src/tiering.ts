import v8 from 'node:v8';

/**
 * How much a function must run (in bytes of bytecode, roughly) before V8 considers compiling it
 * with its optimising compiler: a sixteenth of V8's default (67,584 in Node 20).
 *
 * V8's default suits code that runs thousands of times a second. A seminar room is not that: 25
 * people write 25 notes a second, so a note's path (validating, deciding, working out who hears
 * what, folding) ran on V8's baseline code for minutes, and each note paid for it. With this
 * budget it is optimised within the first few dozen notes. Measured with `npm run bench --
 * --against` (6,000 notes a side, BENCHMARKS.md): the note's latency p50 0.93×, CPU 0.97×, memory
 * unchanged.
 */
export const INTERRUPT_BUDGET = 4000;

/** Set V8's budget for this process, unless `node` was started with a budget of its own. */
export function tuneTiering(execArgv: readonly string[] = process.execArgv): boolean {
  if (execArgv.some((a) => a.startsWith('--interrupt-budget') || a.startsWith('--interrupt_budget'))) return false;
  v8.setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  return true;
}
