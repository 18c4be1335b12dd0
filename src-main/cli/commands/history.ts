// candor history list | show <id> [--json] | export <id|--all> --format json|csv [--out file]
//                | delete <id|--all> | search "<words>"
import type { CallSummary } from '../../contract/calls';
import { LIMITS } from '../../contract/engine-api';
import { CandorError } from '../../contract/errors';
import { writeExport, type SkippedCall } from '../../engine/store/export';
import { exportToFile, FdSink } from '../../engine/store/export-file';
import { backupTarget } from '../../engine/store/backups';
import { deleteCalls } from '../../engine/store/live-calls';
import { startDetachedBackupCopy } from '../../engine/store/worker/backup-job';
import { errnoCode, fileError, outputError } from '../../engine/fs-errors';
import { parse } from '../args';
import type { Command } from '../command';
import { UsageError } from '../errors';
import { fmt } from '../progress';
import { formatReport } from '../report-text';
import type { CallStore } from '../../engine/store/calls-store';
import { openStore } from '../store';

/** At most this much data in use, the CLI writes the fresh backup itself before it exits (about a quarter second). */
export const INLINE_BACKUP_BYTES = 16 << 20;

/**
 * The fresh backup after a delete (the old ones held the deleted calls and
 * are gone). A small history's is written here, in a blink. A big one's
 * takes seconds (8 s at 10,000 calls), and a command that has printed its
 * result should give the prompt back: like `git gc --auto`, the copy is
 * left to a detached process at the lowest priority, which places it when
 * it is complete. Should that process fail or be killed, no daily backup
 * exists, so the next open (the app's, or any `candor` command's) writes one.
 */
function freshBackup(store: CallStore): void {
  const pages = (store.db.pragma('page_count', { simple: true }) as number) - (store.db.pragma('freelist_count', { simple: true }) as number);
  const inUse = pages * (store.db.pragma('page_size', { simple: true }) as number);
  try {
    if (inUse <= INLINE_BACKUP_BYTES) {
      store.replaceDroppedBackups();
      return;
    }
    const t = backupTarget(store.db, store.path, 'daily');
    startDetachedBackupCopy({ path: store.path, tmp: t.tmp, final: t.final, busyTimeoutMs: store.db.pragma('busy_timeout', { simple: true }) as number });
    process.stderr.write('a fresh backup is being written in the background (the old ones held the deleted calls and were removed)\n');
  } catch (err) {
    process.stderr.write(`candor: no fresh backup now (${(err as Error).message}); Candor writes one when it next opens the database\n`);
  }
}

const usage = [
  'candor history list [--limit N|all] [--offset N] [--json] [--db path]',
  '       candor history show <id> [--json]',
  '       candor history export <id|--all> --format json|csv [--out file]',
  '       candor history delete <id|--all>',
  '       candor history search "<words>" [--limit N] [--json]',
].join('\n');

function callId(s: string | undefined): number {
  if (s === undefined) throw new UsageError('which call? give its id (see `candor history list`)');
  if (!/^\d+$/.test(s)) throw new UsageError(`"${s}" is not a call id; ids are whole numbers (see \`candor history list\`)`);
  return Number(s);
}

/** Calls a plain `history list` shows; --limit and --offset page through the rest. */
const LIST_PAGE = 1000;

function wholeNumber(v: string, flag: string, lo: number, hi: number): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < lo || n > hi) throw new UsageError(`${flag} must be a whole number from ${lo} to ${hi}, not "${v}"`);
  return n;
}

/** One page of the list (limit Infinity: all of it, read a page at a time), and whether more calls follow. */
function listPage(store: CallStore, offset: number, limit: number): { calls: CallSummary[]; more: boolean } {
  const calls: CallSummary[] = [];
  for (;;) {
    const want = Math.min(LIMITS.listLimit, limit - calls.length);
    const page = store.list({ limit: want + 1, offset: offset + calls.length });
    calls.push(...page.slice(0, want));
    if (page.length <= want) return { calls, more: false };
    if (calls.length >= limit) return { calls, more: true };
  }
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
      limit: { type: 'string' },
      offset: { type: 'string' },
    });
    const store = openStore(values.db, { readOnlyOk: sub !== 'delete' });
    try {
      switch (sub) {
        case 'list': {
          const offset = values.offset === undefined ? 0 : wholeNumber(values.offset, '--offset', 0, Number.MAX_SAFE_INTEGER);
          const limit = values.limit === 'all' ? Infinity : values.limit === undefined ? LIST_PAGE : wholeNumber(values.limit, '--limit', 1, LIMITS.listLimit);
          const { calls, more } = listPage(store, offset, limit);
          if (values.json) process.stdout.write(JSON.stringify(calls) + '\n');
          else if (!calls.length) process.stdout.write(offset ? `No calls after the first ${offset}.\n` : 'No calls yet. Analyse one with `candor analyze <file> --save` or record one with `candor record`.\n');
          else process.stdout.write(['   id  started           duration   me  title', ...calls.map(listLine)].join('\n') + '\n');
          if (more) process.stderr.write(`showing calls ${offset + 1}-${offset + calls.length}; the next ones: --offset ${offset + calls.length} (or --limit all)\n`);
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
          if (ids !== 'all') store.get(ids[0]); // CALL_NOT_FOUND before anything is written
          const onSkip = (s: SkippedCall): void => {
            process.stderr.write(`candor: call ${s.id} left out of the export: ${s.error}\n  run \`candor doctor\` to check the database\n`);
          };
          // Streamed: each call is written as it is read (store/export.ts).
          if (values.out) {
            const out = values.out;
            const done = (() => {
              try {
                return exportToFile(store, ids, format, out, undefined, onSkip);
              } catch (err) {
                throw fileError(err, out, 'write');
              }
            })();
            process.stderr.write(`exported ${ids === 'all' ? `${done.calls} call(s)` : `call ${ids[0]}`} to ${out}\n`);
          } else {
            try {
              const sink = new FdSink(1);
              writeExport(store, ids, format, sink, undefined, onSkip);
              sink.flush();
            } catch (err) {
              throw errnoCode(err) ? outputError(err) : err;
            }
          }
          return 0;
        }
        case 'delete': {
          const ids = values.all ? 'all' : [callId(positionals[0])];
          if (ids !== 'all') store.get(ids[0]);
          // The result is shown as soon as the rows are gone (and every backup, which held them); the file
          // is scrubbed before the command ends (a kill leaves it recorded: the next start finishes it).
          const { deleted, kept } = deleteCalls(store, ids, { compact: false });
          process.stderr.write(`deleted ${deleted} call(s)\n`);
          if (kept.length) process.stderr.write(`kept call ${kept.join(', ')}: it is being recorded right now (delete it once the call has ended)\n`);
          const scrub = store.compact({ backup: false });
          process.stderr.write(scrub.done
            ? 'the database file was compacted so the data is gone\n'
            : 'the data is out of the history and the backups; another program is reading the database, so the file itself is scrubbed ' +
              'by the Candor that has it open, or else when Candor next opens it\n');
          if (scrub.done && store.backupsDropped) freshBackup(store);
          return 0;
        }
        case 'search': {
          const q = positionals.join(' ').trim();
          if (!q) throw new UsageError('search for what? give some words');
          if (q.length > LIMITS.queryLength) {
            throw new CandorError('BAD_ARGUMENT', `the search is ${q.length} characters long; Candor searches for at most ${LIMITS.queryLength}, as the app does`,
              'Search for a few distinctive words: a name, a topic, a phrase someone said.');
          }
          const hits = store.search(q, values.limit === undefined ? undefined : wholeNumber(values.limit, '--limit', 1, LIMITS.listLimit));
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
