import { describe, expect, it } from 'vitest';
import { breakdown, parseSpans, roundsOf, timeline, type NoteTiming } from './trace.js';

/** 400 notes a second apart, each 2 ms on its way: 0.5 to the server, 1 in it, 0.5 to the last phone. */
function steady(): { notes: NoteTiming[]; spans: string[] } {
  const notes: NoteTiming[] = [];
  const spans: string[] = [];
  for (let i = 0; i < 400; i++) {
    const sentAt = 1000 * i;
    notes.push({ commandId: `c${i}`, sentAt, latencyMs: 2 });
    spans.push(`command\t${sentAt + 0.5}\t1\tc${i}`);
  }
  return { notes, spans };
}

describe('where a note\'s time went', () => {
  it('splits each note\'s latency into to the server, in the server and to the last phone', () => {
    const { notes, spans } = steady();
    const b = breakdown(notes, parseSpans(spans.join('\n')));
    expect(b.notes).toBe(400);
    expect(b.unmatched).toBe(0);
    expect(b.segments.toServer[0]).toBeCloseTo(0.5);
    expect(b.segments.inServer[0]).toBeCloseTo(1);
    expect(b.segments.toLastPhone[0]).toBeCloseTo(0.5);
  });

  it('names where the slowest notes lost their time, and what the server was doing then', () => {
    const { notes, spans } = steady();
    // Five slow notes of 400 (the p99 is the fifth-worst). Four wait for the server: note 10
    // behind a GC pause, note 20 behind a commit, note 30 behind another command, note 40
    // behind nothing the server did. Note 60 is handled at once but reaches its last phone
    // late, while the server commits; a GC pause before it was sent does not count. Note 50
    // is quick, though a short GC pause fell in its way.
    for (const [i, extra] of [[10, 9], [20, 8], [30, 7], [40, 6]] as const) {
      notes[i] = { ...notes[i]!, latencyMs: 2 + extra };
      spans[i] = `command\t${1000 * i + 0.5 + extra}\t1\tc${i}`;
    }
    notes[60] = { ...notes[60]!, latencyMs: 12 };
    spans.push('gc\t10001\t8\t', 'commit\t20001\t7\t3', 'command\t30000.2\t6\tsomeone-else', 'gc\t50000.1\t0.5\t', 'gc\t59999\t2\t', 'commit\t60005\t0.4\t1');
    const b = breakdown(notes, parseSpans(spans.join('\n')));
    expect(b.slow.n).toBe(5);
    expect(b.slow.p99Ms).toBe(8);
    expect(b.slow.longest.toServer).toEqual({ gc: 1, checkpoint: 0, commit: 1, otherCommand: 1, none: 1 });
    expect(b.slow.longest.inServer).toEqual({ gc: 0, checkpoint: 0, commit: 0, otherCommand: 0, none: 0 });
    expect(b.slow.longest.toLastPhone).toEqual({ gc: 0, checkpoint: 0, commit: 1, otherCommand: 0, none: 0 });
    expect(b.slow.meanMs.toServer).toBeCloseTo((0.5 * 5 + 9 + 8 + 7 + 6) / 5);
    expect(b.slow.meanMs.inServer).toBeCloseTo(1);
    expect(b.slow.meanMs.toLastPhone).toBeCloseTo((0.5 * 4 + 10.5) / 5);
  });

  it('tells handlers and commits during a checkpoint of the log from the rest', () => {
    const { notes, spans } = steady();
    // Note 100 waits 9 ms while the log is checkpointed on the other thread; the handlers of
    // notes 100 and 101 and one commit overlap that checkpoint. A checkpoint with an empty log
    // (id 0) over note 200 is no checkpoint.
    notes[100] = { ...notes[100]!, latencyMs: 11 };
    spans[100] = `command\t100009.5\t4\tc100`;
    spans[101] = `command\t101000.5\t3\tc101`;
    spans.push('checkpoint\t100000.2\t1500\t240', 'commit\t100020\t6\t1', 'commit\t300000\t1\t1', 'checkpoint\t200000\t5\t0');
    const b = breakdown(notes, parseSpans(spans.join('\n')));
    expect(b.slow.longest.toServer.checkpoint).toBe(1);
    expect(b.duringCheckpoints?.command.during).toEqual([2, 3, 4]);
    expect(b.duringCheckpoints?.command.outside).toEqual([398, 1, 1]);
    expect(b.duringCheckpoints?.commit).toEqual({ during: [1, 6, 6], outside: [1, 1, 1] });
    expect(breakdown(notes, parseSpans(steady().spans.join('\n'))).duringCheckpoints).toBeNull();
  });

  it('says how many notes had no span, and leaves them out', () => {
    const { notes, spans } = steady();
    const b = breakdown(notes, parseSpans(spans.slice(10).join('\n') + '\nnot a span\n'));
    expect(b.notes).toBe(390);
    expect(b.unmatched).toBe(10);
  });
});

describe('rounds of writing', () => {
  it('are found by the gaps between commands, with their slow handlers, and set side by side in time', () => {
    const spans = parseSpans([
      'command\t0\t0.5\ta', 'command\t100\t4\tb', 'command\t200\t0.5\tc', // a round at 0 with one slow
      'commit\t250\t9\t1', // not a command
      'command\t2000\t0.5\td', 'command\t2100\t0.5\te', // a round at 2000, none slow
    ].join('\n'));
    const rounds = roundsOf(spans);
    expect(rounds).toEqual([{ start: 0, commands: 3, slow: 1 }, { start: 2000, commands: 2, slow: 0 }]);
    const other = [{ start: 1000, commands: 5, slow: 5 }];
    expect(timeline([{ letter: 'T', rounds }, { letter: 'R', rounds: other }])).toEqual(['T1 R5 T·']);
    expect(timeline([{ letter: 'T', rounds }, { letter: 'R', rounds: other }], 5)).toEqual(['T1 R5', 'T·']);
  });
});
