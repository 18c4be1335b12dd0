import assert from 'node:assert/strict';
import test from 'node:test';
import { Segmenter } from '../../../src-main/engine/segments/segmenter';

const F = 0.032;
function run(pattern: string): [number, number][] {
  const s = new Segmenter('me');
  [...pattern].forEach((c, i) => s.push(i * F, (i + 1) * F, c === '#'));
  s.finish();
  return s.spans().map(([a, b]) => [Math.round(a / F), Math.round(b / F)]);
}

test('pauses shorter than 0.5 s are bridged', () => {
  // 15 frames = 0.48 s gap
  assert.deepEqual(run('##########' + '.'.repeat(15) + '##########'), [[0, 35]]);
});

test('a pause of 0.5 s or more splits segments', () => {
  // 16 frames = 0.512 s
  assert.deepEqual(run('##########' + '.'.repeat(16) + '##########'), [[0, 10], [26, 36]]);
});

test('single stray frames are not speech and do not bridge anything', () => {
  // without the stray frame the gap is 19 frames (0.61 s): two segments
  assert.deepEqual(run('##########' + '.'.repeat(9) + '#' + '.'.repeat(9) + '##########'), [[0, 10], [29, 39]]);
  // three frames (96 ms) are a run that counts and bridges
  assert.deepEqual(run('##########' + '.'.repeat(8) + '###' + '.'.repeat(8) + '##########'), [[0, 39]]);
});

test('segments shorter than 0.25 s are dropped', () => {
  assert.deepEqual(run('.....#####' + '.'.repeat(30)), []);
  assert.deepEqual(run('.....########' + '.'.repeat(30)), [[5, 13]]);
});

test('syllables are summed per segment', () => {
  const s = new Segmenter('me');
  for (let i = 0; i < 20; i++) s.push(i * F, (i + 1) * F, true, i % 5 === 0 ? 1 : 0);
  s.finish();
  assert.equal(s.all()[0].syllables, 4);
});
