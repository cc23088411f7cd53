import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints per-suite counts and a closing `N passed, N failed, N skipped` line, the form CI reads.
 * CI also uses the per-suite lines to fail when a suite that should run did not.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<unknown>): void {
    const total = { passed: 0, failed: 0, skipped: 0 };
    const bySuite = new Map<string, typeof total>();
    for (const mod of modules) {
      const suite = mod.project.name || 'default';
      const counts = bySuite.get(suite) ?? { passed: 0, failed: 0, skipped: 0 };
      bySuite.set(suite, counts);
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) { counts.failed++; total.failed++; }
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        const key = state === 'passed' ? 'passed' : state === 'failed' ? 'failed' : 'skipped';
        counts[key]++;
        total[key]++;
      }
    }
    total.failed += errors.length;
    console.log('');
    for (const [suite, c] of bySuite) console.log(`suite ${suite}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
    console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  }
}
