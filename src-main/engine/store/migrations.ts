// Schema migrations keyed on PRAGMA user_version. Each step runs once, in a
// transaction, in order. Append new steps; never edit a released one.
import type { Db } from './db';
import { legacySealAll } from './digest';
import { FILL_TREND_ROWS_SQL, TREND_ROWS_SQL } from './trend-rows';
import { TREND_LANGUAGE_SET } from './trends';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Work SQL cannot do (hashing), run after `sql` in the same transaction. */
  after?: (db: Db) => void;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'core: calls, segments, metrics, vision, utterances, settings, search',
    sql: `
      CREATE TABLE calls (
        id              INTEGER PRIMARY KEY,
        started_at      TEXT NOT NULL,
        ended_at        TEXT,
        duration_sec    REAL NOT NULL DEFAULT 0,
        source          TEXT NOT NULL CHECK (source IN ('live', 'file')),
        file            TEXT,
        title           TEXT NOT NULL DEFAULT '',
        notes           TEXT NOT NULL DEFAULT '',
        status          TEXT NOT NULL CHECK (status IN ('recording', 'complete', 'recovered')),
        owner_pid       INTEGER,
        heartbeat_at    INTEGER,
        checkpoint_sec  REAL NOT NULL DEFAULT 0,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
      );
      CREATE INDEX calls_started ON calls(started_at);
      CREATE INDEX calls_status ON calls(status);

      CREATE TABLE segments (
        id         INTEGER PRIMARY KEY,
        call_id    INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
        side       TEXT NOT NULL CHECK (side IN ('me', 'them')),
        start_sec  REAL NOT NULL,
        end_sec    REAL NOT NULL,
        syllables  INTEGER NOT NULL DEFAULT 0,
        open       INTEGER NOT NULL DEFAULT 0,
        CHECK (end_sec >= start_sec)
      );
      CREATE INDEX segments_call ON segments(call_id, side, start_sec);

      CREATE TABLE metrics (
        call_id            INTEGER PRIMARY KEY REFERENCES calls(id) ON DELETE CASCADE,
        talk_share         REAL,
        talk_me_sec        REAL,
        talk_them_sec      REAL,
        longest_me_sec     REAL,
        longest_them_sec   REAL,
        patience_mean_sec  REAL,
        patience_median_sec REAL,
        patience_count     INTEGER,
        interruptions_me   INTEGER,
        interruptions_them INTEGER,
        silence_share      REAL,
        pace_wpm           REAL,
        pace_method        TEXT,
        questions_me       INTEGER,
        report_json        TEXT NOT NULL
      );

      CREATE TABLE vision_samples (
        call_id       INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
        t_sec         REAL NOT NULL,
        faces_visible INTEGER NOT NULL,
        facing_count  INTEGER NOT NULL,
        camera_on     INTEGER NOT NULL
      );
      CREATE INDEX vision_call ON vision_samples(call_id, t_sec);

      CREATE TABLE utterances (
        id          INTEGER PRIMARY KEY,
        call_id     INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
        side        TEXT NOT NULL CHECK (side IN ('me', 'them')),
        speaker     TEXT,
        start_sec   REAL NOT NULL,
        end_sec     REAL NOT NULL,
        text        TEXT NOT NULL,
        words_json  TEXT,
        source      TEXT NOT NULL CHECK (source IN ('asr', 'import'))
      );
      CREATE INDEX utterances_call ON utterances(call_id, start_sec);

      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      -- Full-text search over a call's title, notes and transcript; rowid = calls.id.
      CREATE VIRTUAL TABLE call_fts USING fts5(title, notes, transcript, tokenize = 'porter unicode61');
      INSERT INTO call_fts(call_fts, rank) VALUES ('secure-delete', 1);
    `,
  },
  {
    version: 2,
    name: 'the audio file of a call, when the user chose to keep audio',
    sql: `ALTER TABLE calls ADD COLUMN audio_file TEXT;`,
  },
  {
    // A table rather than a JSON column: one row per speaker can be queried
    // ("calls with Ana"), is removed with its call by the cascade, and is
    // typed by CHECKs. Reports stored before this version get their
    // participants copied out of report_json. Utterances already have their
    // own table, so the copy inside report_json is dropped, but only for
    // calls whose rows hold them (copied first when they do not). Each
    // finished call gets a digest of its stored data (digest.ts).
    version: 3,
    name: 'participants of a call; report_json without the utterances it duplicated; call digests',
    after: legacySealAll,
    sql: `
      CREATE TABLE call_digests (
        call_id INTEGER PRIMARY KEY REFERENCES calls(id) ON DELETE CASCADE,
        sha256  TEXT NOT NULL
      );

      CREATE TABLE participants (
        call_id               INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
        ord                   INTEGER NOT NULL,
        name                  TEXT NOT NULL,
        side                  TEXT NOT NULL CHECK (side IN ('me', 'them')),
        talk_sec              REAL NOT NULL,
        share                 REAL,
        turns                 INTEGER NOT NULL,
        longest_monologue_sec REAL NOT NULL,
        questions             INTEGER NOT NULL,
        words                 INTEGER NOT NULL,
        wpm                   REAL,
        PRIMARY KEY (call_id, ord)
      );

      INSERT INTO participants (call_id, ord, name, side, talk_sec, share, turns, longest_monologue_sec, questions, words, wpm)
        SELECT m.call_id, p.key, json_extract(p.value, '$.name'), json_extract(p.value, '$.side'),
               json_extract(p.value, '$.talkSec'), json_extract(p.value, '$.share'), json_extract(p.value, '$.turns'),
               json_extract(p.value, '$.longestMonologueSec'), json_extract(p.value, '$.questions'),
               json_extract(p.value, '$.words'), json_extract(p.value, '$.wpm')
        FROM metrics m, json_each(m.report_json, '$.participants') p
        WHERE json_valid(m.report_json) AND json_type(m.report_json, '$.participants') = 'array'
          AND json_type(p.value, '$.name') = 'text' AND json_extract(p.value, '$.side') IN ('me', 'them')
          AND json_type(p.value, '$.talkSec') IN ('integer', 'real') AND json_type(p.value, '$.turns') = 'integer'
          AND json_type(p.value, '$.longestMonologueSec') IN ('integer', 'real')
          AND json_type(p.value, '$.questions') = 'integer' AND json_type(p.value, '$.words') = 'integer'
          AND coalesce(json_type(p.value, '$.share'), 'null') IN ('integer', 'real', 'null')
          AND coalesce(json_type(p.value, '$.wpm'), 'null') IN ('integer', 'real', 'null');

      -- Drop the copy in report_json only where every participant made it into the table.
      UPDATE metrics SET report_json = json_remove(report_json, '$.participants')
        WHERE json_valid(report_json) AND json_type(report_json, '$.participants') = 'array'
          AND json_array_length(report_json, '$.participants') =
              (SELECT count(*) FROM participants p WHERE p.call_id = metrics.call_id);

      INSERT INTO utterances (call_id, side, speaker, start_sec, end_sec, text, words_json, source)
        SELECT m.call_id, json_extract(u.value, '$.side'), json_extract(u.value, '$.speaker'),
               json_extract(u.value, '$.start'), json_extract(u.value, '$.end'), json_extract(u.value, '$.text'),
               json_extract(u.value, '$.words'),
               CASE json_extract(m.report_json, '$.timingSource') WHEN 'transcript' THEN 'import' ELSE 'asr' END
        FROM metrics m, json_each(m.report_json, '$.utterances') u
        WHERE json_valid(m.report_json) AND json_type(m.report_json, '$.utterances') = 'array'
          AND NOT EXISTS (SELECT 1 FROM utterances x WHERE x.call_id = m.call_id)
          AND json_extract(u.value, '$.side') IN ('me', 'them') AND json_type(u.value, '$.text') = 'text'
          AND json_type(u.value, '$.start') IN ('integer', 'real') AND json_type(u.value, '$.end') IN ('integer', 'real');

      UPDATE call_fts SET transcript =
          (SELECT group_concat(text, char(10)) FROM (SELECT text FROM utterances u WHERE u.call_id = call_fts.rowid ORDER BY start_sec, id))
        WHERE coalesce(length(transcript), 0) = 0 AND rowid IN (SELECT call_id FROM utterances);

      UPDATE metrics SET report_json = json_remove(report_json, '$.utterances')
        WHERE json_valid(report_json) AND json_type(report_json, '$.utterances') = 'array'
          AND json_array_length(report_json, '$.utterances') <=
              (SELECT count(*) FROM utterances x WHERE x.call_id = metrics.call_id);
    `,
  },
  {
    // The history at 10,000 calls (issue 13): the list reads a stored
    // sparkline instead of every segment of every listed call; segments are
    // indexed in the order getCall reads them (start, then id) with a small
    // index for the live checkpoint's open segments; each utterance is in a
    // full-text index of its own (contentless: the text is stored once, in
    // utterances; words keyed by call, see utterance-index.ts) so that a
    // search finds the moment of a hit in the index; a deletion whose
    // scrubbing is not finished is recorded so that the next open completes
    // it (defect 8 of issue 14). Only SQL here, so that the upgrade is quick.
    version: 4,
    name: 'history at scale: stored sparklines, segment order index, utterance search, pending compaction',
    sql: `
      ALTER TABLE calls ADD COLUMN sparkline_json TEXT;
      -- 1 once the call's utterances are in utterance_fts. Calls stored before
      -- this version are indexed (and get their sparkline) a few at a time
      -- after open (backlog.ts); until then they are found the old way.
      ALTER TABLE calls ADD COLUMN utterances_indexed INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX calls_backlog ON calls(id) WHERE utterances_indexed = 0 OR sparkline_json IS NULL;

      DROP INDEX segments_call;
      CREATE INDEX segments_call ON segments(call_id, start_sec);
      CREATE INDEX segments_open ON segments(call_id) WHERE open = 1;

      -- Trends read these columns only: a covering index keeps them off the reports' pages.
      CREATE INDEX metrics_trends ON metrics(call_id, talk_share, pace_wpm, longest_me_sec, patience_mean_sec, questions_me);

      -- rowid = utterances.id; words keyed by call (utterance-index.ts).
      CREATE VIRTUAL TABLE utterance_fts USING fts5(text, content = '', tokenize = 'porter unicode61');
      INSERT INTO utterance_fts(utterance_fts, rank) VALUES ('secure-delete', 1);

      CREATE TABLE pending_compaction (
        id     INTEGER PRIMARY KEY CHECK (id = 1),
        since  TEXT NOT NULL
      );
    `,
  },
  {
    // Trends over ten years (issue 13): the language figures are copied out
    // of each report into columns (TREND_LANGUAGE_SET, also applied to every
    // metrics row written from now on), and two covering indexes hold all
    // that trends read, so a trend reads neither a call's row nor its report.
    version: 5,
    name: 'trends without reading reports: language figures as columns, covering indexes',
    sql: `
      ALTER TABLE metrics ADD COLUMN has_language INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE metrics ADD COLUMN fillers_per_min REAL;
      ALTER TABLE metrics ADD COLUMN questions_lang REAL;
      ALTER TABLE metrics ADD COLUMN engaging REAL;
      ALTER TABLE metrics ADD COLUMN sentiment REAL;
      ALTER TABLE metrics ADD COLUMN engagement REAL;
      UPDATE metrics SET ${TREND_LANGUAGE_SET} WHERE json_valid(report_json); -- a damaged report has none

      DROP INDEX metrics_trends;
      CREATE INDEX metrics_trends ON metrics(call_id, talk_share, pace_wpm, longest_me_sec, patience_mean_sec, questions_me,
        has_language, fillers_per_min, questions_lang, engaging, sentiment, engagement);
      CREATE INDEX calls_trends ON calls(started_at, id, status, duration_sec);
    `,
  },
  {
    // Export of 10,000 calls in seconds (issue 13): a seal per part of a call
    // (seal.ts), over text SQLite builds, so that a reader checks only the
    // parts it returns and the JSON export writes the text it hashed. Calls
    // keep their first-definition digest (call_digests) until reseal.ts has
    // checked it and sealed them by parts, a few at a time after open; a call
    // that fails that check keeps it, and stays reported as damaged.
    version: 6,
    name: 'call seals by part',
    sql: `
      CREATE TABLE call_seals (
        call_id    INTEGER PRIMARY KEY REFERENCES calls(id) ON DELETE CASCADE,
        head       TEXT NOT NULL,
        segments   TEXT NOT NULL,
        utterances TEXT NOT NULL,
        vision     TEXT NOT NULL
      );
    `,
  },
  {
    // A call's search row never goes back under a rowid it had before
    // (call-text.ts): SQLite 3.53's FTS5 secure-delete corrupted call_fts
    // when a call whose row had been deleted and written again (an edit of
    // its notes) was deleted; the open then refused the file as damaged.
    // The rows are copied into a new index under rowid = call id << 32 (the
    // low half counts the call's rewrites, from call_fts_rowids), so that
    // the index lists calls newest first as before, and none carries the
    // old index's history. The old index's pages hold the text of calls that
    // are still stored; they are free pages, and the next delete's compaction
    // returns them (marking a compaction here would also retire the backup
    // taken before this upgrade, as after a delete).
    version: 7,
    name: 'search rows never reuse a rowid',
    sql: `
      CREATE VIRTUAL TABLE call_fts_v7 USING fts5(title, notes, transcript, tokenize = 'porter unicode61');
      INSERT INTO call_fts_v7(call_fts_v7, rank) VALUES ('secure-delete', 1);
      INSERT INTO call_fts_v7(rowid, title, notes, transcript) SELECT rowid << 32, title, notes, transcript FROM call_fts;
      DROP TABLE call_fts;
      ALTER TABLE call_fts_v7 RENAME TO call_fts;
      CREATE TABLE call_fts_rowids (last INTEGER NOT NULL);
      INSERT INTO call_fts_rowids (last) VALUES (0);
    `,
  },
  {
    // Trends over ten years with margin (issue 13): one row per finished call
    // with the figures trends average, as they count, in a covering index in
    // start order (trend-rows.ts), kept by triggers. A week is one range of
    // that index, grouped without a sort and without a join; the query of
    // schema 5 joined the two covering indexes below and sorted 10,000 rows
    // to group them (520 weeks of the 10,000-call bench history: 7.9 ms
    // against 24.6 ms, trends.ts). Those indexes served trends only (the
    // list, a call and the newest call read calls_started and the primary
    // keys), so they go. The step took 34 ms on that history (file in the OS
    // cache).
    version: 8,
    name: 'trend rows: the figures trends average, one row per finished call, kept by triggers',
    sql: `
      ${TREND_ROWS_SQL}
      ${FILL_TREND_ROWS_SQL};
      DROP INDEX calls_trends;
      DROP INDEX metrics_trends;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
