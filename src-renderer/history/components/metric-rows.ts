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
  const per10 = (n: number): number | null => (durationSec > 0 ? (n / durationSec) * 600 : null);
  if (m.questions) {
    rows.push(row('questions', 'Questions you / they asked', `${m.questions.me} / ${m.questions.them}`, null, null, 'language'));
    rows.push(row('questionsPer10', 'Your questions per 10 min', num(per10(m.questions.me), 1), null, null, 'language'));
  }
  if (m.engagingQuestions !== undefined) {
    const v = per10(m.engagingQuestions);
    rows.push(row('engaging', 'Engaging questions per 10 min', num(v, 1), v, RANGES.engagingQuestionsPer10Min, 'language'));
  }
  if (m.fillers) {
    rows.push(row('fillers', 'Filler words per minute', num(m.fillers.perMinute, 1), null, null, 'language'));
    rows.push(row('fillersPerWord', 'Filler words per 100 words', num(m.fillers.perWord * 100, 1), null, null, 'language'));
  }
  if (m.paceAcoustic) {
    rows.push(row('paceAcoustic', 'Pace (estimated from the audio)', m.paceAcoustic.wpm === null ? '–' : `${num(m.paceAcoustic.wpm)} wpm`,
      m.paceAcoustic.wpm, RANGES.paceWpm, 'language'));
  }
  if (m.sentiment) {
    rows.push(scale(row('sentiment', 'Sentiment of the words', num(m.sentiment.call), null, null, 'language'), SENTIMENT_SCALE));
    rows.push(scale(row('sentimentBySide', 'Sentiment you / them', `${num(m.sentiment.bySide.me)} / ${num(m.sentiment.bySide.them)}`, null, null, 'language'), SENTIMENT_SCALE));
  }
  if (m.engagement) rows.push(scale(row('engagement', 'Engagement', num(m.engagement.call), null, null, 'language'), '0–100'));
  if (m.moments) rows.push(row('moments', 'Moments', String(m.moments.length), null, null, 'language'));
  if (m.nextSteps) {
    const n = m.nextSteps.items.length;
    rows.push(row('nextSteps', 'Next steps agreed', m.nextSteps.set ? `Yes (${n} ${n === 1 ? 'item' : 'items'})` : 'No', null, null, 'language'));
  }
  return rows;
}

const SENTIMENT_SCALE = '0–100, 50 neutral';

/** A score's scale in the range column: not a recommendation, so no verdict. */
function scale(r: MetricRow, text: string): MetricRow {
  return { ...r, range: text };
}
