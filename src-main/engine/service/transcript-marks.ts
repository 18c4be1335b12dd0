// What the call view marks on each transcript line: my fillers (character
// ranges), questions, and the report's engaging questions and next steps.
// The rules are the language metrics' own (engine/language), so a marked
// line is exactly one the figures counted.
import type { Utterance } from '../../contract/calls';
import type { TranscriptLineMarks } from '../../contract/engine-api';
import type { AnalysisReport } from '../../contract/report';
import { prepareUtterance } from '../language/prepare';

const key = (side: string, at: number): string => `${side}@${at}`;

export function transcriptMarks(utterances: readonly Utterance[], report: AnalysisReport | null): TranscriptLineMarks[] {
  const m = report?.metrics;
  const engaging = new Set((m?.engagingQuestionsList ?? []).map((q) => key('me', q.at)));
  const steps = new Set((m?.nextSteps?.items ?? []).map((s) => key(s.side, s.at)));
  return utterances.map((u) => {
    const p = prepareUtterance(u);
    const fillers = u.side !== 'me' ? [] : p.fillers.map((f): [number, number] => [p.tokens[f.index].start, p.tokens[f.index + f.length - 1].end]);
    return {
      fillers,
      question: p.question,
      engaging: u.side === 'me' && p.question && engaging.has(key('me', u.start)),
      nextStep: steps.has(key(u.side, u.start)),
    };
  });
}
