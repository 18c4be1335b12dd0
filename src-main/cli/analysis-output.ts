// What `candor analyze` does with a finished report, whatever produced it
// (audio, a transcript, or both): --save stores it, then stdout gets the
// JSON or the human report.
import type { Utterance } from '../contract/calls';
import type { AnalysisReport } from '../contract/report';
import type { SegmentRecord } from '../engine/store/calls-store';
import { formatLanguage } from './language-text';
import { formatReport } from './report-text';
import { openStore } from './store';

export interface OutputOptions {
  save?: boolean;
  json?: boolean;
  db?: string;
  title?: string;
}

export function outputAnalysis(report: AnalysisReport, segments: SegmentRecord[], utterances: Utterance[], o: OutputOptions): number {
  if (o.save) {
    const store = openStore(o.db);
    try {
      const id = store.saveComplete({ source: 'file', file: report.file, title: o.title }, report, segments, utterances);
      (report as { callId?: number }).callId = id;
      if (!o.json) process.stderr.write(`saved as call ${id}\n`);
    } finally {
      store.close();
    }
  }
  process.stdout.write(o.json ? JSON.stringify(report) + '\n' : formatReport(report) + formatLanguage(report));
  return 0;
}
