// Schema migrations keyed on PRAGMA user_version. Each step runs once, in a
// transaction, in order. Append new steps; never edit a released one.
export interface Migration {
  version: number;
  name: string;
  sql: string;
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
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
