// One synthetic call of 30-60 minutes as the product would have stored it:
// alternating turns split into voice segments (some overlap = interruptions),
// an utterance of varied English for most segments, face samples at the
// tracker's 2 per second for video calls, and the report the product's own
// metrics compute from those segments and words.
import type { Utterance, VisionSample } from '../../src-main/contract/calls';
import type { AnalysisReport } from '../../src-main/contract/report';
import { analyzeTranscript } from '../../src-main/engine/language/analyze-transcript';
import type { SegmentRecord } from '../../src-main/engine/store/calls-store';
import { reportFromSegments } from '../../src-main/engine/store/recovery';
import type { Rng } from '../../tests/support/rng';
import { RARE_WORD, type WordSource } from './words';

export interface SyntheticCall {
  source: 'live' | 'file';
  title: string;
  durationSec: number;
  segments: SegmentRecord[];
  utterances: Utterance[];
  vision: VisionSample[];
  report: AnalysisReport;
}

export interface SyntheticOptions {
  /** Share of calls with face samples (video calls with screen vision on). */
  visionShare: number;
  /** Length of the call; default 30-60 minutes. */
  durationSec?: number;
  /** Plant the rare word in this call. */
  rare: boolean;
  /**
   * A full report of an earlier call whose language metrics and participants
   * this call reuses (the language metrics cost ~0.1 s a call; the timing
   * metrics are always this call's own). Absent: computed for this call.
   */
  languageFrom?: AnalysisReport;
}

const TITLES = ['Weekly sync', 'Discovery call', 'Pricing review', 'Renewal', 'Onboarding', 'Roadmap', '1:1', 'Demo', 'Interview', 'Support escalation'];
const COMPANIES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'Soylent', 'Tyrell', 'Wonka'];

const round2 = (x: number): number => Math.round(x * 100) / 100;

function between(r: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * r();
}

const TIMING_KEYS = new Set(['talkShare', 'talkSec', 'longestMonologueSec', 'patienceSec', 'interruptions', 'silenceShare', 'pace']);

/** This call's timing report with the language metrics, notes and participants of `full`. */
function withLanguageOf(audio: AnalysisReport, full: AnalysisReport): AnalysisReport {
  const language = Object.fromEntries(Object.entries(full.metrics).filter(([k]) => !TIMING_KEYS.has(k) && k !== 'paceAcoustic'));
  return { ...audio, metrics: { ...audio.metrics, ...language, paceAcoustic: audio.metrics.pace, pace: full.metrics.pace },
    notes: full.notes, participants: full.participants, timingSource: full.timingSource };
}

export function syntheticCall(r: Rng, words: WordSource, opts: SyntheticOptions): SyntheticCall {
  const durationSec = opts.durationSec ?? Math.round(between(r, 1800, 3600));
  const segments: SegmentRecord[] = [];
  const utterances: Utterance[] = [];
  let side: 'me' | 'them' = r() < 0.5 ? 'me' : 'them';
  let t = between(r, 0.5, 3);
  let rareLeft = opts.rare;
  while (t < durationSec - 2) {
    const turnEnd = Math.min(durationSec - 1, t + Math.min(60, 1 + -Math.log(1 - r()) * 9)); // turns of ~10 s, a few long
    while (t < turnEnd) {
      const end = Math.min(turnEnd, t + between(r, 1, 7.5));
      const start = round2(t);
      const stop = round2(end);
      if (stop > start) {
        const syllables = side === 'me' ? Math.round((stop - start) * between(r, 3, 5)) : 0;
        segments.push({ side, start, end: stop, syllables });
        if (r() < 0.72) {
          const n = Math.max(1, Math.round((stop - start) * between(r, 1.8, 3.2)));
          const plant = rareLeft && r() < 0.01;
          if (plant) rareLeft = false;
          utterances.push({ side, speaker: side === 'me' ? 'Me' : null, start, end: stop, text: words.sentence(r, n, plant) });
        }
      }
      t = end + between(r, 0.15, 0.8);
    }
    side = side === 'me' ? 'them' : 'me';
    t += r() < 0.08 ? -between(r, 0.2, 1) : between(r, 0.2, 1.5); // sometimes the other side cuts in
    t = Math.max(t, segments[segments.length - 1].start + 0.05);
  }
  if (rareLeft && utterances.length) utterances[utterances.length >> 1].text += ` ${RARE_WORD}.`;
  const vision: VisionSample[] = [];
  if (r() < opts.visionShare) {
    let faces = 1 + Math.floor(r() * 3);
    for (let v = 0; v < durationSec; v += 0.5) {
      if (r() < 0.01) faces = Math.floor(r() * 4);
      const facing = Math.min(faces, Math.floor(r() * (faces + 1)));
      vision.push({ t: v, facesVisible: faces, facingCount: facing, cameraOn: faces > 0 });
    }
  }
  const audio = reportFromSegments('call.wav', segments, durationSec);
  const report = opts.languageFrom ? withLanguageOf(audio, opts.languageFrom)
    : analyzeTranscript({ file: 'call.wav', utterances, audio, vision, wordsFrom: 'on-device speech recognition (bench)' });
  delete report.utterances; // the store keeps them in their own table
  const title = `${COMPANIES[Math.floor(r() * COMPANIES.length)]} ${TITLES[Math.floor(r() * TITLES.length)]}`;
  return { source: r() < 0.7 ? 'live' : 'file', title, durationSec, segments, utterances, vision, report };
}
