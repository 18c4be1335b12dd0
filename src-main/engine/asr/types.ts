// Speech recognition, as the rest of the engine sees it.
import type { Utterance } from '../../contract/calls';
import type { Side } from '../../contract/report';

export const ASR_SAMPLE_RATE = 16000;

/** One finished VAD segment of one side: 16 kHz mono samples starting at startSec of the call. */
export interface TranscribeRequest {
  side: Side;
  startSec: number;
  samples: Float32Array;
}

/** What the transformers.js ASR pipeline returns with return_timestamps (times relative to its input). */
export interface AsrChunk {
  timestamp: [number, number | null];
  text: string;
}

export interface AsrOutput {
  text: string;
  chunks?: AsrChunk[];
}

/** Runs the model on 16 kHz mono samples. Lives in the ASR worker thread. */
export interface AsrRunner {
  run(samples: Float32Array): Promise<AsrOutput>;
  dispose?(): Promise<void>;
}

export interface Transcriber {
  /** The manifest name of the model in use. */
  readonly model: string;
  /** Transcribes one segment; resolves with its utterances in call time. */
  transcribe(req: TranscribeRequest): Promise<Utterance[]>;
  /** Transcribes everything queued now instead of waiting for more. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** What the worker's runner is built from. Plain data: it crosses the thread boundary. */
export interface RunnerConfig {
  /** transformers.js model id = folder under localModelPath. */
  modelId: string;
  localModelPath: string;
  dtype: string;
  multilingual: boolean;
  language?: string;
  /** Verbatim-style prompt (see docs/asr.md); '' turns it off. */
  prompt: string;
  /** Module that exports createRunner(config); tests point this at a fake. Default: whisper-runner. */
  runnerModule?: string;
}
