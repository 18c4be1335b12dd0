// What the call view marks on each transcript line: my fillers (character
// ranges), questions, and the report's engaging questions and next steps.
// The rules are the language metrics' own (engine/language), so a marked
// line is exactly one the figures counted.
import type { Utterance } from '../../contract/calls';
import type { TranscriptLineMarks } from '../../contract/engine-api';
import type { AnalysisReport } from '../../contract/report';
import { findFillers } from '../language/fillers';
import { isQuestionTokens } from '../language/questions';
import { tokenize } from '../language/tokenize';

const key = (side: string, at: number): string => `${side}@${at}`;

export function transcriptMarks(utterances: readonly Utterance[], report: AnalysisReport | null): TranscriptLineMarks[] {
  const m = report?.metrics;
  const engaging = new Set((m?.engagingQuestionsList ?? []).map((q) => key('me', q.at)));
  const steps = new Set((m?.nextSteps?.items ?? []).map((s) => key(s.side, s.at)));
  return utterances.map((u) => {
    // The same steps as language/prepare.ts, without the sentiment this does not need.
    const tokens = tokenize(u.text);
    const question = isQuestionTokens(u.text, tokens);
    const fillers = u.side !== 'me' ? [] : findFillers(tokens).map((f): [number, number] => [tokens[f.index].start, tokens[f.index + f.length - 1].end]);
    return {
      fillers,
      question,
      engaging: u.side === 'me' && question && engaging.has(key('me', u.start)),
      nextStep: steps.has(key(u.side, u.start)),
    };
  });
}
