// The trend row of a call (schema 8): one row of call_trends per finished
// call, holding each figure weekly trends average as it counts toward the
// average (infinities already left out, language figures only where the
// report has them, questions per 10 minutes already divided), and a covering
// index in start order over all of them. A week's trend is then one range of
// that index, averaged by SQLite without a join or a sort (trends.ts).
//
// The rows are written by triggers on calls and metrics, not by the store:
// every path that finishes, edits or re-times a call (saveComplete, finish,
// a recovered call, the schema migrations of later versions, a test's own
// INSERT) keeps them without knowing they exist. A call still recording has
// no row: it does not count in trends. Its checkpoints (one a second) write
// its length, which the calls trigger watches; the trigger's WHEN skips the
// body while the call records. SQLite still compiles the body into every
// statement that writes a watched column, and the store prepares a statement
// each time it writes: a checkpoint's UPDATE took 75 us to prepare against
// 12 us at schema 7 (medians, same run). The row goes with its call (ON
// DELETE CASCADE; deleting everything empties call_trends by name,
// delete-calls.ts). A metrics row is never deleted on its own; there is no
// trigger for that, because any DELETE trigger on metrics would stop SQLite
// from emptying the table wholesale when everything is deleted.
//
// This is the one home of the definition: the schema, the triggers and the
// fill of migration 8 are built from COLUMNS. A change to it needs a new
// migration that drops the triggers and the table and builds them again.

/** A figure that counts toward an average: NULLs are skipped by avg, and so are the infinities, as in `mean` (trends.ts). */
export const fin = (x: string): string => `CASE WHEN abs(${x}) <= 1.7976931348623157e308 THEN ${x} END`;

/** Only for a call whose report has language figures (a transcript). */
const lang = (x: string): string => `CASE WHEN m.has_language = 1 THEN ${x} END`;

/** Per 10 minutes of call; none for a call of no length. */
const per10 = (x: string): string => `CASE WHEN m.has_language = 1 AND c.duration_sec > 0 THEN ${fin(`${x} / c.duration_sec * 600`)} END`;

/**
 * Each column after call_id, with its type and its value over `calls c LEFT
 * JOIN metrics m`. The types are those of the metrics columns they come
 * from, so a value is stored as that column holds it and avg sees the same
 * numbers it saw reading metrics (an integer count stays an integer).
 */
const COLUMNS: readonly [name: string, type: string, value: string][] = [
  ['started_at', 'TEXT NOT NULL', 'c.started_at'],
  ['talk_share', 'REAL', fin('m.talk_share')],
  ['pace_wpm', 'REAL', fin('m.pace_wpm')],
  ['longest_me_sec', 'REAL', fin('m.longest_me_sec')],
  ['patience_mean_sec', 'REAL', fin('m.patience_mean_sec')],
  ['questions_me', 'INTEGER', fin('m.questions_me')],
  // 1 when the report has language figures, else 0 (also for a call without a metrics row): summed, it counts them.
  ['has_language', 'INTEGER NOT NULL', 'coalesce(m.has_language = 1, 0)'],
  ['fillers_per_min', 'REAL', lang(fin('m.fillers_per_min'))],
  ['questions_per_10', 'REAL', per10('m.questions_lang')],
  ['engaging_per_10', 'REAL', per10('m.engaging')],
  ['sentiment', 'REAL', lang(fin('m.sentiment'))],
  ['engagement', 'REAL', lang(fin('m.engagement'))],
];

const NAMES = COLUMNS.map(([name]) => name).join(', ');

/**
 * Start order, then call id as calls_trends had it (schema 5): calls that
 * start at the same instant are summed in the same order as before, and a
 * compensated sum can depend on the order by its last bit. Then every
 * figure, so that a trend reads the index only.
 */
const WEEK_INDEX = `started_at, call_id, ${COLUMNS.slice(1).map(([name]) => name).join(', ')}`;

/** The trend rows the source tables give, for the finished calls `from` reaches that match `where`. */
export function trendRowsSelect(where = 'TRUE', from = 'calls c LEFT JOIN metrics m ON m.call_id = c.id'): string {
  return `SELECT c.id AS call_id,
      ${COLUMNS.map(([name, , value]) => `${value} AS ${name}`).join(',\n      ')}
    FROM ${from} WHERE c.status != 'recording' AND (${where})`;
}

/** The row of call `id` (an expression of the trigger) written again from its call and metrics, or removed. */
function refresh(id: string): string {
  return `DELETE FROM call_trends WHERE call_id = ${id};
    INSERT INTO call_trends (call_id, ${NAMES}) ${trendRowsSelect(`c.id = ${id}`)};`;
}

/** The metrics columns a trend row is made from. */
const METRICS_SOURCES = 'talk_share, pace_wpm, longest_me_sec, patience_mean_sec, questions_me, has_language, fillers_per_min, questions_lang, engaging, sentiment, engagement';

/**
 * The table, its index and the triggers that keep it. Each trigger writes
 * the whole row again (a delete and an insert of one row, whatever conflict
 * clause the statement that fired it has), so a row is always what
 * trendRowsSelect gives for its call. A call's title, notes, audio file,
 * sparkline, checkpoint time and heartbeat are not watched.
 */
export const TREND_ROWS_SQL = `
  CREATE TABLE call_trends (
    call_id  INTEGER PRIMARY KEY REFERENCES calls(id) ON DELETE CASCADE,
    ${COLUMNS.map(([name, type]) => `${name} ${type}`).join(',\n    ')}
  );
  CREATE INDEX call_trends_week ON call_trends(${WEEK_INDEX});

  CREATE TRIGGER call_trends_call_insert AFTER INSERT ON calls WHEN NEW.status != 'recording' BEGIN
    ${refresh('NEW.id')}
  END;
  CREATE TRIGGER call_trends_call_update AFTER UPDATE OF id, started_at, duration_sec, status ON calls
    WHEN OLD.status != 'recording' OR NEW.status != 'recording' BEGIN
    DELETE FROM call_trends WHERE call_id = OLD.id;
    ${refresh('NEW.id')}
  END;
  CREATE TRIGGER call_trends_metrics_insert AFTER INSERT ON metrics BEGIN
    ${refresh('NEW.call_id')}
  END;
  CREATE TRIGGER call_trends_metrics_update AFTER UPDATE OF call_id, ${METRICS_SOURCES} ON metrics BEGIN
    DELETE FROM call_trends WHERE call_id = OLD.call_id;
    ${refresh('NEW.call_id')}
  END;`;

/**
 * Every finished call's row, for migration 8, read through the covering
 * indexes of schema 5 (calls_trends, metrics_trends): on the 10,000-call
 * bench history 25 ms, against 57 ms through the metrics rows (medians of
 * 15, file in the OS cache), whose language columns sit behind the report,
 * on its overflow pages.
 */
export const FILL_TREND_ROWS_SQL = `INSERT INTO call_trends (call_id, ${NAMES})
  ${trendRowsSelect('TRUE', 'calls c INDEXED BY calls_trends LEFT JOIN metrics m INDEXED BY metrics_trends ON m.call_id = c.id')}`;
