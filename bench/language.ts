// Language bench: transcript analysis of a generated 2-hour call must take
// <= 1 s. Measured against a naive baseline in the same run: the same
// metrics where every metric re-reads the text itself (tokenize, fillers,
// question test and VADER per metric and per window, linear scans over all
// utterances and segments) instead of preparing each utterance once and
// sweeping. Also the ASR real-time factor per installed model, or
// "skipped: model absent". Run alone: `npx tsx bench/language.ts`.
import { fileURLToPath } from 'node:url';
import type { Utterance } from '../src-main/contract/calls';
import type { Segments } from '../src-main/contract/report';
import { ASR_SAMPLE_RATE } from '../src-main/engine/asr/types';
import { asrAvailability, createTranscriber } from '../src-main/engine/asr/transcriber';
import { readMono16k } from '../src-main/engine/audio/read-whole';
import { analyzeTranscript, segmentsFromUtterances } from '../src-main/engine/language/analyze-transcript';
import { engagingQuestions } from '../src-main/engine/language/engaging';
import { fillerStats, transcriptWpm } from '../src-main/engine/language/filler-stats';
import { languageMetrics } from '../src-main/engine/language/language-metrics';
import { findMoments } from '../src-main/engine/language/moments';
import { nextSteps } from '../src-main/engine/language/next-steps';
import { prepareUtterance, type PreparedUtterance } from '../src-main/engine/language/prepare';
import { toScore } from '../src-main/engine/language/sentiment';
import type { Timeline } from '../src-main/engine/language/sentiment-timeline';
import { engagementScore } from '../src-main/engine/language/engagement';
import { windowSignals } from '../src-main/engine/language/engagement-signals';
import { WINDOW_SEC, windowCount } from '../src-main/engine/language/windows';
import { loadManifest, type MultiFileEntry } from '../src-main/engine/models/manifest';
import { totalDuration } from '../src-main/engine/metrics/spans';

const BUDGET_MS = 1000;

const ME = [
  'So, how does your team handle onboarding today',
  'Um, what does a normal week look like for you?',
  'We, like, automate that part, you know, with scheduled exports.',
  'I mean, the price depends on the number of seats.',
  'That is really good to hear, thanks for sharing.',
  'Could you walk me through the approval process',
  "Let's schedule a follow up call on Tuesday.",
  "I'll send the summary tomorrow morning.",
];
const THEM = [
  'Honestly it has been great, the team loves it and we use it every day.',
  'Mostly spreadsheets and a lot of email back and forth, which is painful.',
  'The price is a problem, it is not good for us and I hate surprises.',
  'Do you support single sign-on and audit logs?',
  'We have about forty people across three offices, growing fast this year.',
  'Sure, that works for me.',
];

/** A deterministic 2-hour call: alternating turns of 2-20 s, some overlap, some silence. */
export function generateCall(durationSec = 7200, seed = 42): Utterance[] {
  let s = seed >>> 0;
  const rnd = (): number => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const out: Utterance[] = [];
  let t = 0;
  let side: 'me' | 'them' = 'me';
  while (t < durationSec - 5) {
    const len = 2 + rnd() * 18;
    const bank = side === 'me' ? ME : THEM;
    const sentences = Math.max(1, Math.round(len / 4));
    const text = Array.from({ length: sentences }, () => bank[Math.floor(rnd() * bank.length)]).join(' ');
    const end = Math.min(durationSec, t + len);
    out.push({ side, speaker: side === 'me' ? 'Sam' : 'Kim', start: Math.round(t * 100) / 100, end: Math.round(end * 100) / 100, text });
    t = end + (rnd() < 0.1 ? -0.4 : 0.2 + rnd() * 1.5);
    if (rnd() < 0.85) side = side === 'me' ? 'them' : 'me';
  }
  return out;
}

/** The naive baseline: same results, but every metric re-reads every utterance's text. */
export function naiveLanguageMetrics(utterances: readonly Utterance[], segments: Segments, durationSec: number): object {
  const sorted = [...utterances].sort((a, b) => a.start - b.start);
  const reread = (): PreparedUtterance[] => sorted.map(prepareUtterance);
  const talkMe = totalDuration(segments.me);
  const wpm = transcriptWpm(reread(), talkMe);
  const fillers = fillerStats(reread(), talkMe);
  const questions = { me: 0, them: 0 };
  for (const p of reread()) if (p.question) questions[p.u.side]++;
  const engaging = engagingQuestions(reread(), segments, durationSec);
  const steps = nextSteps(reread(), durationSec);
  const n = windowCount(durationSec);
  const sentimentTl: Timeline = [];
  for (let k = 0; k < n; k++) {
    let sum = 0;
    let w = 0;
    for (const u of sorted) {
      const mid = (u.start + u.end) / 2;
      if (Math.min(n - 1, Math.floor(mid / WINDOW_SEC)) !== k) continue;
      const p = prepareUtterance(u);
      sum += p.compound * p.words;
      w += p.words;
    }
    if (w > 0) sentimentTl.push([k * WINDOW_SEC, toScore(sum / w)]);
  }
  const engagementTl: Timeline = [];
  windowSignals({ segments, durationSec, prepared: reread() }).forEach((sig, k) => {
    const score = engagementScore(sig);
    if (score !== null) engagementTl.push([k * WINDOW_SEC, score]);
  });
  const moments = findMoments(reread(), engagementTl, sentimentTl);
  return { wpm, fillers, questions, engaging: engaging.length, steps, sentimentTl, engagementTl, moments };
}

function time<T>(fn: () => T): { ms: number; result: T } {
  const t0 = performance.now();
  const result = fn();
  return { ms: Math.round((performance.now() - t0) * 10) / 10, result };
}

async function asrBench(): Promise<object[]> {
  const jfk = fileURLToPath(new URL('../../shared/data/jfk.flac', import.meta.url));
  const models = loadManifest().filter((e): e is MultiFileEntry => e.kind === 'asr');
  const out: object[] = [];
  for (const m of models) {
    const avail = asrAvailability({ model: m.name });
    if (!avail.ok) {
      out.push({ model: m.name, skipped: `model absent: ${avail.reason.split('\n')[0]}` });
      continue;
    }
    const samples = await readMono16k(process.env.CANDOR_BENCH_AUDIO ?? jfk);
    const t0 = performance.now();
    const tr = await createTranscriber({ model: m.name, batch: { maxWaitMs: 0 } });
    if (!tr) {
      out.push({ model: m.name, skipped: 'model did not load' });
      continue;
    }
    const loadMs = performance.now() - t0;
    const t1 = performance.now();
    await tr.transcribe({ side: 'me', startSec: 0, samples });
    const runMs = performance.now() - t1;
    await tr.close();
    const audioSec = samples.length / ASR_SAMPLE_RATE;
    out.push({ model: m.name, audioSec, loadMs: Math.round(loadMs), runMs: Math.round(runMs), rtf: Math.round((runMs / 1000 / audioSec) * 1000) / 1000 });
  }
  return out;
}

export async function runLanguageBench(): Promise<object> {
  const utterances = generateCall();
  const durationSec = 7200;
  const segments = segmentsFromUtterances(utterances);
  const words = utterances.reduce((n, u) => n + u.text.split(/\s+/).length, 0);
  // warm up the JIT and VADER's lexicon once, then measure
  languageMetrics({ utterances: utterances.slice(0, 50), segments, durationSec });
  const indexed = time(() => languageMetrics({ utterances, segments, durationSec }));
  const full = time(() => analyzeTranscript({ file: 'generated-2h.jsonl', utterances, durationSec }));
  const naive = time(() => naiveLanguageMetrics(utterances, segments, durationSec));
  const nr = naive.result as Record<string, unknown>;
  const ir = indexed.result;
  const same = JSON.stringify([nr.wpm, nr.fillers, nr.questions, nr.engaging, nr.steps, nr.sentimentTl, nr.engagementTl, nr.moments]) ===
    JSON.stringify([ir.wpm, ir.fillers, ir.questions, ir.engagingQuestions, ir.nextSteps, ir.sentiment.timeline, ir.engagement.timeline, ir.moments]);
  return {
    transcript: {
      call: { durationSec, utterances: utterances.length, words },
      languageMetricsMs: indexed.ms,
      analyzeTranscriptMs: full.ms,
      budgetMs: BUDGET_MS,
      withinBudget: full.ms <= BUDGET_MS,
      naiveBaselineMs: naive.ms,
      speedupVsNaive: Math.round((naive.ms / indexed.ms) * 10) / 10,
      baseline: 're-reads every utterance (tokenize, fillers, question test, VADER) in each metric and window instead of once',
      sameResultAsBaseline: same,
    },
    asr: await asrBench(),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runLanguageBench().then((r) => {
    process.stdout.write(JSON.stringify(r, null, 2) + '\n');
    const t = (r as { transcript: { withinBudget: boolean } }).transcript;
    process.exitCode = t.withinBudget ? 0 : 1;
  });
}
