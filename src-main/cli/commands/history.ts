// candor history list | show <id> [--json] | export <id|--all> --format json|csv [--out file]
//                | delete <id|--all> | search "<words>"
import { writeFileSync } from 'node:fs';
import type { CallSummary } from '../../contract/calls';
import { exportCalls } from '../../engine/store/export';
import { deleteCalls } from '../../engine/store/live-calls';
import { parse } from '../args';
import type { Command } from '../command';
import { UsageError } from '../errors';
import { fmt } from '../progress';
import { formatReport } from '../report-text';
import { openStore } from '../store';

const usage = [
  'candor history list [--json] [--db path]',
  '       candor history show <id> [--json]',
  '       candor history export <id|--all> --format json|csv [--out file]',
  '       candor history delete <id|--all>',
  '       candor history search "<words>" [--json]',
].join('\n');

function callId(s: string | undefined): number {
  if (s === undefined) throw new UsageError('which call? give its id (see `candor history list`)');
  if (!/^\d+$/.test(s)) throw new UsageError(`"${s}" is not a call id; ids are whole numbers (see \`candor history list\`)`);
  return Number(s);
}

function listLine(c: CallSummary): string {
  const share = c.talkShare === null ? '  n/a' : `${String(Math.round(c.talkShare * 100)).padStart(4)}%`;
  const badge = c.recovered ? ' [recovered]' : c.status === 'recording' ? ' [recording]' : '';
  return `${String(c.id).padStart(5)}  ${c.startedAt.slice(0, 16).replace('T', ' ')}  ${fmt(c.durationSec).padStart(8)}  ${share}  ${c.title}${badge}`;
}

export const historyCommand: Command = {
  name: 'history',
  summary: 'list, show, search, export and delete stored calls',
  usage,
  async run(argv) {
    const [sub, ...rest] = argv;
    const { values, positionals } = parse(rest, {
      json: { type: 'boolean' },
      db: { type: 'string' },
      all: { type: 'boolean' },
      format: { type: 'string' },
      out: { type: 'string' },
    });
    const store = openStore(values.db);
    try {
      switch (sub) {
        case 'list': {
          const calls = store.list();
          if (values.json) process.stdout.write(JSON.stringify(calls) + '\n');
          else if (!calls.length) process.stdout.write('No calls yet. Analyse one with `candor analyze <file> --save` or record one with `candor record`.\n');
          else process.stdout.write(['   id  started           duration   me  title', ...calls.map(listLine)].join('\n') + '\n');
          return 0;
        }
        case 'show': {
          const call = store.get(callId(positionals[0]));
          if (values.json) process.stdout.write(JSON.stringify(call) + '\n');
          else {
            process.stdout.write(`Call ${call.id}: ${call.title}${call.recovered ? ' [recovered]' : ''}\nStarted ${call.startedAt}\n`);
            if (call.report) process.stdout.write(formatReport(call.report));
            else process.stdout.write('This call has no report yet (it is still recording).\n');
          }
          return 0;
        }
        case 'export': {
          const format = values.format ?? 'json';
          if (format !== 'json' && format !== 'csv') throw new UsageError(`--format must be json or csv, not "${format}"`);
          const ids = values.all ? 'all' : [callId(positionals[0])];
          const text = exportCalls(store, ids, format);
          if (values.out) {
            writeFileSync(values.out, text);
            process.stderr.write(`exported ${ids === 'all' ? 'all calls' : `call ${ids[0]}`} to ${values.out}\n`);
          } else process.stdout.write(text);
          return 0;
        }
        case 'delete': {
          const ids = values.all ? 'all' : [callId(positionals[0])];
          if (ids !== 'all') store.get(ids[0]);
          const { deleted, kept } = deleteCalls(store, ids);
          process.stderr.write(`deleted ${deleted} call(s); the database file was compacted so the data is gone\n`);
          if (kept.length) process.stderr.write(`kept call ${kept.join(', ')}: it is being recorded right now (delete it once the call has ended)\n`);
          return 0;
        }
        case 'search': {
          const q = positionals.join(' ').trim();
          if (!q) throw new UsageError('search for what? give some words');
          const hits = store.search(q);
          if (values.json) process.stdout.write(JSON.stringify(hits) + '\n');
          else if (!hits.length) process.stdout.write(`No call matches "${q}".\n`);
          else {
            for (const h of hits) {
              process.stdout.write(`${listLine(h)}\n        ${h.match?.field}${h.match?.atSec !== undefined ? ` at ${fmt(h.match.atSec)}` : ''}: ${h.match?.snippet}\n`);
            }
          }
          return 0;
        }
        default:
          throw new UsageError(sub ? `unknown history command "${sub}"` : 'history what? list, show, export, delete or search');
      }
    } finally {
      store.close();
    }
  },
};
