// A call's export JSON is built from the rows its digest check read: it is
// the call as getCall returns it (without the sparkline), word timings
// included as stored, whatever the text holds.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import type { Utterance } from '../../../src-main/contract/calls';
import { CallStore } from '../../../src-main/engine/store/calls-store';
import { exportCalls } from '../../../src-main/engine/store/export';
import { reportFromSegments } from '../../../src-main/engine/store/recovery';
import { tempDir } from '../../support/tmp';
import { segmentsFor } from './support/history';

const dir = tempDir();

const TRICKY: Utterance[] = [
  { side: 'me', speaker: 'Ana "A" Lopez', start: 0, end: 2.5, text: 'the key is "\\u0000words":0 here', words: [{ w: 'the', s: 0, e: 0.2 }, { w: 'key', s: 0.3, e: 0.5 }] as never },
  { side: 'them', speaker: null, start: 3, end: 4, text: 'a real \u0000 NUL, "\u0000words":1 and a quote "' },
  { side: 'them', speaker: 'Bo', start: 1, end: 2, text: 'said earlier, with words', words: [{ w: 'said', s: 1, e: 1.4 }] as never },
];

test('export JSON of calls with word timings and odd text equals getCall, in time order', () => {
  const s = new CallStore(join(dir, 'export.db'));
  try {
    const segs = segmentsFor(6);
    const a = s.saveComplete({ source: 'file', title: 'Tricky "one"' }, reportFromSegments('a.wav', segs, 30), segs, TRICKY);
    const b = s.saveComplete({ source: 'file', title: 'Plain' }, reportFromSegments('b.wav', segs, 30), segs);
    const live = s.begin({ source: 'live', title: 'Still recording' });
    s.checkpoint(live, segs.slice(0, 2), [], 9, [{ t: 1, facesVisible: 2, facingCount: 1, cameraOn: true }]);
    const json = JSON.parse(exportCalls(s, [a, b, live], 'json')) as { calls: Record<string, unknown>[] };
    for (const [i, id] of [a, b, live].entries()) {
      const { sparkline: _s, ...want } = s.get(id);
      assert.deepEqual(json.calls[i], JSON.parse(JSON.stringify(want)), `call ${id}`);
    }
    const utts = json.calls[0].utterances as Utterance[];
    assert.deepEqual(utts.map((u) => u.start), [0, 1, 3]);
    assert.deepEqual(utts[0].words, TRICKY[0].words);
    assert.equal(utts[2].text, TRICKY[1].text);
    assert.equal('words' in utts[2], false);
  } finally {
    s.close();
  }
});

test('export JSON lists utterances by start then as stored, and face samples by time then as stored, whatever order they were stored in', () => {
  const s = new CallStore(join(dir, 'order.db'));
  try {
    const segs = segmentsFor(4);
    const utts: Utterance[] = [
      { side: 'them', speaker: 'Bo', start: 5, end: 6, text: 'b1' },
      { side: 'me', speaker: null, start: 1, end: 2, text: 'a' },
      { side: 'me', speaker: null, start: 5, end: 5.5, text: 'b2' },
      { side: 'them', speaker: 'Bo', start: 0.25, end: 0.5, text: 'first' },
    ];
    const saved = s.saveComplete({ source: 'file', title: 'stored out of order' }, reportFromSegments('o.wav', segs, 30), segs, utts);
    // Face samples come with a live call's checkpoints, here out of time order and with two at the same time.
    const live = s.begin({ source: 'live', title: 'live' });
    const face = (t: number, facesVisible: number) => ({ t, facesVisible, facingCount: 0, cameraOn: facesVisible % 2 === 1 });
    s.checkpoint(live, segs, [], 4, [face(2, 1), face(1, 2)]);
    s.checkpoint(live, segs, [], 5, [face(2, 3), face(0.5, 4)]);
    s.finish(live, reportFromSegments('live', segs, 5), segs);
    const json = JSON.parse(exportCalls(s, [saved, live], 'json')) as { calls: { utterances: Utterance[]; vision: { t: number; facesVisible: number }[] }[] };
    assert.deepEqual(json.calls[0].utterances.map((u) => u.text), ['first', 'a', 'b1', 'b2']);
    assert.deepEqual(json.calls[1].vision.map((v) => [v.t, v.facesVisible]), [[0.5, 4], [1, 2], [2, 1], [2, 3]]);
    for (const [i, id] of [saved, live].entries()) {
      const { sparkline: _s, ...want } = s.get(id);
      assert.deepEqual(json.calls[i], JSON.parse(JSON.stringify(want)), `call ${id}`);
    }
  } finally {
    s.close();
  }
});
