// The calls, their segments and their metrics on a real SQLite file.
// Live recording writes through `begin`/`checkpoint`/`finish`; a file
// analysis is saved in one transaction by `saveComplete`.
import { lstatSync, rmSync } from 'node:fs';
import type { CallDetail, CallSource, CallStatus, CallSummary, Utterance, VisionSample } from '../../contract/calls';
import { CandorError } from '../../contract/errors';
import type { Participant } from '../../contract/participants';
import type { AnalysisReport, Segments, Side, Span } from '../../contract/report';
import { workOffBacklog, type BacklogResult } from './backlog';
import { removeBackups, retireBackups, writeBackup } from './backups';
import { compact, compactionPending, compactStep, markPendingCompaction, type CompactionResult, type StepResult } from './compaction';
import { setCallText } from './call-text';
import { mapSqliteError, openDatabase, type Db, type OpenOptions } from './db';
import { liveCallIds } from './live-calls';
import { deleteAllCalls, deleteCallRows } from './delete-calls';
import { inTimeOrder, METRICS_REPORT_JSON, readCallRows, type CallRows } from './digest';
import { audioDir, isInsideFolder } from './paths';
import { callDamage, PART_NAMES, sealCall } from './seal';
import { searchCalls } from './search';
import { talkShareSparkline } from './sparkline';
import { TREND_LANGUAGE_SET } from './trends';
import { unindexCallUtterances, utteranceIndexer } from './utterance-index';
import { parseSparkline, segmentsOfRecords, sparklineJson } from './sparkline-column';
import { writeTransaction } from './write-transaction';

export interface SegmentRecord {
  side: Side;
  start: number;
  end: number;
  /** Syllable nuclei counted inside the segment (me only; 0 for them). */
  syllables: number;
}

export interface NewCall {
  source: CallSource;
  file?: string | null;
  title?: string;
  startedAt?: Date;
}

interface CallRow {
  id: number;
  started_at: string;
  ended_at: string | null;
  duration_sec: number;
  source: CallSource;
  file: string | null;
  title: string;
  notes: string;
  status: CallStatus;
  owner_pid: number | null;
  heartbeat_at: number | null;
  checkpoint_sec: number;
  audio_file: string | null;
  talk_share: number | null;
  pace_wpm: number | null;
  longest_me_sec: number | null;
  patience_mean_sec: number | null;
  questions_me: number | null;
  sparkline_json: string | null;
}

export const SUMMARY_SELECT = `
  SELECT c.*, m.talk_share, m.pace_wpm, m.longest_me_sec, m.patience_mean_sec, m.questions_me
  FROM calls c LEFT JOIN metrics m ON m.call_id = c.id`;

export interface StoreOptions extends OpenOptions {
  /** The only folder whose files `delete` removes as a call's audio; default the app-data audio folder. */
  audioDir?: string;
  /**
   * Finish a delete left unfinished (killed) while opening, all at once
   * (default true). The store's thread passes false and does it in steps
   * after the open (worker/upkeep.ts); the old backups are removed at open
   * either way.
   */
  scrubAtOpen?: boolean;
  /**
   * For the store's thread: do the work after answering (scrub, backups;
   * worker/upkeep.ts). Default true; a second thread on the same file (the
   * engine's thread for live calls) passes false and leaves it to the first.
   */
  upkeep?: boolean;
}

interface ParticipantRow {
  name: string;
  side: Side;
  talk_sec: number;
  share: number | null;
  turns: number;
  longest_monologue_sec: number;
  questions: number;
  words: number;
  wpm: number | null;
}

/** The history list, newest first (index calls_started, read backwards). */
export const LIST_SQL = `${SUMMARY_SELECT} ORDER BY c.started_at DESC, c.id DESC LIMIT ? OFFSET ?`;
export const SEGMENTS_SQL = 'SELECT side, start_sec, end_sec, syllables FROM segments WHERE call_id = ? ORDER BY start_sec, id';
export const UTTERANCES_SQL = 'SELECT side, speaker, start_sec, end_sec, text, words_json FROM utterances WHERE call_id = ? ORDER BY start_sec, id';
export const VISION_SQL = 'SELECT t_sec, faces_visible, facing_count, camera_on FROM vision_samples WHERE call_id = ? ORDER BY t_sec';

export class CallStore {
  readonly db: Db;
  readonly audioDir: string;
  /** Deletes committed through this store; a backup started before one of them is not kept (worker/upkeep.ts). */
  deletions = 0;
  /** Backups were removed by a delete and not yet replaced by a fresh one. */
  backupsDropped = false;
  constructor(readonly path: string, opts: StoreOptions = {}) {
    this.db = openDatabase(path, opts);
    this.audioDir = opts.audioDir ?? audioDir();
    // A delete that was interrupted before its data was scrubbed: its backups go now, the file is scrubbed now or in steps.
    if (!opts.readonly && compactionPending(this.db)) {
      this.dropBackups();
      if (opts.scrubAtOpen !== false) this.compact();
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Runs fn in a write transaction (write-transaction.ts) and turns SQLite errors into CandorErrors. */
  tx<T>(fn: () => T): T {
    try {
      return writeTransaction(this.db, fn);
    } catch (err) {
      throw mapSqliteError(err, this.path);
    }
  }

  /** Runs a read, or a write that runs its own transaction, and turns SQLite errors (a damaged page, a failing disk) into CandorErrors. */
  private guarded<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw mapSqliteError(err, this.path);
    }
  }

  /** JSON the store wrote itself; if it no longer parses, the file was damaged under it. */
  private parseStored<T>(json: string, callId: number, what: string): T {
    try {
      return JSON.parse(json) as T;
    } catch (err) {
      throw this.damaged(callId, what, (err as Error).message, err);
    }
  }

  private damaged(callId: number, what: string, detail: string, cause?: unknown): CandorError {
    return new CandorError('DB_UNREADABLE', `the stored ${what} of call ${callId} in ${this.path} is damaged (${detail})`,
      `The other calls are not affected. Run \`candor doctor\` to check the whole database and restore the automatic backup, or delete this call with \`candor history delete ${callId}\`.`,
      { cause });
  }

  // ---- live recording -------------------------------------------------

  begin(call: NewCall): number {
    const now = (call.startedAt ?? new Date()).toISOString();
    return this.tx(() => {
      const r = this.db
        .prepare(`INSERT INTO calls (started_at, source, file, title, status, owner_pid, heartbeat_at, created_at, updated_at, utterances_indexed)
                  VALUES (?, ?, ?, ?, 'recording', ?, ?, ?, ?, 1)`)
        .run(now, call.source, call.file ?? null, call.title ?? defaultTitle(call, now), process.pid, Date.now(), now, now);
      const id = Number(r.lastInsertRowid);
      setCallText(this.db, id, { title: call.title ?? defaultTitle(call, now) });
      return id;
    });
  }

  /**
   * Commits what a live call has so far: newly closed segments, the open
   * ones replaced, and how far the audio got. Called at least once a second.
   */
  checkpoint(callId: number, closed: SegmentRecord[], open: SegmentRecord[], atSec: number, vision: VisionSample[] = []): void {
    this.tx(() => {
      this.db.prepare('DELETE FROM segments WHERE call_id = ? AND open = 1').run(callId);
      const ins = this.db.prepare('INSERT INTO segments (call_id, side, start_sec, end_sec, syllables, open) VALUES (?, ?, ?, ?, ?, ?)');
      for (const s of closed) ins.run(callId, s.side, s.start, s.end, s.syllables, 0);
      for (const s of open) ins.run(callId, s.side, s.start, s.end, s.syllables, 1);
      const vis = this.db.prepare('INSERT INTO vision_samples (call_id, t_sec, faces_visible, facing_count, camera_on) VALUES (?, ?, ?, ?, ?)');
      for (const v of vision) vis.run(callId, v.t, v.facesVisible, v.facingCount, v.cameraOn ? 1 : 0);
      this.db
        .prepare('UPDATE calls SET checkpoint_sec = ?, duration_sec = ?, heartbeat_at = ?, updated_at = ? WHERE id = ?')
        .run(atSec, atSec, Date.now(), new Date().toISOString(), callId);
    });
  }

  /** Writes the final report of a live call and marks it complete (or recovered). */
  finish(callId: number, report: AnalysisReport, segments: SegmentRecord[], status: 'complete' | 'recovered' = 'complete', endedAt?: Date): void {
    this.tx(() => {
      this.db.prepare('DELETE FROM segments WHERE call_id = ?').run(callId);
      this.insertSegments(callId, segments);
      this.writeMetrics(callId, report);
      this.db
        .prepare(`UPDATE calls SET status = ?, ended_at = ?, duration_sec = ?, checkpoint_sec = ?, owner_pid = NULL,
                  updated_at = ?, sparkline_json = ? WHERE id = ?`)
        .run(status, (endedAt ?? new Date()).toISOString(), report.durationSec, report.durationSec, new Date().toISOString(),
          sparklineJson(segmentsOfRecords(segments), report.durationSec), callId);
      sealCall(this.db, callId);
    });
  }

  // ---- file analysis --------------------------------------------------

  saveComplete(call: NewCall, report: AnalysisReport, segments: SegmentRecord[], utterances: Utterance[] = []): number {
    return this.tx(() => {
      const id = this.begin(call);
      this.insertSegments(id, segments);
      if (utterances.length) this.replaceUtterances(id, utterances, 'import');
      this.writeMetrics(id, report);
      this.db
        .prepare(`UPDATE calls SET status = 'complete', ended_at = ?, duration_sec = ?, checkpoint_sec = ?, owner_pid = NULL,
                  sparkline_json = ? WHERE id = ?`)
        .run(new Date().toISOString(), report.durationSec, report.durationSec, sparklineJson(segmentsOfRecords(segments), report.durationSec), id);
      sealCall(this.db, id);
      return id;
    });
  }

  /** Stores a call's utterances in time order (search finds a call's first match by rowid), each in the utterance index. */
  replaceUtterances(callId: number, utterances: Utterance[], source: 'asr' | 'import'): void {
    const sorted = [...utterances].sort((a, b) => a.start - b.start);
    this.tx(() => {
      unindexCallUtterances(this.db, callId);
      this.db.prepare('DELETE FROM utterances WHERE call_id = ?').run(callId);
      const ins = this.db.prepare(
        'INSERT INTO utterances (call_id, side, speaker, start_sec, end_sec, text, words_json, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      const index = utteranceIndexer(this.db);
      for (const u of sorted) {
        const r = ins.run(callId, u.side, u.speaker ?? null, u.start, u.end, u.text, u.words ? JSON.stringify(u.words) : null, source);
        index(r.lastInsertRowid, callId, u.text);
      }
      this.db.prepare('UPDATE calls SET utterances_indexed = 1 WHERE id = ?').run(callId);
      const text = sorted.map((u) => u.text).join('\n');
      setCallText(this.db, callId, { transcript: text });
      sealCall(this.db, callId);
    });
  }

  private insertSegments(callId: number, segments: SegmentRecord[]): void {
    const ins = this.db.prepare('INSERT INTO segments (call_id, side, start_sec, end_sec, syllables, open) VALUES (?, ?, ?, ?, ?, 0)');
    for (const s of segments) ins.run(callId, s.side, s.start, s.end, s.syllables);
  }

  private writeMetrics(callId: number, report: AnalysisReport): void {
    const m = report.metrics;
    // Segments, utterances and participants have their own tables; report_json keeps everything else.
    const { segments: _s, utterances, participants, ...rest } = report;
    const noRows = this.db.prepare('SELECT NOT EXISTS (SELECT 1 FROM utterances WHERE call_id = ?)').pluck().get(callId) === 1;
    if (utterances?.length && noRows) this.replaceUtterances(callId, utterances, report.timingSource === 'transcript' ? 'import' : 'asr');
    const questions = m.questions?.me ?? null;
    this.db
      .prepare(`INSERT OR REPLACE INTO metrics (call_id, talk_share, talk_me_sec, talk_them_sec, longest_me_sec, longest_them_sec,
                patience_mean_sec, patience_median_sec, patience_count, interruptions_me, interruptions_them, silence_share,
                pace_wpm, pace_method, questions_me, report_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(callId, m.talkShare, m.talkSec.me, m.talkSec.them, m.longestMonologueSec.me, m.longestMonologueSec.them,
        m.patienceSec.mean, m.patienceSec.median, m.patienceSec.count, m.interruptions.me, m.interruptions.them,
        m.silenceShare, m.pace.wpm, m.pace.method, questions, JSON.stringify(rest));
    this.db.prepare(`UPDATE metrics SET ${TREND_LANGUAGE_SET} WHERE call_id = ?`).run(callId);
    this.replaceParticipants(callId, participants ?? []);
  }

  private replaceParticipants(callId: number, participants: Participant[]): void {
    this.db.prepare('DELETE FROM participants WHERE call_id = ?').run(callId);
    const ins = this.db.prepare(`INSERT INTO participants (call_id, ord, name, side, talk_sec, share, turns, longest_monologue_sec,
      questions, words, wpm) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    participants.forEach((p, i) =>
      ins.run(callId, i, p.name, p.side, p.talkSec, p.share, p.turns, p.longestMonologueSec, p.questions, p.words, p.wpm));
  }

  /** The participants of a call, in the order the report gave them; [] when it has none. */
  participants(callId: number): Participant[] {
    if (!this.hasTable('participants')) return [];
    return this.guarded(() => this.db
      .prepare('SELECT * FROM participants WHERE call_id = ? ORDER BY ord').all(callId) as ParticipantRow[])
      .map((r) => ({ name: r.name, side: r.side, talkSec: r.talk_sec, share: r.share, turns: r.turns,
        longestMonologueSec: r.longest_monologue_sec, questions: r.questions, words: r.words, wpm: r.wpm }));
  }

  /** A read-only file of an older schema has not been migrated and has no participants table. */
  private hasTable(name: 'participants' | 'call_digests'): boolean {
    return this.guarded(() => this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined);
  }

  // ---- reading --------------------------------------------------------

  list(opts: { limit?: number; offset?: number } = {}): CallSummary[] {
    return this.guarded(() => {
      const rows = this.db
        .prepare(LIST_SQL)
        .all(opts.limit ?? 1000, opts.offset ?? 0) as CallRow[];
      return rows.map((r) => this.summary(r));
    });
  }

  /** Full-text search over titles, notes and transcripts, best match first, each with where it matched. */
  search(query: string, limit = 100): CallSummary[] {
    return this.guarded(() => {
      const one = this.db.prepare(`${SUMMARY_SELECT} WHERE c.id = ?`);
      return searchCalls(this.db, query, limit, (id) => {
        const row = one.get(id) as CallRow | undefined;
        return row && this.summary(row);
      });
    });
  }

  /** A call, read in one read transaction with the check of its seal, so that both see the same rows. */
  get(id: number): CallDetail {
    return this.guarded(() => this.db.transaction(() => this.detail(id))());
  }

  /**
   * A call's rows, from the tables themselves (digest.ts), as its seal reads
   * them (export-sql.ts). `sealed`: the file has seals or digests (schema 3);
   * a read-only file of a schema before 3 has neither, nor a participants table.
   */
  private callRows(id: number): { rows: CallRows; sealed: boolean; reportJson: string | undefined } {
    if (this.hasTable('call_digests') && this.hasTable('participants')) {
      const { rows } = readCallRows(this.db, id, false);
      return { rows, sealed: true, reportJson: rows.metrics?.[METRICS_REPORT_JSON] as string | undefined };
    }
    const raw = (sql: string): unknown[][] => this.db.prepare(sql).raw().all(id) as unknown[][];
    return {
      rows: { segments: raw(SEGMENTS_SQL), utterances: raw(UTTERANCES_SQL), participants: [], vision: raw(VISION_SQL) },
      sealed: false,
      reportJson: this.db.prepare('SELECT report_json FROM metrics WHERE call_id = ?').pluck().get(id) as string | undefined,
    };
  }

  /** Throws when a finished call no longer matches its seal (seal.ts), naming the part. */
  private checkSeal(id: number): void {
    let damage: ReturnType<typeof callDamage>;
    try {
      damage = callDamage(this.db, id);
    } catch (err) {
      // Word timings that no longer parse (SQLite builds the transcript's text from them); a damaged page maps as it is.
      if ((err as { code?: string }).code === 'SQLITE_ERROR' && /JSON/i.test((err as Error).message)) {
        throw this.damaged(id, 'word timings', (err as Error).message, err);
      }
      throw err;
    }
    if (damage) {
      throw this.damaged(id, 'data', `it no longer matches the checksum written with it: ${PART_NAMES[damage]}`);
    }
  }

  private detail(id: number): CallDetail {
    const row = this.db.prepare(`${SUMMARY_SELECT} WHERE c.id = ?`).get(id) as CallRow | undefined;
    if (!row) throw new CandorError('CALL_NOT_FOUND', `there is no call ${id}`, 'List the calls with `candor history list`.');
    const { rows, sealed, reportJson } = this.callRows(id);
    const segments: Segments = { me: [], them: [] };
    for (const [side, start, end] of inTimeOrder(rows.segments, 1)) {
      const list = segments[side as Side] as Span[] | undefined;
      if (!list) throw this.damaged(id, 'segments', `a segment has the side ${JSON.stringify(side)}`);
      list.push([start, end] as Span);
    }
    const stored = reportJson ? this.parseStored<AnalysisReport>(reportJson, id, 'report') : null;
    if (stored !== null && (typeof stored !== 'object' || typeof stored.metrics !== 'object' || stored.metrics === null)) {
      throw this.damaged(id, 'report', 'it has no metrics');
    }
    // Participants live in their own table; a report from an unmigrated read-only file still carries them.
    const fromTable = rows.participants.map(([, name, side, talkSec, share, turns, longestMonologueSec, questions, words, wpm]) =>
      ({ name, side, talkSec, share, turns, longestMonologueSec, questions, words, wpm }) as Participant);
    const participants = fromTable.length ? fromTable : stored?.participants ?? [];
    const report = stored ? ({ ...stored, segments, ...(participants.length ? { participants } : {}) } as AnalysisReport) : null;
    const utterances = inTimeOrder(rows.utterances, 2).map(([side, speaker, start, end, text, words]) => ({
      side: side as Side, speaker: speaker as string | null, start: start as number, end: end as number, text: text as string,
      ...(words ? { words: this.parseStored<Utterance['words']>(words as string, id, 'word timings') } : {}) }));
    const vision = inTimeOrder(rows.vision, 0).map(([t, facesVisible, facingCount, cameraOn]) =>
      ({ t: t as number, facesVisible: facesVisible as number, facingCount: facingCount as number, cameraOn: cameraOn === 1 }));
    if (row.status !== 'recording' && sealed) this.checkSeal(id);
    return { ...this.summary(row, segments), file: row.file, audioFile: row.audio_file ?? null, notes: row.notes, endedAt: row.ended_at, segments, report, utterances, vision,
      participants };
  }

  segmentRecords(id: number): SegmentRecord[] {
    return this.guarded(() => this.db.prepare(SEGMENTS_SQL).all(id) as
      { side: Side; start_sec: number; end_sec: number; syllables: number }[])
      .map((s) => ({ side: s.side, start: s.start_sec, end: s.end_sec, syllables: s.syllables }));
  }

  segments(id: number): Segments {
    const out: Segments = { me: [], them: [] };
    for (const s of this.segmentRecords(id)) out[s.side].push([s.start, s.end] as Span);
    return out;
  }

  update(id: number, patch: { title?: string; notes?: string }): CallDetail {
    this.get(id);
    this.tx(() => {
      if (patch.title !== undefined) this.db.prepare('UPDATE calls SET title = ?, updated_at = ? WHERE id = ?').run(patch.title, new Date().toISOString(), id);
      if (patch.notes !== undefined) this.db.prepare('UPDATE calls SET notes = ?, updated_at = ? WHERE id = ?').run(patch.notes, new Date().toISOString(), id);
      const c = this.db.prepare('SELECT title, notes FROM calls WHERE id = ?').get(id) as { title: string; notes: string };
      setCallText(this.db, id, { title: c.title, notes: c.notes ?? '' });
      sealCall(this.db, id);
    });
    return this.get(id);
  }

  /** Records where a call's kept audio is. */
  setAudioFile(callId: number, path: string): void {
    this.tx(() => {
      this.db.prepare('UPDATE calls SET audio_file = ? WHERE id = ?').run(path, callId);
      sealCall(this.db, callId);
    });
  }

  /**
   * Deletes calls for good: rows, search indexes, kept audio and every
   * backup (they hold the calls), then the data is scrubbed from the file
   * and a fresh backup written (compact). `compact: false` leaves that to a
   * later `compact()` or to the store's thread, step by step between other
   * requests (worker/upkeep.ts); it is recorded in the same transaction as
   * the delete, so even a crash cannot skip it. Between the delete and the
   * fresh backup there is no backup: the price of a deleted call being gone
   * from every copy at once.
   */
  delete(ids: number[] | 'all', opts: { compact?: boolean } = {}): number {
    const audio = this.guarded(() => (ids === 'all'
      ? this.db.prepare('SELECT audio_file FROM calls WHERE audio_file IS NOT NULL').pluck().all()
      : ids.map((id) => this.db.prepare('SELECT audio_file FROM calls WHERE id = ?').pluck().get(id))).filter(Boolean) as string[]);
    const n = ids === 'all'
      ? this.guarded(() => deleteAllCalls(this.db, () => markPendingCompaction(this.db)))
      : this.tx(() => {
        const count = deleteCallRows(this.db, ids);
        markPendingCompaction(this.db);
        return count;
      });
    // Only Candor's own recordings: a row naming any other path (edited, or from another machine) removes nothing.
    for (const f of audio) if (isInsideFolder(this.audioDir, f) && !isFolder(f)) rmSync(f, { force: true });
    this.deletions++;
    // Out of use at once; unlinked by the scrub (compact), or right after the answer on the store's thread (upkeep.ts).
    if (this.path !== ':memory:' && retireBackups(this.path) > 0) this.backupsDropped = true;
    if (opts.compact !== false) this.compact();
    return n;
  }

  /** Removes every backup and every copy being written (each may hold deleted calls), and unlinks those retired before. */
  private dropBackups(): void {
    if (this.path === ':memory:') return;
    if (removeBackups(this.path) > 0) this.backupsDropped = true;
  }

  /**
   * Brings calls stored before schema version 4 up to date (utterance index,
   * stored sparkline) for about `budgetMs`; see backlog.ts. The engine runs
   * it in small slices after start-up.
   */
  workOffBacklog(budgetMs = 50): BacklogResult {
    try {
      return workOffBacklog(this.db, budgetMs);
    } catch (err) {
      throw mapSqliteError(err, this.path);
    }
  }

  /**
   * Finishes the scrubbing of deleted calls now (see compaction.ts); a no-op
   * when nothing is pending. Once the file holds no trace of them, the
   * backups a delete removed are replaced by one fresh copy (unless
   * `backup: false`; replaceDroppedBackups then does it). A fresh copy that
   * cannot be written does not fail the delete: the next open writes the
   * daily one.
   */
  compact(opts: { backup?: boolean } = {}): CompactionResult {
    let result: CompactionResult;
    try {
      if (!compactionPending(this.db)) return { done: true, freedPages: 0, fullVacuum: false };
      // Any backup made since (another process's) goes too, before the mark: a kill in between leaves the mark.
      // Not the rewrite while a call is being recorded (its lock would stall the call's checkpoints for
      // seconds): the mark stays, and the store's thread or the next open finishes the scrub.
      const recording = liveCallIds(this).length > 0;
      result = compact(this.db, { beforeClear: () => this.dropBackups(), rewriteElsewhere: recording });
    } catch (err) {
      throw mapSqliteError(err, this.path);
    }
    if (result.done && opts.backup !== false) {
      try {
        this.replaceDroppedBackups();
      } catch {
        // See above: a missing copy never stops the user's work; `candor doctor` shows how old the newest is.
      }
    }
    return result;
  }

  /**
   * One bounded step of the scrubbing (compaction.ts), for the store's
   * thread: it never waits for a reader, it reports 'busy' instead; with
   * `foldElsewhere`, a fold that gives much of the file back reports 'fold'
   * (worker/fold-thread.ts runs it).
   */
  compactStep(budgetMs: number, stepPages?: number, opts: { foldElsewhere?: boolean; rewriteElsewhere?: boolean; rewritten?: string | null } = {}): StepResult {
    try {
      return compactStep(this.db, { budgetMs, stepPages, wait: false, ...opts, beforeClear: () => this.dropBackups() });
    } catch (err) {
      throw mapSqliteError(err, this.path);
    }
  }

  /** Writes the fresh backup that replaces those a delete removed, once nothing is pending; its path, or null when none is owed. */
  replaceDroppedBackups(): string | null {
    if (!this.backupsDropped || compactionPending(this.db)) return null;
    const path = this.guarded(() => writeBackup(this.db, this.path, 'daily'));
    this.backupsDropped = false;
    return path;
  }

  /** Calls left in 'recording' whose recorder is gone: crashed mid-call. */
  interruptedCalls(): { id: number; checkpointSec: number }[] {
    const rows = this.guarded(() => this.db.prepare("SELECT id, owner_pid, heartbeat_at, checkpoint_sec FROM calls WHERE status = 'recording'").all() as
      { id: number; owner_pid: number | null; heartbeat_at: number | null; checkpoint_sec: number }[]);
    return rows.filter((r) => !recorderAlive(r.owner_pid, r.heartbeat_at)).map((r) => ({ id: r.id, checkpointSec: r.checkpoint_sec }));
  }

  private summary(r: CallRow, segments?: Segments): CallSummary {
    const sparkline = r.sparkline_json != null ? parseSparkline(r.sparkline_json) : talkShareSparkline(segments ?? this.segments(r.id), r.duration_sec);
    return {
      id: r.id,
      title: r.title,
      startedAt: r.started_at,
      durationSec: r.duration_sec,
      source: r.source,
      status: r.status,
      recovered: r.status === 'recovered',
      talkShare: r.talk_share ?? null,
      paceWpm: r.pace_wpm ?? null,
      longestMonologueSec: r.longest_me_sec ?? null,
      patienceMeanSec: r.patience_mean_sec ?? null,
      questionsMe: r.questions_me ?? null,
      sparkline,
    };
  }
}

function isFolder(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

function defaultTitle(call: NewCall, iso: string): string {
  if (call.file) return call.file.split(/[\\/]/).pop() ?? call.file;
  return `Call ${iso.slice(0, 16).replace('T', ' ')}`;
}

export { toFtsQuery } from './fts-query';

const HEARTBEAT_STALE_MS = 10_000;
/**
 * Another process's recorder can go this long without a checkpoint and
 * still be alive: its checkpoints wait while a third program holds the
 * write lock (a delete's VACUUM of a big history takes many seconds), and
 * they never end the call. Only a reused pid needs the heartbeat at all.
 */
const OTHER_PROCESS_HEARTBEAT_STALE_MS = 120_000;

function recorderAlive(pid: number | null, heartbeat: number | null): boolean {
  if (!pid) return false;
  if (pid === process.pid) return heartbeat !== null && Date.now() - heartbeat < HEARTBEAT_STALE_MS;
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // The pid exists; it may be a different process that reused it. Trust a recent heartbeat only.
  return heartbeat !== null && Date.now() - heartbeat < OTHER_PROCESS_HEARTBEAT_STALE_MS;
}
