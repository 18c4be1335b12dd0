// The Whisper runner's pieces that do not need weights: the verbatim prompt
// prefix, and loading with no model files fails locally (no network).
import assert from 'node:assert/strict';
import test from 'node:test';
import { createRunner, promptPrefix, VERBATIM_PROMPT } from '../../../src-main/engine/asr/whisper-runner';
import { tempDir } from '../../support/tmp';

const SPECIAL: Record<string, number> = { '<|startofprev|>': 50360, '<|startoftranscript|>': 50257, '<|en|>': 50258, '<|transcribe|>': 50358 };
const tokenizer = {
  convert_tokens_to_ids: (t: string): number => SPECIAL[t] ?? -1,
  encode: (t: string, o: object): number[] => {
    assert.deepEqual(o, { add_special_tokens: false });
    return [...t].map((c) => c.charCodeAt(0));
  },
};

test('English-only: <|startofprev|> prompt <|startoftranscript|>, timestamps on', () => {
  const { prefix, promptTokens } = promptPrefix(tokenizer, ' um, like ', false);
  assert.deepEqual(prefix, [50360, ...' um, like'.split('').map((c) => c.charCodeAt(0)), 50257]);
  assert.equal(promptTokens, 1 + ' um, like'.length);
});

test('multilingual: language and task tokens follow <|startoftranscript|>', () => {
  const { prefix } = promptPrefix(tokenizer, 'hm', true, 'en');
  assert.deepEqual(prefix.slice(-3), [50257, 50258, 50358]);
});

test('the prompt keeps at most 223 tokens (Whisper\'s limit), the latest ones', () => {
  const { prefix } = promptPrefix(tokenizer, 'x'.repeat(400), false);
  assert.equal(prefix.length, 1 + 223 + 1);
});

test('the verbatim prompt itself is full of fillers', () => {
  assert.match(VERBATIM_PROMPT, /Umm.*like.*hmm.*Uh.*you know.*I mean/s);
});

test('no model files: loading fails from the local folder, without touching the network', async () => {
  const dir = tempDir();
  const t0 = Date.now();
  await assert.rejects(createRunner({ modelId: 'onnx-community/whisper-tiny.en', localModelPath: dir, dtype: 'q8', multilingual: false, prompt: '' }),
    (err: unknown) => {
      assert.ok(err instanceof Error);
      assert.match(err.message, /env\.allowRemoteModels=false` and file was not found locally at ".*\/onnx-community\/whisper-tiny\.en\/config\.json"/);
      assert.doesNotMatch(err.message, /fetch failed|ENOTFOUND|EAI_AGAIN/);
      return true;
    });
  assert.ok(Date.now() - t0 < 20_000);
});
