// Builds resources/samples/sample-call.flac, the call shipped for
// `candor analyze` on a machine without a microphone or display: the e2e
// test recording (espeak-ng voices, channel 0 = me, 1 = them), as FLAC.
// Run once by a developer: `npx tsx scripts/make-sample.ts`.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sampleCall } from '../tests/e2e/support/sample-call';

const out = join(import.meta.dirname, '..', 'resources', 'samples', 'sample-call.flac');
mkdirSync(join(out, '..'), { recursive: true });
execFileSync('sox', [sampleCall(), '-C', '8', out]);
console.log(out);
