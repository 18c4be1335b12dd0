// "Add a call…": a transcript's speakers for choosing "me", and imports that
// run the same analysis as `candor analyze --save` (pipeline/analyze-files)
// in the background with progress, cancel and one outcome event each. A
// call is stored only when its whole analysis succeeded; the "me" chosen is
// remembered per name in the settings.
import type { Utterance } from '../../contract/calls';
import { CandorError, serializeError } from '../../contract/errors';
import type { ImportFinished, ImportPhase, ImportProgress, ImportRequest, TranscriptInfo } from '../../contract/imports';
import type { AnalysisReport } from '../../contract/report';
import { MAX_ME_NAMES, type Settings, type SettingsPatch } from '../../contract/settings';
import type { CallSummary } from '../../contract/calls';
import { participantKey } from '../../contract/participants';
import { analyzeFiles, type FilesAnalysis, type FilesOptions, type FilesSpec } from '../pipeline/analyze-files';
import { cancelledError, throwIfCancelled } from '../pipeline/cancel';
import type { NewCall, SegmentRecord } from '../store/calls-store';
import { fillSpeakers } from '../transcript/check';
import { readTranscript } from '../transcript/import';
import { speakersOf, talkTimes } from '../transcript/sides';

export interface CallImportsDeps {
  save(call: NewCall, report: AnalysisReport, segments: SegmentRecord[], utterances: Utterance[]): number | Promise<number>;
  summary(id: number): CallSummary | Promise<CallSummary>;
  getSettings(): Settings | Promise<Settings>;
  updateSettings(patch: SettingsPatch): unknown;
  onProgress(p: ImportProgress): void;
  onFinished(p: ImportFinished): void;
  /** The analysis (tests may slow it down); analyzeFiles by default. */
  analyze?: (spec: FilesSpec, opts: FilesOptions) => Promise<FilesAnalysis>;
}

/** Share of the progress bar before and after the audio's analysis. */
const READ_SHARE = 0.05;
const SAVE_AT = 0.97;

const yieldTurn = (): Promise<void> => new Promise((r) => setImmediate(r));

/** The remembered "me" names with `name` first (one entry per folded name). */
export function rememberMe(names: readonly string[], name: string): string[] {
  const key = participantKey(name);
  return [name.trim(), ...names.filter((n) => participantKey(n) !== key)].slice(0, MAX_ME_NAMES);
}

export class CallImports {
  private readonly running = new Map<string, { abort: AbortController; done: Promise<void> }>();

  constructor(private readonly deps: CallImportsDeps) {}

  async transcriptInfo(path: string): Promise<TranscriptInfo> {
    const parsed = readTranscript(path);
    const { named } = fillSpeakers(parsed.cues);
    const talk = talkTimes(named);
    const speakers = speakersOf(named)
      .map((name) => ({ name, talkSec: talk.get(participantKey(name)) ?? 0 }))
      .sort((a, b) => b.talkSec - a.talkSec || a.name.localeCompare(b.name));
    const remembered = (await this.deps.getSettings()).meNames.map(participantKey);
    let suggestedMe: string | null = null;
    for (const key of remembered) {
      const hit = speakers.find((s) => participantKey(s.name) === key);
      if (hit) {
        suggestedMe = hit.name;
        break;
      }
    }
    const sidesNamed = speakers.length > 0 && speakers.every((s) => /^(me|them)$/i.test(s.name.trim()));
    return { path, format: parsed.format, speakers, suggestedMe, sidesNamed, cues: parsed.cues.length };
  }

  /** Starts an import; its outcome comes as onFinished. */
  start(req: ImportRequest): { importId: string } {
    if (this.running.has(req.importId)) {
      throw new CandorError('BAD_ARGUMENT', `an import with id ${req.importId} is already running`, 'Use a new id for each import.');
    }
    const abort = new AbortController();
    const entry = { abort, done: Promise.resolve() };
    this.running.set(req.importId, entry);
    entry.done = this.run(req, abort.signal).finally(() => this.running.delete(req.importId));
    return { importId: req.importId };
  }

  cancel(importId: string): { cancelled: boolean } {
    const r = this.running.get(importId);
    if (!r) return { cancelled: false };
    r.abort.abort();
    return { cancelled: true };
  }

  /** Cancels every import and waits until each has ended. */
  async cancelAll(): Promise<void> {
    const all = [...this.running.values()];
    for (const r of all) r.abort.abort();
    await Promise.all(all.map((r) => r.done));
  }

  private async run(req: ImportRequest, signal: AbortSignal): Promise<void> {
    const { importId } = req;
    let last = -1;
    const progress = (phase: ImportPhase, fraction: number | null): void => {
      if (fraction !== null && phase === 'analysing' && fraction - last < 0.01) return;
      if (fraction !== null) last = fraction;
      this.deps.onProgress({ importId, phase, fraction });
    };
    try {
      progress('reading', 0);
      await yieldTurn();
      const analyze = this.deps.analyze ?? analyzeFiles;
      const r = await analyze({ audio: req.audio !== undefined ? { file: req.audio } : undefined, transcript: req.transcript, me: req.me }, {
        signal,
        monoWithNames: 'transcript-timing',
        onTranscriptRead: () => progress('analysing', req.audio ? READ_SHARE : 0.5),
        onProgress: (done, total) => {
          if (total && total > 0) progress('analysing', READ_SHARE + (SAVE_AT - READ_SHARE) * Math.min(1, done / total));
        },
      });
      await yieldTurn();
      throwIfCancelled(signal);
      progress('saving', SAVE_AT);
      const id = await this.deps.save({ source: 'file', file: r.report.file, title: req.title }, r.report, r.segments, r.utterances);
      (r.report as { callId?: number }).callId = id;
      if (req.me !== undefined && req.transcript !== undefined) {
        try {
          const s = await this.deps.getSettings();
          await this.deps.updateSettings({ meNames: rememberMe(s.meNames, req.me) });
        } catch {
          // the call is stored; only the suggestion next time is lost
        }
      }
      this.deps.onFinished({ importId, ok: true, call: await this.deps.summary(id) });
    } catch (err) {
      const e = signal.aborted && !(err instanceof CandorError && err.code === 'CANCELLED') ? cancelledError('the import') : err;
      this.deps.onFinished({ importId, ok: false, error: serializeError(e) });
    }
  }
}
