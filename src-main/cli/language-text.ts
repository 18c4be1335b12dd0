// The language part of the human report: what formatReport (report-text.ts)
// does not already show.
import type { AnalysisReport } from '../contract/report';
import { fmt } from './progress';

interface Lang {
  fillers?: { byWord: Record<string, number>; perWord: number };
  nextSteps?: { set: boolean; items: { text: string; at: number }[] };
  sentiment?: { call: number | null; bySide?: { me: number | null; them: number | null } };
  engagement?: { call: number | null };
  moments?: { at: number; kind: string; before: string }[];
  engagingQuestionsList?: { at: number; text: string }[];
}

export function formatLanguage(report: AnalysisReport): string {
  const m = report.metrics as unknown as Lang;
  if (!m.nextSteps && !m.sentiment) return '';
  const lines: string[] = ['', '  Words:'];
  const by = Object.entries(m.fillers?.byWord ?? {}).sort((a, b) => b[1] - a[1]);
  if (by.length) lines.push(`    fillers by word: ${by.map(([w, n]) => `"${w}" ${n}`).join(', ')}`);
  for (const q of m.engagingQuestionsList ?? []) lines.push(`    engaging question at ${fmt(q.at)}: ${q.text}`);
  if (m.nextSteps) {
    lines.push(`    next steps: ${m.nextSteps.set ? 'set' : 'none found in the last third of the call'}`);
    for (const it of m.nextSteps.items) lines.push(`      ${fmt(it.at)}  ${it.text}`);
  }
  const s = m.sentiment;
  if (s) lines.push(`    sentiment (0-100, 50 neutral): call ${s.call ?? 'n/a'}${s.bySide ? `, me ${s.bySide.me ?? 'n/a'}, them ${s.bySide.them ?? 'n/a'}` : ''}`);
  if (m.engagement) lines.push(`    engagement (0-100, from talk, turns, questions${report.vision ? ', camera' : ''}): call ${m.engagement.call ?? 'n/a'}`);
  for (const mo of m.moments ?? []) lines.push(`    ${fmt(mo.at)}  ${mo.kind.padEnd(15)}  "...${mo.before}"`);
  return lines.join('\n') + '\n';
}
