// Word error rate: (substitutions + deletions + insertions) / reference
// words, after the usual normalisation (lower case, punctuation dropped,
// hyphens as spaces). Used by `npm run verify:asr`.

export function normalizeForWer(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[-–—]/g, ' ')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

export interface WerResult {
  wer: number;
  substitutions: number;
  deletions: number;
  insertions: number;
  referenceWords: number;
}

export function wordErrorRate(reference: string, hypothesis: string): WerResult {
  const r = normalizeForWer(reference);
  const h = normalizeForWer(hypothesis);
  // d[i][j]: [cost, subs, dels, ins] aligning r[0..i) with h[0..j)
  type Cell = [number, number, number, number];
  let prev: Cell[] = Array.from({ length: h.length + 1 }, (_, j) => [j, 0, 0, j] as Cell);
  for (let i = 1; i <= r.length; i++) {
    const cur: Cell[] = [[i, 0, i, 0]];
    for (let j = 1; j <= h.length; j++) {
      const same = r[i - 1] === h[j - 1];
      const diag = prev[j - 1];
      const up = prev[j];
      const left = cur[j - 1];
      const options: Cell[] = [
        [diag[0] + (same ? 0 : 1), diag[1] + (same ? 0 : 1), diag[2], diag[3]],
        [up[0] + 1, up[1], up[2] + 1, up[3]],
        [left[0] + 1, left[1], left[2], left[3] + 1],
      ];
      cur.push(options.reduce((a, b) => (b[0] < a[0] ? b : a)));
    }
    prev = cur;
  }
  const [cost, substitutions, deletions, insertions] = prev[h.length];
  return { wer: r.length === 0 ? (h.length === 0 ? 0 : 1) : cost / r.length, substitutions, deletions, insertions, referenceWords: r.length };
}
