// How many inputs each CI run mutates per target: 10,000 or more in all,
// within a few minutes on a 2-core machine. Helper targets (transcripts) add
// their own rows here.
export const FUZZ_COUNTS: Record<string, number> = {
  wav: 2000,
  flac: 600,
  mp3: 600,
  opus: 600,
  // Each M4A input is an ffprobe + ffmpeg run (about 0.1-1 s): few, but every run.
  m4a: 30,
  png: 2500,
  ipc: 4000,
  // Transcript exports (line-level damage, very long lines, bytes that are not UTF-8).
  'zoom.vtt': 750,
  'teams.vtt': 750,
  'named.srt': 750,
  'call.jsonl': 750,
};

/** One seed per target, so each target's inputs are reproducible on their own. */
export const FUZZ_SEEDS: Record<string, number> = { wav: 1, png: 2, flac: 3, mp3: 4, opus: 5, m4a: 6, ipc: 7, 'zoom.vtt': 10, 'teams.vtt': 11, 'named.srt': 12, 'call.jsonl': 13 };
