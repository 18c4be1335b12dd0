// createTranscriber(): the one entry point the live session and file
// analysis use. It resolves the ASR model from the models folder (verified,
// never downloaded), starts the worker thread and batches segments. When
// the model is missing or does not load it returns null and says why, and
// the caller carries on with timing metrics only.
import type { Utterance } from '../../contract/calls';
import { CandorError } from '../../contract/errors';
import { defaultAsrModel, multiFileEntry, type MultiFileEntry } from '../models/manifest';
import { resolveModelDirSync } from '../models/resolve-dir';
import { SegmentBatcher, type BatchOptions } from './batcher';
import type { RunnerConfig, TranscribeRequest, Transcriber } from './types';
import { VERBATIM_PROMPT } from './whisper-runner';
import { AsrWorkerClient } from './worker-client';

export interface TranscriberOptions {
  /** Manifest name; default: the manifest's default ASR model. */
  model?: string;
  /** For multilingual models; default 'en'. */
  language?: string;
  /** Verbatim prompt; '' turns it off. Default: VERBATIM_PROMPT. */
  prompt?: string;
  batch?: BatchOptions;
  env?: NodeJS.ProcessEnv;
  /** Tests: a module exporting createRunner(config) used instead of Whisper. */
  runnerModule?: string;
  /** Told why there is no transcriber, when createTranscriber returns null. */
  onUnavailable?: (reason: string) => void;
}

export type AsrAvailability =
  | { ok: true; entry: MultiFileEntry; root: string }
  | { ok: false; reason: string; error?: CandorError };

/** Whether an ASR model is installed and intact; never throws, never downloads. */
export function asrAvailability(opts: { model?: string; env?: NodeJS.ProcessEnv } = {}): AsrAvailability {
  try {
    const entry = opts.model ? multiFileEntry(opts.model) : defaultAsrModel();
    if (!entry) return { ok: false, reason: 'the model manifest lists no speech recognition model' };
    const { root } = resolveModelDirSync(entry.name, opts.env);
    return { ok: true, entry, root };
  } catch (err) {
    if (err instanceof CandorError) return { ok: false, reason: err.userMessage, error: err };
    throw err;
  }
}

class WorkerTranscriber implements Transcriber {
  private readonly batcher: SegmentBatcher;
  constructor(readonly model: string, private readonly client: AsrWorkerClient, batch?: BatchOptions) {
    this.batcher = new SegmentBatcher((samples) => client.run(samples), batch);
  }

  transcribe(req: TranscribeRequest): Promise<Utterance[]> {
    if (!(req.samples instanceof Float32Array)) return Promise.reject(new CandorError('BAD_ARGUMENT', 'Expected a Float32Array for samples'));
    if (req.samples.length === 0) return Promise.resolve([]);
    return this.batcher.add(req);
  }

  flush(): Promise<void> {
    return this.batcher.flush();
  }

  async close(): Promise<void> {
    await this.batcher.close();
    await this.client.close();
  }
}

export async function createTranscriber(opts: TranscriberOptions = {}): Promise<Transcriber | null> {
  const avail = asrAvailability(opts);
  if (!avail.ok) {
    opts.onUnavailable?.(avail.reason);
    return null;
  }
  const config: RunnerConfig = {
    modelId: avail.entry.dir,
    localModelPath: avail.root,
    dtype: avail.entry.dtype ?? 'q8',
    multilingual: avail.entry.language === undefined,
    language: opts.language,
    prompt: opts.prompt ?? VERBATIM_PROMPT,
    runnerModule: opts.runnerModule,
  };
  try {
    const client = await AsrWorkerClient.start(config);
    return new WorkerTranscriber(avail.entry.name, client, opts.batch);
  } catch (err) {
    opts.onUnavailable?.(`the speech model ${avail.entry.name} did not load: ${(err as Error).message}`);
    return null;
  }
}
