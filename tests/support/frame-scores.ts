// Frame-level speech detection scores against human references: RTTM speaker
// turns (any speaker counts as speech) inside the UEM's scored regions, on a
// 10 ms grid.
import { readFileSync } from 'node:fs';
import type { Span } from '../../src-main/contract/report';
import { union } from '../../src-main/engine/metrics/spans';

export const SCORE_FRAME_SEC = 0.01;

/** Speech spans per file id from an RTTM file (all speakers merged). */
export function readRttm(path: string): Map<string, Span[]> {
  const out = new Map<string, Span[]>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f[0] !== 'SPEAKER') continue;
    const start = Number(f[3]);
    const spans = out.get(f[1]) ?? [];
    spans.push([start, start + Number(f[4])]);
    out.set(f[1], spans);
  }
  for (const [k, v] of out) out.set(k, union(v, []));
  return out;
}

/** Scored regions per file id from a UEM file. */
export function readUem(path: string): Map<string, Span[]> {
  const out = new Map<string, Span[]>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4) continue;
    const spans = out.get(f[0]) ?? [];
    spans.push([Number(f[2]), Number(f[3])]);
    out.set(f[0], spans);
  }
  return out;
}

export interface FrameCounts {
  tp: number;
  fp: number;
  fn: number;
}

export interface FrameScores extends FrameCounts {
  precision: number;
  recall: number;
  f1: number;
}

function mask(spans: readonly Span[], n: number): Uint8Array {
  const m = new Uint8Array(n);
  for (const [s, e] of spans) m.fill(1, Math.max(0, Math.round(s / SCORE_FRAME_SEC)), Math.min(n, Math.round(e / SCORE_FRAME_SEC)));
  return m;
}

/** True/false positives and misses of `got` against `ref`, counted over the scored regions. */
export function frameCounts(got: readonly Span[], ref: readonly Span[], scored: readonly Span[]): FrameCounts {
  const n = Math.round(Math.max(...scored.map((s) => s[1])) / SCORE_FRAME_SEC);
  const g = mask(got, n);
  const r = mask(ref, n);
  const u = mask(scored, n);
  const c: FrameCounts = { tp: 0, fp: 0, fn: 0 };
  for (let i = 0; i < n; i++) {
    if (!u[i]) continue;
    if (g[i] && r[i]) c.tp++;
    else if (g[i]) c.fp++;
    else if (r[i]) c.fn++;
  }
  return c;
}

export function scores(c: FrameCounts): FrameScores {
  const precision = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 1;
  const recall = c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : 1;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { ...c, precision, recall, f1 };
}

export function pool(cs: readonly FrameCounts[]): FrameCounts {
  return cs.reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
}
