// Per-ISO-week averages over finished calls: talk share, pace, longest
// monologue, patience and questions, and the language figures over the
// calls that have them (a transcript). A week is named by its Monday
// (YYYY-MM-DD, local time). Weeks without calls are left out.
import type { TrendPoint } from '../../contract/calls';
import type { Db } from './db';

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
 * Every finished call since the first week, in time order: one range of the
 * covering index calls_trends (start, id, status, length), whose order is
 * the ORDER BY's, and per call the covering index metrics_trends, so neither
 * a call's row nor its report is read and nothing is sorted.
 */
export const TRENDS_SQL = `
  SELECT c.started_at, c.duration_sec, m.talk_share, m.pace_wpm, m.longest_me_sec, m.patience_mean_sec, m.questions_me,
    m.has_language, m.fillers_per_min, m.questions_lang, m.engaging, m.sentiment, m.engagement
  FROM calls c INDEXED BY calls_trends LEFT JOIN metrics m INDEXED BY metrics_trends ON m.call_id = c.id
  WHERE c.started_at >= ? AND c.status != 'recording' ORDER BY c.started_at, c.id`;

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

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The Monday (local time) of the ISO week that holds `d`, as YYYY-MM-DD. */
export function isoWeekMonday(d: Date): string {
  const day = (d.getDay() + 6) % 7; // Monday = 0 … Sunday = 6
  const m = new Date(d.getFullYear(), d.getMonth(), d.getDate() - day);
  return `${m.getFullYear()}-${pad(m.getMonth() + 1)}-${pad(m.getDate())}`;
}

function avg(xs: (number | null)[]): number | null {
  const v = xs.filter((x): x is number => x !== null && Number.isFinite(x));
  if (v.length === 0) return null;
  return Math.round((v.reduce((a, b) => a + b, 0) / v.length) * 1000) / 1000;
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
 * The weeks from the Monday `first` (local time) to the week of `latest`:
 * name and first instant of each, in the stored ISO form, so that calls in
 * time order are given their week by comparing strings, not by a Date each.
 */
function weekStarts(first: [number, number, number], latest: string): { week: string; from: string }[] {
  const [fy, fm, fd] = first;
  const last = isoWeekMonday(new Date(latest));
  const out: { week: string; from: string }[] = [];
  for (let i = 0; ; i++) {
    const start = new Date(fy, fm - 1, fd + 7 * i);
    const week = `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}`;
    if (week > last) return out;
    out.push({ week, from: start.toISOString() });
  }
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
  if ((db.pragma('user_version', { simple: true }) as number) < TREND_COLUMNS_VERSION) return trendsFromReports(db, since);
  const latest = db.prepare(LATEST_CALL_SQL).pluck().get() as string | null;
  if (latest === null || latest < since) return [];
  const starts = weekStarts([fy, fm, fd], latest);
  const byWeek = new Map<string, Row[]>();
  let k = 0;
  for (const r of db.prepare(TRENDS_SQL).all(since) as Row[]) {
    while (k + 1 < starts.length && r.started_at >= starts[k + 1].from) k++;
    let list = byWeek.get(starts[k].week);
    if (!list) byWeek.set(starts[k].week, (list = []));
    list.push(r);
  }
  return weekPoints(byWeek);
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
