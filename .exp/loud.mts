import { loudBleedCall } from '../tests/support/timing-calls';
import { candorSegments, plainSileroSegments } from '../tests/support/detectors';
process.env.CANDOR_MODELS_DIR = '/work/shared/models';
const call = loudBleedCall();
const got = await candorSegments(call.channels);
const f = (s: number[][]) => s.map(([a, b]) => `${a.toFixed(3)}-${b.toFixed(3)}`).join(' ');
console.log('truth me  ', f(call.truth.me)); console.log('got me    ', f(got.me));
console.log('truth them', f(call.truth.them)); console.log('got them  ', f(got.them));
