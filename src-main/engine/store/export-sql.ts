// The SQL of an export: which calls, in what order, and the CSV's rows. A
// call's JSON is built from the rows its digest check reads (export-call.ts).

export const EXPORT_IDS_ALL_SQL = 'SELECT id FROM calls ORDER BY started_at, id';

const CSV_SELECT = `
  SELECT c.id, c.title, c.started_at, c.duration_sec, c.status, m.talk_share, m.talk_me_sec, m.talk_them_sec,
    m.longest_me_sec, m.longest_them_sec, m.patience_mean_sec, m.patience_median_sec, m.patience_count,
    m.interruptions_me, m.interruptions_them, m.silence_share, m.pace_wpm, m.pace_method, m.questions_me, c.notes
  FROM calls c LEFT JOIN metrics m ON m.call_id = c.id`;

export const CSV_SQL_ALL = `${CSV_SELECT} ORDER BY c.started_at, c.id`;
export const CSV_SQL_ONE = `${CSV_SELECT} WHERE c.id = ?`;
