// A full report from a transcript alone, and with audio supplying the timing.
import assert from 'node:assert/strict';
import test from 'node:test';
import type { Utterance } from '../../../src-main/contract/calls';
import type { AnalysisReport } from '../../../src-main/contract/report';
import { analyzeTranscript, segmentsFromUtterances } from '../../../src-main/engine/language/analyze-transcript';
import { computeTimingMetrics } from '../../../src-main/engine/metrics/timing-metrics';

const u = (side: 'me' | 'them', start: number, end: number, text: string): Utterance => ({ side, start, end, text });

test('segments: per side, overlaps merged, pauses < 0.5 s bridged, other sides overlap freely', () => {
  const s = segmentsFromUtterances([u('me', 0, 2, 'a'), u('me', 2.4, 3, 'b'), u('me', 3.5, 4, 'c'), u('them', 1, 5, 'd'), u('them', 4, 6, 'e')]);
  assert.deepEqual(s, { me: [[0, 3], [3.5, 4]], them: [[1, 6]] });
});

test('transcript only: timing metrics from cue times, pace from words', () => {
  const utts = [
    u('me', 0, 10, 'So what does a normal week look like for your team'), // 11 words
    u('them', 10.8, 30, 'We plan on Monday and ship on Thursday, mostly.'),
    u('me', 30.6, 40, "Let's meet again next Tuesday then."), // 6 words
  ];
  const r = analyzeTranscript({ file: 'call.vtt', utterances: utts });
  assert.equal(r.file, 'call.vtt');
  assert.equal(r.durationSec, 40);
  assert.deepEqual(r.segments, { me: [[0, 10], [30.6, 40]], them: [[10.8, 30]] });
  const timing = computeTimingMetrics(r.segments, 40);
  for (const k of ['talkShare', 'talkSec', 'longestMonologueSec', 'patienceSec', 'interruptions', 'silenceShare'] as const) {
    assert.deepEqual(r.metrics[k], timing[k], k);
  }
  assert.equal(r.metrics.talkShare, 0.503); // 19.4 / (19.4 + 19.2)
  assert.deepEqual(r.metrics.patienceSec, { mean: 0.6, median: 0.6, count: 1 });
  assert.deepEqual(r.metrics.pace, { method: 'transcript', wpm: 53 }); // 17 words / (19.4 s / 60)
  assert.deepEqual((r.metrics.nextSteps as { set: boolean }).set, true);
  assert.equal(r.metrics.engagingQuestions, 1);
  assert.match(r.notes![0], /cue times/);
});

test('with audio: the audio keeps its timing, the transcript adds words, the acoustic pace is kept aside', () => {
  const audio: AnalysisReport = {
    file: 'call.wav',
    durationSec: 45,
    segments: { me: [[0.1, 9.9], [30.7, 40.1]], them: [[10.9, 29.8]] },
    metrics: { ...computeTimingMetrics({ me: [[0.1, 9.9], [30.7, 40.1]], them: [[10.9, 29.8]] }, 45, { syllablesMe: 40 }) },
    notes: ['from the pipeline'],
  };
  const utts = [u('me', 0, 10, 'How big is the team'), u('them', 10.8, 30, 'About forty people.')];
  const r = analyzeTranscript({ file: 'call.wav', utterances: utts, audio, wordsFrom: 'the transcript call.vtt' });
  assert.deepEqual(r.segments, audio.segments);
  assert.equal(r.durationSec, 45);
  assert.equal(r.metrics.talkShare, audio.metrics.talkShare);
  assert.deepEqual(r.metrics.paceAcoustic, audio.metrics.pace);
  assert.equal(r.metrics.pace.method, 'transcript');
  assert.equal(r.metrics.pace.wpm, Math.round(5 / ((9.8 + 9.4) / 60))); // 5 words over the audio's talk time
  assert.deepEqual(r.metrics.questions, { me: 1, them: 0 });
  assert.deepEqual(r.notes, ['from the pipeline', 'Timing comes from the audio; words come from the transcript call.vtt.']);
});

test('a transcript much longer than its audio gets a note', () => {
  const audio: AnalysisReport = { file: 'a.wav', durationSec: 20, segments: { me: [], them: [] }, metrics: { ...computeTimingMetrics({ me: [], them: [] }, 20) } };
  const r = analyzeTranscript({ file: 'a.wav', utterances: [u('me', 0, 60, 'hello')], audio });
  assert.equal(r.notes!.at(-1), 'The transcript runs to 60 s but the audio is 20 s long: are they from the same call?');
});
