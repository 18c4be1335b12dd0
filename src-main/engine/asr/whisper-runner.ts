// The real model: Whisper through @huggingface/transformers (onnxruntime-node
// on the CPU), loaded from the local models folder only. It runs inside the
// ASR worker thread, never on the audio thread.
//
// Fillers: Whisper was trained on cleaned-up transcripts and tends to drop
// "um" and "uh". A verbatim-style prompt (text in the "previous context"
// slot, <|startofprev|>) that itself contains fillers makes it keep them;
// this is the approach OpenAI documents for its Whisper API. transformers.js
// 4.x declares `prompt_ids` but does not use it in generate(), so the prompt
// is passed as decoder_input_ids: <|startofprev|> prompt <|startoftranscript|>
// [<|lang|> <|transcribe|>], and the prompt tokens are cut off the output
// before decoding. If that path throws, the runner falls back to the plain
// pipeline call once and for good, and says so on stderr.
import type { AsrOutput, AsrRunner, RunnerConfig } from './types';
import { ASR_SAMPLE_RATE } from './types';

export const VERBATIM_PROMPT = 'Umm, let me think like, hmm... Okay, here\'s what I\'m, like, thinking. Uh, so, you know, I mean...';

/* eslint-disable @typescript-eslint/no-explicit-any -- transformers.js types its pipeline parts loosely */
type AsrPipeline = any;

/** The decoder prefix for a prompt, and how many of its tokens precede <|startoftranscript|>. */
export function promptPrefix(tokenizer: { convert_tokens_to_ids(t: string): number; encode(t: string, o: object): number[] },
  prompt: string, multilingual: boolean, language = 'en'): { prefix: number[]; promptTokens: number } {
  const prev = tokenizer.convert_tokens_to_ids('<|startofprev|>');
  // Whisper allows at most 223 prompt tokens (half its context minus one).
  const ids = tokenizer.encode(` ${prompt.trim()}`, { add_special_tokens: false }).slice(-223);
  const init = [tokenizer.convert_tokens_to_ids('<|startoftranscript|>')];
  if (multilingual) init.push(tokenizer.convert_tokens_to_ids(`<|${language}|>`), tokenizer.convert_tokens_to_ids('<|transcribe|>'));
  return { prefix: [prev, ...ids, ...init], promptTokens: 1 + ids.length };
}

async function promptedRun(asr: AsrPipeline, samples: Float32Array, prefix: number[], promptTokens: number): Promise<AsrOutput> {
  const { input_features } = await asr.processor(samples);
  const generated = await asr.model.generate({ inputs: input_features, decoder_input_ids: prefix, return_timestamps: true });
  const seq = generated.tolist()[0] as bigint[];
  const tokens = seq.slice(promptTokens);
  const fe = asr.processor.feature_extractor.config;
  const timePrecision = fe.chunk_length / asr.model.config.max_source_positions;
  const [text, optional] = asr.tokenizer._decode_asr([{ tokens, stride: [samples.length / ASR_SAMPLE_RATE, 0, 0] }],
    { time_precision: timePrecision, return_timestamps: true, force_full_sequences: false });
  return { text, chunks: optional?.chunks };
}

export async function createRunner(config: RunnerConfig): Promise<AsrRunner> {
  const tf = await import('@huggingface/transformers');
  tf.env.allowRemoteModels = false; // never any network
  tf.env.allowLocalModels = true;
  tf.env.localModelPath = config.localModelPath.endsWith('/') ? config.localModelPath : `${config.localModelPath}/`;
  tf.env.useBrowserCache = false;
  const asr: AsrPipeline = await tf.pipeline('automatic-speech-recognition', config.modelId, {
    dtype: config.dtype as 'q8',
    device: 'cpu',
    local_files_only: true,
  });
  const plainOpts: Record<string, unknown> = { return_timestamps: true, chunk_length_s: 30, stride_length_s: 5 };
  if (config.multilingual) Object.assign(plainOpts, { language: config.language ?? 'en', task: 'transcribe' });
  let prompt = config.prompt.trim() ? promptPrefix(asr.tokenizer, config.prompt, config.multilingual, config.language) : null;
  return {
    async run(samples) {
      // The prompted path handles one 30 s window; longer input goes through the pipeline's chunking.
      if (prompt && samples.length <= 30 * ASR_SAMPLE_RATE) {
        try {
          return await promptedRun(asr, samples, prompt.prefix, prompt.promptTokens);
        } catch (err) {
          process.stderr.write(`candor: the verbatim prompt failed (${(err as Error).message}); transcribing without it\n`);
          prompt = null;
        }
      }
      return (await asr(samples, plainOpts)) as AsrOutput;
    },
    async dispose() {
      await asr.dispose?.();
    },
  };
}
