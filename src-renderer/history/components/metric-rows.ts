// The rows of a call's metrics table: each figure beside its recommended
// range (METRICS.md), and language and vision figures where the report has them.
import type { CallView } from '../../../src-main/contract/engine-api';
import type { Metrics } from '../../../src-main/contract/report';
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
  // Typed from the contract (contract/language.ts): a renamed field fails to compile.
  if (m) rows.push(...languageRows(m, c.durationSec));
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


function languageRows(m: Metrics, durationSec: number): MetricRow[] {
  const rows: MetricRow[] = [];
  if (m.questions) rows.push(row('questions', 'Questions you / they asked', `${m.questions.me} / ${m.questions.them}`, null, null, 'language'));
  if (m.engagingQuestions !== undefined) {
    const per10 = durationSec > 0 ? (m.engagingQuestions / durationSec) * 600 : null;
    rows.push(row('engaging', 'Engaging questions per 10 min', num(per10, 1), per10, RANGES.engagingQuestionsPer10Min, 'language'));
  }
  if (m.fillers) rows.push(row('fillers', 'Filler words per minute', num(m.fillers.perMinute, 1), null, null, 'language'));
  if (m.sentiment) rows.push(row('sentiment', 'Sentiment of the words (0–100, 50 neutral)', num(m.sentiment.call), null, null, 'language'));
  if (m.engagement) rows.push(row('engagement', 'Engagement (0–100)', num(m.engagement.call), null, null, 'language'));
  if (m.nextSteps) {
    const n = m.nextSteps.items.length;
    rows.push(row('nextSteps', 'Next steps agreed', m.nextSteps.set ? `Yes (${n} ${n === 1 ? 'item' : 'items'})` : 'No', null, null, 'language'));
  }
  return rows;
}
