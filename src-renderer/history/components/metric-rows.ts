// The rows of a call's metrics table: each figure beside its recommended
// range (METRICS.md), and language and vision figures where the report has them.
import type { CallView } from '../../../src-main/contract/engine-api';
import { judge, RANGES, rangeText, verdictLabel, type Range, type RangeVerdict } from '../../../src-main/contract/levels';
import { clock, num, pct, seconds } from '../../shared/format';

export interface MetricRow {
  key: string;
  label: string;
  value: string;
  range: string;
  verdict: RangeVerdict | null;
  symbol: string;
  word: string;
  group: 'timing' | 'language' | 'vision';
}

function row(key: string, label: string, value: string, raw: number | null | undefined, range: Range | null, group: MetricRow['group'] = 'timing'): MetricRow {
  const v = range ? judge(range, raw) : null;
  const l = v ? verdictLabel(v) : { symbol: '', word: '' };
  return { key, label, value, range: range ? rangeText(range) : '', verdict: v, symbol: l.symbol, word: l.word, group };
}

function asNumber(x: unknown): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

/** `metrics.questions` may be a number or {me, them, engaging…}; read what is there. */
function pick(o: unknown, ...keys: string[]): number | null {
  if (typeof o === 'number') return o;
  if (typeof o !== 'object' || o === null) return null;
  for (const k of keys) {
    const v = (o as Record<string, unknown>)[k];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'object' && v !== null && typeof (v as Record<string, unknown>).me === 'number') return (v as Record<string, number>).me;
  }
  return null;
}

export function metricRows(c: CallView): MetricRow[] {
  const m = c.report?.metrics;
  const rows: MetricRow[] = [];
  const share = m?.talkShare ?? c.talkShare;
  rows.push(row('talkShare', 'Talk share (you)', pct(share), share, RANGES.talkShare));
  const wpm = m?.pace.wpm ?? c.paceWpm;
  rows.push(row('pace', m?.pace.method === 'acoustic' ? 'Pace (estimated)' : 'Pace', wpm === null ? '–' : `${num(wpm)} wpm`, wpm, RANGES.paceWpm));
  const mono = m?.longestMonologueSec.me ?? c.longestMonologueSec;
  rows.push(row('monologue', 'Longest monologue', clock(mono), mono, RANGES.longestMonologueSec));
  if (m) rows.push(row('story', 'Longest customer story', clock(m.longestMonologueSec.them), null, null));
  const pat = m?.patienceSec.mean ?? c.patienceMeanSec;
  rows.push(row('patience', 'Patience (mean)', seconds(pat), pat, RANGES.patienceSec));
  if (m) {
    rows.push(row('patienceMedian', 'Patience (median)', seconds(m.patienceSec.median), m.patienceSec.median, RANGES.patienceSec));
    rows.push(row('interruptions', 'Interruptions you / them', `${m.interruptions.me} / ${m.interruptions.them}`, null, null));
    rows.push(row('silence', 'Silence', pct(m.silenceShare), null, null));
    rows.push(row('talkTime', 'Talk time you / them', `${clock(m.talkSec.me)} / ${clock(m.talkSec.them)}`, null, null));
  }
  // Language figures need a transcript; shown only where the report has them.
  if (m) {
    const q = pick(m.questions, 'me', 'count');
    if (q !== null) rows.push(row('questions', 'Questions you asked', String(q), null, null, 'language'));
    const eq = pick(m.engagingQuestions, 'me', 'count') ?? pick(m.questions, 'engaging', 'engagingMe');
    if (eq !== null) {
      const per10 = c.durationSec > 0 ? (eq / c.durationSec) * 600 : null;
      rows.push(row('engaging', 'Engaging questions per 10 min', num(per10, 1), per10, RANGES.engagingQuestionsPer10Min, 'language'));
    }
    const f = pick(m.fillers, 'perMinute', 'perMin');
    if (f !== null) rows.push(row('fillers', 'Filler words per minute', num(f, 1), null, null, 'language'));
    const sent = pick(m.sentiment, 'overall', 'score', 'call');
    if (sent !== null) rows.push(row('sentiment', 'Sentiment of the words (0–100, 50 neutral)', num(sent), null, null, 'language'));
    const eng = pick(m.engagement, 'overall', 'score', 'mean');
    if (eng !== null) rows.push(row('engagement', 'Engagement (0–100)', num(eng), null, null, 'language'));
    const ns = (m.nextSteps as { found?: boolean } | boolean | undefined);
    if (ns !== undefined) rows.push(row('nextSteps', 'Next steps agreed', (typeof ns === 'boolean' ? ns : ns?.found) ? 'Yes' : 'No', null, null, 'language'));
  }
  const vis = c.report?.vision;
  if (vis) {
    rows.push(row('faces', 'Faces on screen (median)', num(vis.facesMedian), null, null, 'vision'));
    rows.push(row('camera', 'Cameras on', pct(vis.cameraOnShare), null, null, 'vision'));
    rows.push(row('facing', 'Facing the screen', pct(vis.facingShare), null, null, 'vision'));
  } else if (c.vision.length > 0) {
    const n = c.vision.length;
    rows.push(row('camera', 'Cameras on', pct(c.vision.filter((v) => v.cameraOn).length / n), null, null, 'vision'));
    rows.push(row('faces', 'Faces on screen (mean)', num(c.vision.reduce((a, v) => a + v.facesVisible, 0) / n, 1), null, null, 'vision'));
  }
  return rows;
}

export { asNumber };
