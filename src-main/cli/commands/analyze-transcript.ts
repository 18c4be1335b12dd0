// candor analyze --transcript <file> [--me "<name>"] [--json] [--save]
// candor analyze <audio> --transcript <file> --me "<name>" ...
// With a transcript alone, timing comes from its cue times; with audio too,
// the audio supplies timing and the transcript the words. `analyze.ts`
// hands over here whenever --transcript is given. In this form --me names a
// speaker of the transcript; with the two-file audio form (--me <mic-file>
// --them <system-file>) name the speaker with --speaker instead. A
// transcript that names no speakers needs the audio: each cue then takes the
// side whose voice activity covers most of it.
import { outputAnalysis } from '../analysis-output';
import type { Side } from '../../contract/report';
import type { CallAudioSpec } from '../../engine/audio/call-audio';
import { analyzeFiles } from '../../engine/pipeline/analyze-files';
import { parse } from '../args';
import { UsageError } from '../errors';
import { ProgressBar } from '../progress';

export const transcriptUsage = 'candor analyze --transcript <file> [--me "<name>"] [--json] [--save] [--db path] [--title t]\n' +
  '       candor analyze <audio> --transcript <file> [--me "<name>"] [--side me|them] [--json] [--save]\n' +
  '       candor analyze --me <mic-file> --them <system-file> --transcript <file> --speaker "<name>"';

export function wantsTranscript(argv: readonly string[]): boolean {
  return argv.some((a) => a === '--transcript' || a.startsWith('--transcript='));
}

function audioSpec(positionals: string[], v: { me?: string; them?: string; side?: string }): CallAudioSpec | null {
  if (v.them !== undefined) {
    if (!v.me) throw new UsageError('--me and --them go together: one file per side');
    return { me: v.me, them: v.them };
  }
  if (positionals.length > 1) throw new UsageError('one audio file at a time');
  if (positionals.length === 0) {
    if (v.side !== undefined) throw new UsageError('--side needs an audio file');
    return null;
  }
  if (v.side !== undefined && v.side !== 'me' && v.side !== 'them') throw new UsageError(`--side must be "me" or "them", not "${v.side}"`);
  return { file: positionals[0], side: v.side as Side | undefined };
}

export async function analyzeTranscriptCommand(argv: string[]): Promise<number> {
  const { values: v, positionals } = parse(argv, {
    transcript: { type: 'string' },
    me: { type: 'string' },
    speaker: { type: 'string' },
    them: { type: 'string' },
    side: { type: 'string' },
    json: { type: 'boolean' },
    save: { type: 'boolean' },
    db: { type: 'string' },
    title: { type: 'string' },
    'allow-truncated': { type: 'boolean' },
    'no-bleed': { type: 'boolean' },
  });
  if (!v.transcript) throw new UsageError('--transcript needs a file');
  const spec = audioSpec(positionals, v);
  const speaker = v.speaker ?? (spec && 'me' in spec ? undefined : v.me);
  const progress = spec ? new ProgressBar('analysing') : null;
  let r;
  try {
    r = await analyzeFiles({ audio: spec ?? undefined, transcript: v.transcript, me: speaker }, {
      allowTruncated: v['allow-truncated'],
      bleed: v['no-bleed'] ? false : undefined,
      onProgress: (done, total) => progress?.update(done, total),
    });
  } finally {
    progress?.done();
  }
  return outputAnalysis(r.report, r.segments, r.utterances, v);
}
