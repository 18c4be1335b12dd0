// candor analyze <file> [--json] [--side me|them] [--save]
// candor analyze --me <mic-file> --them <system-file>
import { outputAnalysis } from '../analysis-output';
import type { Side } from '../../contract/report';
import type { CallAudioSpec } from '../../engine/audio/call-audio';
import { analyzeFiles } from '../../engine/pipeline/analyze-files';
import { parse } from '../args';
import type { Command } from '../command';
import { UsageError } from '../errors';
import { analyzeTranscriptCommand, transcriptUsage, wantsTranscript } from './analyze-transcript';
import { ProgressBar } from '../progress';

const usage = 'candor analyze <file> [--side me|them] [--json] [--save] [--db path] [--allow-truncated] [--no-bleed]\n' +
  '       candor analyze --me <mic-file> --them <system-file> [--json] [--save]\n' +
  `       ${transcriptUsage}`;

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'analyse a recorded call (stereo: channel 0 = me, 1 = them)',
  usage,
  async run(argv) {
    if (wantsTranscript(argv)) return analyzeTranscriptCommand(argv);
    const { values, positionals } = parse(argv, {
      json: { type: 'boolean' },
      side: { type: 'string' },
      save: { type: 'boolean' },
      db: { type: 'string' },
      me: { type: 'string' },
      them: { type: 'string' },
      title: { type: 'string' },
      'allow-truncated': { type: 'boolean' },
      'no-bleed': { type: 'boolean' },
    });
    let spec: CallAudioSpec;
    if (values.me !== undefined || values.them !== undefined) {
      if (!values.me || !values.them) throw new UsageError('--me and --them go together: one file per side');
      if (positionals.length) throw new UsageError('give either <file> or --me/--them, not both');
      spec = { me: values.me, them: values.them };
    } else {
      if (positionals.length !== 1) throw new UsageError(positionals.length ? 'one file at a time' : 'which file? give the path of a recording');
      let side: Side | undefined;
      if (values.side !== undefined) {
        if (values.side !== 'me' && values.side !== 'them') throw new UsageError(`--side must be "me" or "them", not "${values.side}"`);
        side = values.side;
      }
      spec = { file: positionals[0], side };
    }
    const progress = new ProgressBar('analysing');
    let result;
    try {
      result = await analyzeFiles({ audio: spec }, {
        allowTruncated: values['allow-truncated'],
        bleed: values['no-bleed'] ? false : undefined,
        onProgress: (done, total) => {
          if ((total ?? done) > 5) progress.update(done, total);
        },
      });
    } finally {
      progress.done();
    }
    return outputAnalysis(result.report, result.segments, result.utterances, values);
  },
};

