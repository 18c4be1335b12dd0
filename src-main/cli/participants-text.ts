// The human report's participants table: one aligned row per participant.
import type { Participant } from '../contract/participants';

export function participantsTable(ps: readonly Participant[]): string[] {
  if (ps.length === 0) return [];
  const head = ['name', 'side', 'talk s', 'share', 'turns', 'monologue s', 'questions', 'wpm'];
  const rows = ps.map((p) => [
    p.name, p.side, p.talkSec.toFixed(1), p.share === null ? '-' : `${Math.round(p.share * 100)}%`,
    String(p.turns), p.longestMonologueSec.toFixed(1), String(p.questions), p.wpm === null ? '-' : String(Math.round(p.wpm)),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => '  ' + r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return ['', '  Participants', line(head), ...rows.map(line)];
}
