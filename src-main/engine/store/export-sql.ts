// The SQL that reads one call as text, built by SQLite: the seal of each
// part of the call (seal.ts) is a SHA-256 of these texts, and the JSON
// export writes the same texts out. Reading a call's rows into JS to hash
// or serialise them cost ~2 us a row (15M rows on a 10,000-call history);
// SQLite builds the text in C, and JS only hashes and writes it.
//
// The texts come back as bytes (CAST AS BLOB, UTF-8): hashed and written as
// they are, never decoded into JS strings and encoded again.
//
// A part's text is the export's JSON of that part, followed by what the
// export leaves out but the store keeps (so that a changed byte there is
// caught too), after a newline (JSON text never holds a raw one):
//   head        the call's and its metrics' columns, the stored report as
//               written, its participants (small; CSV checks only this part)
//   segments    {me} spans, {them} spans, then each segment's syllables and
//               open flag, in time order
//   utterances  the utterances as exported, then each one's source
//   vision      the face samples as exported, then each raw camera_on
// Any change to a stored value changes its part's text: a side that is
// neither 'me' nor 'them' drops the segment from both lists; a report or
// word timings that no longer parse are an error.
//
// Many rows per call. Segments, utterances and face samples are walked in
// the order of their index, (call_id, start) then rowid, which is the order
// the texts want, so nothing is sorted; their values are read from the table
// row each index entry names, never from the entry (a copy: a seal over it
// would miss a damaged row that getCall serves). Segments used to be read by
// their rowid range and sorted; through segments_call a call's segments part
// costs 435 us of CPU instead of 553 (median of 12 interleaved rounds over
// 2,000 calls of the 10,000-call bench), the sort of ~650 rows being most of
// the difference. Rendering numbers with printf('%!0.15g'), what the JSON
// functions write, instead of json_array/json_object saved nothing: formatting
// the doubles is the cost either way. json('true') and json('false') are
// constants, parsed once per statement, not once per row.
// Changing any of these texts changes every seal: a new definition needs a
// migration (see seal.ts and the pinned digests in
// tests/engine/store/seals.test.ts).

export const EXPORT_IDS_ALL_SQL = 'SELECT id FROM calls ORDER BY started_at, id';

// A table whose index is (call_id, <first key of the order>): its entries
// come in the order wanted, rowid last. The values are read from the table
// row (t), never from the index entry (i): the seal covers what getCall and
// the export serve, and a damaged index entry can only change the order.
const INDEX_ROWS = (table: string, cols: string, order: string): string => `(SELECT ${cols.split(', ').map((col) => `t.${col}`).join(', ')}
  FROM ${table} i, ${table} t WHERE i.call_id = c.id AND t.rowid = i.rowid ORDER BY ${order.split(', ').map((col) => `i.${col}`).join(', ')})`;

const NL = 'char(10)';

const HEAD_TEXT = `json_array(c.id, c.started_at, c.ended_at, c.duration_sec, c.source, c.file, c.title, c.notes, c.status, c.checkpoint_sec,
    c.audio_file, m.call_id, m.talk_share, m.talk_me_sec, m.talk_them_sec, m.longest_me_sec, m.longest_them_sec, m.patience_mean_sec,
    m.patience_median_sec, m.patience_count, m.interruptions_me, m.interruptions_them, m.silence_share, m.pace_wpm, m.pace_method, m.questions_me)
  || ${NL} || coalesce(m.report_json, '') || ${NL} ||
  (SELECT json_group_array(json_array(ord, name, side, talk_sec, share, turns, longest_monologue_sec, questions, words, wpm))
    FROM (SELECT * FROM participants WHERE call_id = c.id ORDER BY ord))`;

const SPANS = (side: string): string => `coalesce(json_group_array(json_array(start_sec, end_sec)) FILTER (WHERE side = '${side}'), '[]')`;

const SEGMENTS_TEXT = `(SELECT ${SPANS('me')} || ${NL} || ${SPANS('them')} || ${NL} || coalesce(group_concat(syllables || ':' || open, ','), '')
  FROM ${INDEX_ROWS('segments', 'side, start_sec, end_sec, syllables, open', 'start_sec, id')})`;

const UTTERANCES_TEXT = `(SELECT json_group_array(CASE WHEN words_json IS NULL
      THEN json_object('side', side, 'speaker', speaker, 'start', start_sec, 'end', end_sec, 'text', text)
      ELSE json_object('side', side, 'speaker', speaker, 'start', start_sec, 'end', end_sec, 'text', text, 'words', json(words_json)) END)
    || ${NL} || coalesce(group_concat(source, ','), '')
  FROM ${INDEX_ROWS('utterances', 'side, speaker, start_sec, end_sec, text, words_json, source', 'start_sec, id')})`;

const VISION_TEXT = `(SELECT json_group_array(json_object('t', t_sec, 'facesVisible', faces_visible, 'facingCount', facing_count,
      'cameraOn', CASE camera_on WHEN 1 THEN json('true') ELSE json('false') END))
    || ${NL} || coalesce(group_concat(camera_on, ','), '')
  FROM ${INDEX_ROWS('vision_samples', 't_sec, faces_visible, facing_count, camera_on', 't_sec, rowid')})`;

/** What the export adds around the parts: the summary fields, the report without its segments, the participants as exported. */
const EXPORT_COLUMNS = `json_object(
      'id', c.id, 'title', c.title, 'startedAt', c.started_at, 'durationSec', c.duration_sec, 'source', c.source, 'status', c.status,
      'recovered', CASE c.status WHEN 'recovered' THEN json('true') ELSE json('false') END,
      'talkShare', m.talk_share, 'paceWpm', m.pace_wpm, 'longestMonologueSec', m.longest_me_sec,
      'patienceMeanSec', m.patience_mean_sec, 'questionsMe', m.questions_me,
      'file', c.file, 'audioFile', c.audio_file, 'notes', c.notes, 'endedAt', c.ended_at) AS head,
    json_remove(m.report_json, '$.segments', '$.participants') AS report,
    json_type(m.report_json, '$.participants') IS NOT NULL AS report_has_participants,
    CASE WHEN EXISTS (SELECT 1 FROM participants WHERE call_id = c.id)
      THEN (SELECT json_group_array(json_object('name', p.name, 'side', p.side, 'talkSec', p.talk_sec, 'share', p.share, 'turns', p.turns,
          'longestMonologueSec', p.longest_monologue_sec, 'questions', p.questions, 'words', p.words, 'wpm', p.wpm))
        FROM (SELECT * FROM participants WHERE call_id = c.id ORDER BY ord) p)
      ELSE coalesce(json_extract(m.report_json, '$.participants'), '[]') END AS participants`;

/** The seals of the call as written (NULL where it has none) and its digest of the first definition (digest.ts). */
const SEAL_COLUMNS = (seals: boolean): string => (seals
  ? 's.head AS seal_head, s.segments AS seal_segments, s.utterances AS seal_utterances, s.vision AS seal_vision'
  : 'NULL AS seal_head, NULL AS seal_segments, NULL AS seal_utterances, NULL AS seal_vision');

const FROM = (seals: boolean): string => `FROM calls c LEFT JOIN metrics m ON m.call_id = c.id LEFT JOIN call_digests d ON d.call_id = c.id
  ${seals ? 'LEFT JOIN call_seals s ON s.call_id = c.id' : ''} WHERE c.id = ?`;

export interface SealColumns {
  status: string;
  seal_head: string | null;
  seal_segments: string | null;
  seal_utterances: string | null;
  seal_vision: string | null;
  /** The digest of the first definition, for a call not yet sealed by parts. */
  legacy: string | null;
}

/** The text of each part, UTF-8. */
export interface PartTexts {
  head_text: Buffer;
  segments: Buffer;
  utterances: Buffer;
  vision: Buffer;
}

/**
 * One call: its seals and the text of every part; with `exported`, also what
 * the JSON export writes around them. `seals`: the file has call_seals
 * (schema 6); a read-only file of schema 3-5 has only the first digests.
 */
export function callPartsSql(opts: { seals: boolean; exported: boolean }): string {
  return `SELECT ${SEAL_COLUMNS(opts.seals)}, d.sha256 AS legacy, c.status,
      CAST(${HEAD_TEXT} AS BLOB) AS head_text, CAST(${SEGMENTS_TEXT} AS BLOB) AS segments,
      CAST(${UTTERANCES_TEXT} AS BLOB) AS utterances, CAST(${VISION_TEXT} AS BLOB) AS vision
      ${opts.exported ? `, ${EXPORT_COLUMNS}` : ''}
    ${FROM(opts.seals)}`;
}

export interface CallJsonRow extends SealColumns, PartTexts {
  head: string;
  report: string | null;
  /** 1 when the stored report names its participants (a file stored before they had their own table). */
  report_has_participants: number | null;
  participants: string;
}

const NEWLINE = 0x0a;

/** The export's JSON of a part: its text up to the first newline. */
function exported(part: Buffer): Buffer {
  return part.subarray(0, part.indexOf(NEWLINE));
}

/**
 * The call's JSON text from its row, UTF-8: the fields in getCall's order,
 * the report with its segments and (from their table) its participants.
 */
export function callJson(r: CallJsonRow): Buffer {
  const me = r.segments.indexOf(NEWLINE);
  const them = r.segments.indexOf(NEWLINE, me + 1);
  const segments = [Buffer.from('{"me":'), r.segments.subarray(0, me), Buffer.from(',"them":'), r.segments.subarray(me + 1, them), Buffer.from('}')];
  const tail = `${r.participants !== '[]' || r.report_has_participants ? `,"participants":${r.participants}` : ''}}`;
  const report = r.report === null ? ['null']
    : [r.report === '{}' ? '{"segments":' : `${r.report.slice(0, -1)},"segments":`, ...segments, tail];
  return Buffer.concat([
    Buffer.from(`${r.head.slice(0, -1)},"segments":`), ...segments, Buffer.from(',"report":'),
    ...report.map((x) => (typeof x === 'string' ? Buffer.from(x) : x)),
    Buffer.from(',"utterances":'), exported(r.utterances), Buffer.from(',"vision":'), exported(r.vision),
    Buffer.from(`,"participants":${r.participants}}`),
  ]);
}

/**
 * CSV: one row of metrics per call, then the head part's seal, the call's
 * first-definition digest and the head part's text (the only part CSV
 * writes from). A read-only file of a schema before 3 has neither.
 */
export const csvSql = (schema: 'seals' | 'digests' | 'none'): string => `
  SELECT c.id, c.title, c.started_at, c.duration_sec, c.status, m.talk_share, m.talk_me_sec, m.talk_them_sec,
    m.longest_me_sec, m.longest_them_sec, m.patience_mean_sec, m.patience_median_sec, m.patience_count,
    m.interruptions_me, m.interruptions_them, m.silence_share, m.pace_wpm, m.pace_method, m.questions_me, c.notes,
    ${schema === 'none' ? "NULL, NULL, ''" : `${schema === 'seals' ? 's.head' : 'NULL'}, d.sha256, CAST(${HEAD_TEXT} AS BLOB)`}
  ${schema === 'none' ? 'FROM calls c LEFT JOIN metrics m ON m.call_id = c.id WHERE c.id = ?' : FROM(schema === 'seals')}`;

/** The CSV columns of a csvSql row (the rest are its check). */
export const CSV_CELLS = 20;
