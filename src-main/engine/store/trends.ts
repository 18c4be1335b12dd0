// Per-ISO-week averages over finished calls: talk share, pace, longest
// monologue, patience and questions, and the language figures over the
// calls that have them (a transcript). A week is named by its Monday
// (YYYY-MM-DD, local time). Weeks without calls are left out.
import type { TrendPoint } from '../../contract/calls';
import type Database from 'better-sqlite3';
import type { Db } from './db';
import { fin } from './trend-rows';

interface Row {
  started_at: string;
  talk_share: number | null;
  pace_wpm: number | null;
  longest_me_sec: number | null;
  patience_mean_sec: number | null;
  questions_me: number | null;
  duration_sec: number;
  /** 1 when the stored report has language figures. */
  has_language: number;
  fillers_per_min: number | null;
  questions_lang: number | null;
  engaging: number | null;
  sentiment: number | null;
  engagement: number | null;
}

/** Per 10 minutes of call; null for a call of no length. */
function per10(n: number | null, durationSec: number): number | null {
  return n === null || durationSec <= 0 ? null : (n / durationSec) * 600;
}

/**
 * The language figures of a call exist only inside its stored report; they
 * are copied into columns of its metrics row when it is written (and by the
 * version-5 migration for calls stored before), so that trends never parse a
 * report: over ten years that is 10,000 reports of ~5 KB, hundreds of ms.
 * The one definition of those columns, used by both.
 */
export const TREND_LANGUAGE_SET = `
  has_language = json_type(report_json, '$.metrics.fillers') IS NOT NULL,
  fillers_per_min = json_extract(report_json, '$.metrics.fillers.perMinute'),
  questions_lang = json_extract(report_json, '$.metrics.questions.me'),
  engaging = json_extract(report_json, '$.metrics.engagingQuestions'),
  sentiment = json_extract(report_json, '$.metrics.sentiment.call'),
  engagement = json_extract(report_json, '$.metrics.engagement.call')`;

/**
 * One row per week with calls, oldest first. The weeks come from JS (local
 * time, as isoWeekMonday) as [name, first instant, first instant of the next
 * week] in the stored ISO form, in order; each week's calls are one range of
 * the covering index call_trends_week (trend-rows.ts: each call's figures as
 * they count, in start order), and SQLite averages them (compensated
 * summation, see `mean`): 10,000 calls never cross into JS one by one. The
 * rows are grouped by the week's rowid, which json_each hands out in array
 * order and says so to the planner: a week's rows arrive together and are
 * averaged as they come. Grouped by the week's name, they are sorted first:
 * the schema-7 query (TRENDS_SQL_V5) sorted 10,000 rows. weeklyTrends over
 * 520 weeks of the 10,000-call bench history: 7.9 ms against 24.6 ms; 26
 * weeks: 0.46 ms against 1.39 ms (medians of 201 interleaved runs on a
 * shared 2-core machine; the fastest tenth of the 520-week runs: 6.0 ms
 * against 19.0 ms).
 */
export const TRENDS_SQL = `
  WITH weeks(n, week, lo, hi) AS (SELECT rowid, value ->> 0, value ->> 1, value ->> 2 FROM json_each(?))
  SELECT w.week, count(*) AS calls,
    avg(t.talk_share) AS talk_share, avg(t.pace_wpm) AS pace_wpm, avg(t.longest_me_sec) AS longest_me_sec,
    avg(t.patience_mean_sec) AS patience_mean_sec, avg(t.questions_me) AS questions_me,
    sum(t.has_language) AS language_calls, avg(t.fillers_per_min) AS fillers_per_min,
    avg(t.questions_per_10) AS questions_per_10, avg(t.engaging_per_10) AS engaging_per_10,
    avg(t.sentiment) AS sentiment, avg(t.engagement) AS engagement
  FROM weeks w JOIN call_trends t INDEXED BY call_trends_week ON t.started_at >= w.lo AND t.started_at < w.hi
  GROUP BY w.n ORDER BY w.n`;

/**
 * TRENDS_SQL for a file of schema 5 to 7 opened read-only (not migrated):
 * the same weeks, each a range of the covering index calls_trends (start,
 * id, status, length), each call's figures from the covering index
 * metrics_trends, grouped with a sort.
 */
export const TRENDS_SQL_V5 = `
  WITH weeks(week, lo, hi) AS (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?))
  SELECT w.week, count(*) AS calls,
    avg(${fin('m.talk_share')}) AS talk_share, avg(${fin('m.pace_wpm')}) AS pace_wpm,
    avg(${fin('m.longest_me_sec')}) AS longest_me_sec, avg(${fin('m.patience_mean_sec')}) AS patience_mean_sec,
    avg(${fin('m.questions_me')}) AS questions_me,
    coalesce(sum(m.has_language = 1), 0) AS language_calls,
    avg(CASE WHEN m.has_language = 1 THEN ${fin('m.fillers_per_min')} END) AS fillers_per_min,
    avg(CASE WHEN m.has_language = 1 AND c.duration_sec > 0 THEN ${fin('m.questions_lang / c.duration_sec * 600')} END) AS questions_per_10,
    avg(CASE WHEN m.has_language = 1 AND c.duration_sec > 0 THEN ${fin('m.engaging / c.duration_sec * 600')} END) AS engaging_per_10,
    avg(CASE WHEN m.has_language = 1 THEN ${fin('m.sentiment')} END) AS sentiment,
    avg(CASE WHEN m.has_language = 1 THEN ${fin('m.engagement')} END) AS engagement
  FROM weeks w
    JOIN calls c INDEXED BY calls_trends ON c.started_at >= w.lo AND c.started_at < w.hi AND c.status != 'recording'
    LEFT JOIN metrics m INDEXED BY metrics_trends ON m.call_id = c.id
  GROUP BY w.week ORDER BY w.week`;

/** A row of TRENDS_SQL (or TRENDS_SQL_V5), read as an array: 520 objects of 13 fields cost ~1.2 ms more to make (bench history). */
type WeekRow = [
  week: string, calls: number, talkShare: number | null, paceWpm: number | null, longestMeSec: number | null,
  patienceMeanSec: number | null, questionsMe: number | null, languageCalls: number, fillersPerMin: number | null,
  questionsPer10: number | null, engagingPer10: number | null, sentiment: number | null, engagement: number | null,
];

/** The start of the newest call (calls_started, read from its end). */
export const LATEST_CALL_SQL = 'SELECT max(started_at) FROM calls';

/** A file of a schema before 5 opened read-only (not migrated): the figures from the reports themselves. */
const TRENDS_SQL_BEFORE_V5 = `
  SELECT c.started_at, c.duration_sec, m.talk_share, m.pace_wpm, m.longest_me_sec, m.patience_mean_sec, m.questions_me,
    json_type(m.report_json, '$.metrics.fillers') IS NOT NULL AS has_language,
    json_extract(m.report_json, '$.metrics.fillers.perMinute') AS fillers_per_min,
    json_extract(m.report_json, '$.metrics.questions.me') AS questions_lang,
    json_extract(m.report_json, '$.metrics.engagingQuestions') AS engaging,
    json_extract(m.report_json, '$.metrics.sentiment.call') AS sentiment,
    json_extract(m.report_json, '$.metrics.engagement.call') AS engagement
  FROM calls c LEFT JOIN metrics m ON m.call_id = c.id
  WHERE c.status != 'recording' AND c.started_at >= ? ORDER BY c.started_at`;

const TREND_COLUMNS_VERSION = 5;
const TREND_ROWS_VERSION = 8;

type Statement = Database.Statement<unknown[]>;

/**
 * Compiled once per connection: compiling TRENDS_SQL costs about as much as a
 * few years of weeks. The week query is the one the file's schema has the
 * table and indexes for (each names its index, so the other cannot compile),
 * compiled again if the file was upgraded under a read-only connection.
 */
const prepared = new WeakMap<Db, { version: number; weeks: Statement; latest: Statement }>();

function statements(db: Db, version: number): { weeks: Statement; latest: Statement } {
  let s = prepared.get(db);
  if (s?.version !== version) {
    const weeks = db.prepare(version >= TREND_ROWS_VERSION ? TRENDS_SQL : TRENDS_SQL_V5).raw();
    prepared.set(db, (s = { version, weeks, latest: db.prepare(LATEST_CALL_SQL).pluck() }));
  }
  return s;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The Monday (local time) of the ISO week that holds `d`, as YYYY-MM-DD. */
export function isoWeekMonday(d: Date): string {
  const day = (d.getDay() + 6) % 7; // Monday = 0 … Sunday = 6
  const m = new Date(d.getFullYear(), d.getMonth(), d.getDate() - day);
  return `${m.getFullYear()}-${pad(m.getMonth() + 1)}-${pad(m.getDate())}`;
}

function round3(x: number | null): number | null {
  return x === null ? null : Math.round(x * 1000) / 1000;
}

/**
 * The mean as SQLite's avg() computes it (compensated Kahan-Babuska-Neumaier
 * summation, then one division), so that a file read the old way gives the
 * same figures as TRENDS_SQL; null for no finite value.
 */
export function mean(xs: (number | null)[]): number | null {
  let sum = 0;
  let err = 0;
  let n = 0;
  for (const x of xs) {
    if (x === null || !Number.isFinite(x)) continue;
    const t = sum + x;
    err += Math.abs(sum) > Math.abs(x) ? (sum - t) + x : (x - t) + sum;
    sum = t;
    n++;
  }
  return n ? (Number.isFinite(err) ? sum + err : sum) / n : null;
}

function avg(xs: (number | null)[]): number | null {
  return round3(mean(xs));
}

const DAY_MS = 86_400_000;

/**
 * isoWeekMonday for many instants: the local day number from the instant and
 * its zone offset, the Monday by arithmetic, its name cached. One Date per
 * call instead of three.
 */
function weekNamer(): (iso: string) => string {
  const names = new Map<number, string>();
  return (iso) => {
    const t = Date.parse(iso);
    const localDay = Math.floor((t - new Date(t).getTimezoneOffset() * 60_000) / DAY_MS);
    const monday = localDay - ((localDay + 3) % 7); // day 0 (1970-01-01) was a Thursday
    let name = names.get(monday);
    if (name === undefined) names.set(monday, (name = new Date(monday * DAY_MS).toISOString().slice(0, 10)));
    return name;
  };
}

/**
 * Trends over the last `weeks` weeks (counting the current one), oldest
 * first. Calls still recording are left out; a call dated after today still
 * counts in its own week.
 */
export function weeklyTrends(db: Db, opts: { weeks?: number; now?: Date } = {}): TrendPoint[] {
  const now = opts.now ?? new Date();
  const weeks = opts.weeks ?? 26;
  const firstMonday = isoWeekMonday(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 7 * (weeks - 1)));
  const [fy, fm, fd] = firstMonday.split('-').map(Number);
  const since = new Date(fy, fm - 1, fd).toISOString();
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version < TREND_COLUMNS_VERSION) return trendsFromReports(db, since);
  const st = statements(db, version);
  const latest = st.latest.get() as string | null;
  if (latest === null || latest < since) return [];
  const last = isoWeekMonday(new Date(latest));
  // Each week's end is the next one's start: one Date and one ISO string a week (0.73 ms for 520 weeks, against 1.23 ms).
  const bounds: [string, string, string][] = [];
  let start = new Date(fy, fm - 1, fd);
  let lo = start.toISOString();
  for (let i = 1; ; i++) {
    const week = `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}`;
    if (week > last) break;
    const next = new Date(fy, fm - 1, fd + 7 * i);
    const hi = next.toISOString();
    bounds.push([week, lo, hi]);
    start = next;
    lo = hi;
  }
  return (st.weeks.all(JSON.stringify(bounds)) as WeekRow[]).map(([week, calls, talkShare, paceWpm, longestMeSec, patienceMeanSec,
    questionsMe, languageCalls, fillersPerMin, questionsPer10, engagingPer10, sentiment, engagement]) => ({
    week,
    calls,
    talkShare: round3(talkShare),
    paceWpm: round3(paceWpm),
    longestMonologueSec: round3(longestMeSec),
    patienceMeanSec: round3(patienceMeanSec),
    questionsMe: round3(questionsMe),
    languageCalls,
    fillersPerMinute: round3(fillersPerMin),
    questionsPer10Min: round3(questionsPer10),
    engagingQuestionsPer10Min: round3(engagingPer10),
    sentiment: round3(sentiment),
    engagement: round3(engagement),
  }));
}

/** A file of a schema before 5 (read-only, not migrated): every call's figures from its report, grouped here. */
function trendsFromReports(db: Db, since: string): TrendPoint[] {
  const rows = db.prepare(TRENDS_SQL_BEFORE_V5).all(since) as Row[];
  const weekOf = weekNamer();
  const byWeek = new Map<string, Row[]>();
  for (const r of rows) {
    const week = weekOf(r.started_at);
    let list = byWeek.get(week);
    if (!list) byWeek.set(week, (list = []));
    list.push(r);
  }
  return weekPoints(byWeek);
}

/** One point per week with calls, oldest first: the averages of its calls (the language ones over calls that have them). */
function weekPoints(byWeek: Map<string, Row[]>): TrendPoint[] {
  return [...byWeek.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([week, rs]) => ({ week, rs, lang: rs.filter((r) => r.has_language === 1) }))
    .map(({ week, rs, lang }) => ({
      week,
      calls: rs.length,
      talkShare: avg(rs.map((r) => r.talk_share)),
      paceWpm: avg(rs.map((r) => r.pace_wpm)),
      longestMonologueSec: avg(rs.map((r) => r.longest_me_sec)),
      patienceMeanSec: avg(rs.map((r) => r.patience_mean_sec)),
      questionsMe: avg(rs.map((r) => r.questions_me)),
      languageCalls: lang.length,
      fillersPerMinute: avg(lang.map((r) => r.fillers_per_min)),
      questionsPer10Min: avg(lang.map((r) => per10(r.questions_lang, r.duration_sec))),
      engagingQuestionsPer10Min: avg(lang.map((r) => per10(r.engaging, r.duration_sec))),
      sentiment: avg(lang.map((r) => r.sentiment)),
      engagement: avg(lang.map((r) => r.engagement)),
    }));
}
