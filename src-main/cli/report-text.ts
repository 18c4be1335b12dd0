// The human report of `candor analyze`: the numbers beside METRICS.md's
// recommended ranges and a one-line timeline of who spoke when.
import { participantsTable } from './participants-text';
import { judge, RANGES, type Range } from '../contract/ranges';
import type { AnalysisReport, Segments } from '../contract/report';
import { fmt } from './progress';

/** One character per time bin: M me, T them, X both, . nobody. */
export function asciiTimeline(segments: Segments, durationSec: number, width = 72): string {
  if (!(durationSec > 0)) return '';
  const bin = durationSec / width;
  const cover = (spans: [number, number][], a: number, b: number): number => {
    let t = 0;
    for (const [s, e] of spans) t += Math.max(0, Math.min(e, b) - Math.max(s, a));
    return t;
  };
  let line = '';
  for (let i = 0; i < width; i++) {
    const a = i * bin;
    const b = a + bin;
    const me = cover(segments.me, a, b) >= bin * 0.3;
    const them = cover(segments.them, a, b) >= bin * 0.3;
    line += me && them ? 'X' : me ? 'M' : them ? 'T' : '.';
  }
  return line;
}

function rangeText(r: Range): string {
  const u = r.unit === 'share' ? '' : ` ${r.unit}`;
  const f = (x: number): string => (r.unit === 'share' ? `${Math.round(x * 100)}%` : `${x}`);
  if (r.min !== undefined && r.max !== undefined) return `${f(r.min)}-${f(r.max)}${u}`;
  if (r.max !== undefined) return `under ${f(r.max)}${u}`;
  return `at least ${f(r.min!)}${u}`;
}

function verdictMark(r: Range, v: number | null | undefined): string {
  const j = judge(r, v);
  return j === 'in' ? 'ok' : j === 'low' ? 'below' : j === 'high' ? 'above' : '';
}

export function formatReport(report: AnalysisReport): string {
  const m = report.metrics;
  const rows: [string, string, string, string][] = [];
  const pct = (x: number | null): string => (x === null ? 'n/a' : `${Math.round(x * 100)}%`);
  rows.push(['Talk share (me)', pct(m.talkShare), rangeText(RANGES.talkShare), verdictMark(RANGES.talkShare, m.talkShare)]);
  rows.push(['Talk time', `me ${fmt(m.talkSec.me)}, them ${fmt(m.talkSec.them)}`, '', '']);
  const pace = m.pace.wpm === null ? 'n/a' : `${m.pace.wpm} wpm (${m.pace.method}${m.pace.syllablesPerSec ? `, ${m.pace.syllablesPerSec} syl/s` : ''})`;
  rows.push(['Pace', pace, rangeText(RANGES.paceWpm), verdictMark(RANGES.paceWpm, m.pace.wpm)]);
  rows.push(['Longest monologue', `me ${m.longestMonologueSec.me.toFixed(1)} s, them ${m.longestMonologueSec.them.toFixed(1)} s`,
    rangeText(RANGES.longestMonologueSec), verdictMark(RANGES.longestMonologueSec, m.longestMonologueSec.me)]);
  const p = m.patienceSec;
  rows.push(['Patience', p.mean === null ? 'n/a (no hand-overs)' : `mean ${p.mean.toFixed(2)} s, median ${p.median!.toFixed(2)} s over ${p.count}`,
    rangeText(RANGES.patienceSec), verdictMark(RANGES.patienceSec, p.mean)]);
  rows.push(['Interruptions', `me ${m.interruptions.me}, them ${m.interruptions.them}`, '', '']);
  rows.push(['Silence', pct(m.silenceShare), '', '']);
  const extra = m as unknown as Record<string, unknown>;
  const q = extra.questions as { me: number; them: number } | undefined;
  if (q) rows.push(['Questions', `me ${q.me}, them ${q.them}`, '', '']);
  if (typeof extra.engagingQuestions === 'number' && report.durationSec > 0) {
    const per10 = (extra.engagingQuestions / report.durationSec) * 600;
    rows.push(['Engaging questions', `${extra.engagingQuestions} (${per10.toFixed(1)} per 10 min)`,
      rangeText(RANGES.engagingQuestionsPer10Min), verdictMark(RANGES.engagingQuestionsPer10Min, per10)]);
  }
  const fillers = extra.fillers as { count: number; perMinute: number } | undefined;
  if (fillers) rows.push(['Filler words', `${fillers.count} (${fillers.perMinute.toFixed(1)}/min)`, '', '']);
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
  const lines = [
    `Candor report: ${report.file}`,
    `Duration ${fmt(report.durationSec)}`,
    '',
    ...rows.map((r) => `  ${r[0].padEnd(w[0])}  ${r[1].padEnd(w[1])}  ${r[2] ? `(${r[2]})`.padEnd(w[2] + 2) : ''.padEnd(w[2] + 2)}  ${r[3]}`.trimEnd()),
    '',
    `  Who spoke when (M me, T them, X both, . silence):`,
    `  |${asciiTimeline(report.segments, report.durationSec)}|`,
    `  0:00${' '.repeat(Math.max(1, 72 - 4 - fmt(report.durationSec).length + 1))}${fmt(report.durationSec)}`,
  ];
  lines.push(...participantsTable(report.participants ?? []));
  if (report.notes?.length) lines.push('', ...report.notes.map((n) => `  note: ${n}`));
  lines.push('', '  Ranges are guidance from public research, not a grade.');
  return lines.join('\n') + '\n';
}
