import { candorSegments, plainSileroSegments } from '/work/wt-timing/tests/support/detectors';
import { espeakCalls, librivoxCalls, loudBleedCall } from '/work/wt-timing/tests/support/timing-calls';
import { edgeErrors, mergeErrors, summarise } from '/work/wt-timing/tests/support/boundary-errors';
import { computeTimingMetrics } from '/work/wt-timing/src-main/engine/metrics/timing-metrics';
process.env.CANDOR_MODELS_DIR = '/work/shared/models';
const calls = [...espeakCalls(), ...librivoxCalls(), { name: 'loud bleed', call: loudBleedCall() }];
const errs: Record<string, any[]> = { candor: [], plain: [] };
for (const { name, call } of calls) {
  const t = computeTimingMetrics(call.truth, call.durationSec).patienceSec;
  for (const [k, fn] of [['candor', candorSegments], ['plain', plainSileroSegments]] as const) {
    const got = await fn(call.channels);
    const e = edgeErrors(got, call.truth);
    errs[k].push(e);
    const m = computeTimingMetrics(got, call.durationSec).patienceSec;
    console.log(name.padEnd(36), k.padEnd(7), 'on', JSON.stringify(summarise(e.onset)), 'off', JSON.stringify(summarise(e.offset)), 'miss', e.missed, 'extra', e.extra, 'pat', m.mean, m.count, 'truth', t.mean, t.count);
  }
}
for (const k of ['candor', 'plain']) { const m = mergeErrors(errs[k]); console.log(k, 'onset', summarise(m.onset), 'offset', summarise(m.offset), m.missed, m.extra); }
