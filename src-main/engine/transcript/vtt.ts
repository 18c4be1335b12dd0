// WebVTT (Zoom and Teams exports, diariser output): the W3C parser
// (webvtt-parser.ts) with lenient timings, then Candor's layer: a cue that
// ends before it starts is skipped (the spec keeps it; it has no duration to
// measure), skipped cues and lenient timings go to the import log, and
// speakers come from <v Name> spans (Teams) or a "Name: " prefix (Zoom).
import { cueSpeakerAndText } from './cue-text';
import { fmtSec } from './errors';
import { ImportLog } from './import-log';
import { feedText, type LineParser } from './lines';
import type { RawCue } from './types';
import { WebVttParser } from './webvtt-parser';

export function vttParser(file: string, log: ImportLog, onCue: (c: RawCue) => void): LineParser {
  return new WebVttParser({ lenient: true, file }, {
    skip: (s) => log.skip(s),
    cue: (c) => {
      if (c.end < c.start) {
        log.skip({ line: c.line, reason: `the cue ends (${fmtSec(c.end)}) before it starts (${fmtSec(c.start)})` });
        return;
      }
      if (c.lenientTiming !== null) log.lenient(c.line, c.lenientTiming);
      const { speaker, text } = cueSpeakerAndText(c.text);
      if (text !== '') onCue({ speaker, start: c.start, end: c.end, text, line: c.line });
    },
  });
}

export function parseVtt(text: string, file = 'transcript.vtt', log = new ImportLog()): RawCue[] {
  const cues: RawCue[] = [];
  feedText(text, vttParser(file, log, (c) => cues.push(c)));
  return cues;
}
