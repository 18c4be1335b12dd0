// The SQL of an export: which calls, in what order, each call's JSON, and
// the CSV's rows. A call's JSON is the call as getCall returns it, without
// the sparkline: the summary fields, file, audio file, notes, end, segments
// ({me, them} of [start, end], in time order), the report (with those
// segments and the participants), utterances, face samples and participants
// (their own table; inside report_json only in a file of a schema before 3,
// opened read-only).

export const EXPORT_IDS_ALL_SQL = 'SELECT id FROM calls ORDER BY started_at, id';

/**
 * A call's rows of a table, read as its digest reads them (digest.ts): the
 * rowid range between the call's first and last row, from the table itself,
 * never a value from an index entry the digest did not check. Sorted in time
 * order afterwards: the rows of one call, in memory.
 */
const CALL_ROWS = (table: string, rowid: string, order: string, where = ''): string => `(SELECT * FROM ${table}
  WHERE ${rowid} BETWEEN (SELECT min(${rowid}) FROM ${table} WHERE call_id = c.id) AND (SELECT max(${rowid}) FROM ${table} WHERE call_id = c.id)
    AND +call_id = c.id${where} ORDER BY ${order})`;

const SIDE_SPANS = (side: string): string => `(SELECT json_group_array(json_array(start_sec, end_sec))
  FROM ${CALL_ROWS('segments', 'id', 'start_sec, id', ` AND side = '${side}'`)})`;

/**
 * One row per call: `head` (the summary fields, file, audio file, notes, end)
 * and the JSON text of its parts, built by SQLite (several times cheaper
 * than serialising in JS), which callJson joins without parsing them again.
 */
export const CALL_JSON_SQL = `
  SELECT json_object(
      'id', c.id, 'title', c.title, 'startedAt', c.started_at, 'durationSec', c.duration_sec, 'source', c.source, 'status', c.status,
      'recovered', json(CASE c.status WHEN 'recovered' THEN 'true' ELSE 'false' END),
      'talkShare', m.talk_share, 'paceWpm', m.pace_wpm, 'longestMonologueSec', m.longest_me_sec,
      'patienceMeanSec', m.patience_mean_sec, 'questionsMe', m.questions_me,
      'file', c.file, 'audioFile', c.audio_file, 'notes', c.notes, 'endedAt', c.ended_at) AS head,
    ${SIDE_SPANS('me')} AS me,
    ${SIDE_SPANS('them')} AS them,
    json_remove(m.report_json, '$.segments', '$.participants') AS report,
    json_type(m.report_json, '$.participants') IS NOT NULL AS report_has_participants,
    (SELECT json_group_array(CASE WHEN u.words_json IS NULL
        THEN json_object('side', u.side, 'speaker', u.speaker, 'start', u.start_sec, 'end', u.end_sec, 'text', u.text)
        ELSE json_object('side', u.side, 'speaker', u.speaker, 'start', u.start_sec, 'end', u.end_sec, 'text', u.text, 'words', json(u.words_json)) END)
      FROM ${CALL_ROWS('utterances', 'id', 'start_sec, id')} u) AS utterances,
    (SELECT json_group_array(json_object('t', v.t_sec, 'facesVisible', v.faces_visible, 'facingCount', v.facing_count,
        'cameraOn', json(CASE v.camera_on WHEN 1 THEN 'true' ELSE 'false' END)))
      FROM ${CALL_ROWS('vision_samples', 'rowid', 't_sec, rowid')} v) AS vision,
    CASE WHEN EXISTS (SELECT 1 FROM participants WHERE call_id = c.id)
      THEN (SELECT json_group_array(json_object('name', p.name, 'side', p.side, 'talkSec', p.talk_sec, 'share', p.share, 'turns', p.turns,
          'longestMonologueSec', p.longest_monologue_sec, 'questions', p.questions, 'words', p.words, 'wpm', p.wpm))
        FROM (SELECT * FROM participants WHERE call_id = c.id ORDER BY ord) p)
      ELSE coalesce(json_extract(m.report_json, '$.participants'), '[]') END AS participants
  FROM calls c LEFT JOIN metrics m ON m.call_id = c.id WHERE c.id = ?`;

export interface CallJsonRow {
  head: string;
  me: string;
  them: string;
  report: string | null;
  utterances: string;
  vision: string;
  /** 1 when the stored report names its participants (a file stored before they had their own table). */
  report_has_participants: number | null;
  participants: string;
}

/**
 * The call's JSON text from its row: the fields in getCall's order, the
 * report with its segments and (from their table) its participants.
 */
export function callJson(r: CallJsonRow): string {
  const segments = `{"me":${r.me},"them":${r.them}}`;
  const tail = `"segments":${segments}${r.participants !== '[]' || r.report_has_participants ? `,"participants":${r.participants}` : ''}}`;
  const report = r.report === null ? 'null' : r.report === '{}' ? `{${tail}` : `${r.report.slice(0, -1)},${tail}`;
  return `${r.head.slice(0, -1)},"segments":${segments},"report":${report},"utterances":${r.utterances},"vision":${r.vision},"participants":${r.participants}}`;
}

const CSV_SELECT = `
  SELECT c.id, c.title, c.started_at, c.duration_sec, c.status, m.talk_share, m.talk_me_sec, m.talk_them_sec,
    m.longest_me_sec, m.longest_them_sec, m.patience_mean_sec, m.patience_median_sec, m.patience_count,
    m.interruptions_me, m.interruptions_them, m.silence_share, m.pace_wpm, m.pace_method, m.questions_me, c.notes
  FROM calls c LEFT JOIN metrics m ON m.call_id = c.id`;

export const CSV_SQL_ALL = `${CSV_SELECT} ORDER BY c.started_at, c.id`;
export const CSV_SQL_ONE = `${CSV_SELECT} WHERE c.id = ?`;
