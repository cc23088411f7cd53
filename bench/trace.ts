/**
 * `--trace`: where a note's time went. The server (Tavla's or the relay's) writes a span for each
 * command it handled, each group commit and each GC pause (server/src/trace.ts); the bench knows
 * when each note was sent and when the last member of its table had it. Together they split a
 * note's latency in three: to the server (the phone's send, the network, and the wait for the
 * server's turn), in the server (the command's handling, in which its frames are written), and
 * to the last phone (the network and the phones' turn to read). For the slowest notes (≥ the
 * run's p99) it names the segment where each lost most time, and what the server was doing
 * during that segment: a GC pause, a checkpoint of its store's log (on its own thread), a commit,
 * another command, or none of these (the machine was running something else: the phones,
 * another thread, the kernel).
 */
import { percentile } from './clock.js';

export interface Span { kind: string; start: number; ms: number; id: string }
export interface NoteTiming { commandId: string; sentAt: number; latencyMs: number }

/** The lines of a span file (`kind<TAB>start<TAB>ms<TAB>id`); anything else is skipped. */
export function parseSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const line of text.split('\n')) {
    const [kind, start, ms, id = ''] = line.split('\t');
    if (kind && Number.isFinite(Number(start)) && Number.isFinite(Number(ms))) spans.push({ kind, start: Number(start), ms: Number(ms), id });
  }
  return spans;
}

export type Segment = 'toServer' | 'inServer' | 'toLastPhone';
export type Cause = 'gc' | 'checkpoint' | 'commit' | 'otherCommand' | 'none';
export interface Breakdown {
  /** Notes whose command span was found (the rest are left out of every figure). */
  notes: number;
  unmatched: number;
  /** p50, p90, p99 of each segment, ms. */
  segments: Record<Segment, [number, number, number]>;
  /**
   * The notes at or over the run's p99 latency: their mean segments, and by the segment that was
   * longest, what the server was doing during it.
   */
  slow: { n: number; p99Ms: number; meanMs: Record<Segment, number>; longest: Record<Segment, Record<Cause, number>> };
  /**
   * Handlers and commits that ran while the store's log was being checkpointed, against the rest:
   * how many, and their p50 / p99 in ms. Null when no checkpoint ran while the log held frames.
   */
  duringCheckpoints: Record<'command' | 'commit', { during: [number, number, number]; outside: [number, number, number] }> | null;
}

const SEGMENTS: Segment[] = ['toServer', 'inServer', 'toLastPhone'];

export function breakdown(notes: NoteTiming[], spans: Span[]): Breakdown {
  const commands = new Map<string, Span>();
  for (const s of spans) if (s.kind === 'command' && s.id) commands.set(s.id, s);
  const rows: { note: NoteTiming; cmd: Span; seg: Record<Segment, number> }[] = [];
  for (const note of notes) {
    const cmd = commands.get(note.commandId);
    if (!cmd) continue;
    const toServer = cmd.start - note.sentAt;
    rows.push({ note, cmd, seg: { toServer, inServer: cmd.ms, toLastPhone: note.latencyMs - toServer - cmd.ms } });
  }
  const pct = (xs: number[]): [number, number, number] => {
    const s = xs.sort((a, b) => a - b);
    return [percentile(s, 50), percentile(s, 90), percentile(s, 99)];
  };
  const segments = Object.fromEntries(SEGMENTS.map((k) => [k, pct(rows.map((r) => r.seg[k]))])) as Breakdown['segments'];

  const p99Ms = percentile(rows.map((r) => r.note.latencyMs).sort((a, b) => a - b), 99);
  const slow = rows.filter((r) => r.note.latencyMs >= p99Ms);
  const others = spans.filter((s) => s.kind !== 'command' || s.ms >= 1).sort((a, b) => a.start - b.start);
  const causes = (): Record<Cause, number> => ({ gc: 0, checkpoint: 0, commit: 0, otherCommand: 0, none: 0 });
  const longest: Record<Segment, Record<Cause, number>> = { toServer: causes(), inServer: causes(), toLastPhone: causes() };
  for (const r of slow) {
    const segment = SEGMENTS.reduce((a, b) => (r.seg[b] > r.seg[a] ? b : a));
    const handled = r.cmd.start + r.cmd.ms;
    const [from, to] = segment === 'toServer' ? [r.note.sentAt, r.cmd.start] : segment === 'inServer' ? [r.cmd.start, handled] : [handled, r.note.sentAt + r.note.latencyMs];
    // What the server did during that segment, besides handling this note.
    const overlapping = others.filter((s) => s.start < to && s.start + s.ms > from && s !== r.cmd);
    const cause: Cause = overlapping.some((s) => s.kind === 'gc') ? 'gc'
      : overlapping.some((s) => s.kind === 'checkpoint') ? 'checkpoint'
      : overlapping.some((s) => s.kind === 'commit') ? 'commit'
      : overlapping.some((s) => s.kind === 'command') ? 'otherCommand'
      : 'none';
    longest[segment][cause]++;
  }
  const mean = (k: Segment) => (slow.length ? slow.reduce((a, r) => a + r.seg[k], 0) / slow.length : NaN);
  return {
    notes: rows.length,
    unmatched: notes.length - rows.length,
    segments,
    slow: { n: slow.length, p99Ms, meanMs: { toServer: mean('toServer'), inServer: mean('inServer'), toLastPhone: mean('toLastPhone') }, longest },
    duringCheckpoints: duringCheckpoints(spans),
  };
}

/** Handlers and commits during a checkpoint (of a log that held frames) against the rest. */
function duringCheckpoints(spans: Span[]): Breakdown['duringCheckpoints'] {
  const checkpoints = spans.filter((s) => s.kind === 'checkpoint' && Number(s.id) > 0).sort((a, b) => a.start - b.start);
  if (!checkpoints.length) return null;
  const overlaps = (x: Span) => checkpoints.some((c) => c.start < x.start + x.ms && c.start + c.ms > x.start);
  const figures = (xs: number[]): [number, number, number] => {
    const s = xs.sort((a, b) => a - b);
    return [s.length, percentile(s, 50), percentile(s, 99)];
  };
  const of = (kind: 'command' | 'commit') => {
    const during: number[] = [];
    const outside: number[] = [];
    for (const x of spans) if (x.kind === kind) (overlaps(x) ? during : outside).push(x.ms);
    return { during: figures(during), outside: figures(outside) };
  };
  return { command: of('command'), commit: of('commit') };
}

const SEGMENT_NAMES: Record<Segment, string> = { toServer: 'to the server', inServer: 'in the server', toLastPhone: 'to the last phone' };

/** The printed lines for one target: segments p50 / p90 / p99, then the slow notes. */
export function describeBreakdown(label: string, b: Breakdown): string {
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');
  const { slow } = b;
  const longest = SEGMENTS.filter((k) => Object.values(slow.longest[k]).some(Boolean)).map((k) => {
    const c = slow.longest[k];
    return `${SEGMENT_NAMES[k]} for ${c.gc + c.checkpoint + c.commit + c.otherCommand + c.none} (the server in GC ${c.gc}, checkpointing ${c.checkpoint}, committing ${c.commit}, on another command ≥ 1 ms ${c.otherCommand}, none of these ${c.none})`;
  });
  const cp = b.duringCheckpoints;
  const side = (x: [number, number, number]) => `${x[0]}, ${f(x[1])} / ${f(x[2])}`;
  return [
    `    ${label}: ${SEGMENTS.map((k) => `${SEGMENT_NAMES[k]} ${b.segments[k].map(f).join(' / ')}`).join(' · ')} ms`,
    `      ${slow.n} notes ≥ p99 (${f(slow.p99Ms)} ms), on average ${SEGMENTS.map((k) => f(slow.meanMs[k])).join(' + ')} ms; longest ${longest.join('; ')}`,
    ...(cp ? [`      during a checkpoint of the log (n, p50 / p99 ms): handlers ${side(cp.command.during)} against ${side(cp.command.outside)} outside; commits ${side(cp.commit.during)} against ${side(cp.commit.outside)}`] : []),
    ...(b.unmatched ? [`      ${b.unmatched} notes had no span`] : []),
  ].join('\n');
}

/** The figures, rounded to 0.01 ms, for the JSON line. */
export const rounded = (b: Breakdown): Breakdown => {
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    ...b,
    segments: Object.fromEntries(SEGMENTS.map((k) => [k, b.segments[k].map(r)])) as Breakdown['segments'],
    slow: { ...b.slow, p99Ms: r(b.slow.p99Ms), meanMs: Object.fromEntries(SEGMENTS.map((k) => [k, r(b.slow.meanMs[k])])) as Record<Segment, number> },
    duringCheckpoints: b.duringCheckpoints && JSON.parse(JSON.stringify(b.duringCheckpoints, (_k, v: unknown) => (typeof v === 'number' ? r(v) : v))),
  };
};

export interface Round { start: number; commands: number; slow: number }

/**
 * A target's rounds of writing, found as runs of commands with no gap over `gapMs`, and how many
 * of each round's commands took `slowMs` or more to handle. Side by side in time order, the two
 * targets' rounds show when the machine itself was slow: both targets' handlers slow in the
 * rounds of the same minute, whichever was writing.
 */
export function roundsOf(spans: Span[], slowMs = 3, gapMs = 300): Round[] {
  const commands = spans.filter((s) => s.kind === 'command').sort((a, b) => a.start - b.start);
  const rounds: Round[] = [];
  let last = -Infinity;
  for (const c of commands) {
    if (c.start - last > gapMs) rounds.push({ start: c.start, commands: 0, slow: 0 });
    const round = rounds.at(-1)!;
    round.commands++;
    if (c.ms >= slowMs) round.slow++;
    last = c.start;
  }
  return rounds;
}

/** Rounds of several targets in time order, each as its letter and its slow commands (· for none). */
export function timeline(targets: { letter: string; rounds: Round[] }[], width = 96): string[] {
  const all = targets.flatMap(({ letter, rounds }) => rounds.map((r) => ({ ...r, letter }))).sort((a, b) => a.start - b.start);
  const lines: string[] = [];
  let line = '';
  for (const r of all) {
    const cell = `${r.letter}${r.slow ? r.slow : '·'}`;
    if (line && line.length + 1 + cell.length > width) {
      lines.push(line);
      line = '';
    }
    line += (line ? ' ' : '') + cell;
  }
  if (line) lines.push(line);
  return lines;
}
