import { espeakCalls, librivoxCalls, loudBleedCall } from '../tests/support/timing-calls';
import { boundaryFigures, patienceFigures, runCalls, meetingFigures } from '../tests/support/timing-figures';
import { summarise } from '../tests/support/boundary-errors';
process.env.CANDOR_MODELS_DIR = '/work/shared/models';
const calls = [...espeakCalls(), ...librivoxCalls(), { name: 'loud bleed', call: loudBleedCall() }];
const run = await runCalls(calls, 'candor');
if (process.env.V) for (const c of run.calls) console.log(c.name.padEnd(36), JSON.stringify(summarise(c.errors.onset)), JSON.stringify(summarise(c.errors.offset)), c.errors.missed, c.errors.extra, 'pat', c.patience.mean, c.truthPatience.mean);
for (const g of ['espeak', 'librivox', 'loud', '']) console.log(g || 'ALL', JSON.stringify(boundaryFigures(run.calls.filter((c) => c.name.startsWith(g)))));
console.log(JSON.stringify(patienceFigures(run.calls)), 'rtf', (run.wallSec / run.audioSec).toFixed(4), 'cpu', (run.cpuSec / run.audioSec).toFixed(4));
if (process.env.M) { const m = await meetingFigures('candor'); console.log(JSON.stringify(m.pooled), Object.entries(m.perExcerpt).map(([k, s]) => `${k} p${s.precision} r${s.recall} f${s.f1}`).join(' ')); }
