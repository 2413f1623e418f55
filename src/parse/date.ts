/**
 * Dates and times as typed in digests: `2025.06.26`, the mistyped `2023.05:13`,
 * `00:00`; the Japanese forms `2025年6月26日`, `令和7年6月26日`, `13時46分`,
 * `午後1時46分`; a weekday after any date, `(木)`, `（木曜日）`, `(Thu)`. Digits
 * are ASCII here: full-width digits are folded before (`width.ts`).
 */

export interface ParsedDate {
  iso: string;
  year: number;
  month: number;
  day: number;
  /** True when a separator other than `.` was used (`2023.05:13`). Never for the Japanese forms. */
  oddSeparator: boolean;
  /** False for a month or day out of range (`2023.13.40`). */
  valid: boolean;
  /** How it was written: `2025.06.26`, `2025年6月26日`, or an era year `令和7年6月26日`. */
  form: 'dotted' | 'japanese' | 'era';
}

/** Japanese eras: the year before the era's first year. */
const ERAS: Readonly<Record<string, number>> = { 令和: 2018, 平成: 1988, 昭和: 1925 };

/**
 * A date in any form the parser reads, as a regex source (no captures). The
 * parts never trade characters: a digit run is always ended by a separator or
 * by 年, 月, 日.
 */
export const DATE_SOURCE = String.raw`(?:\d{4}[.:/\-]\d{1,2}[.:/\-]\d{1,2}|(?:\d{4}|(?:令和|平成|昭和)(?:元|\d{1,2}))年[ \u3000]?\d{1,2}月[ \u3000]?\d{1,2}日)`;
const DATE_PARTS = /^(?:(\d{4})([.:/\-])(\d{1,2})([.:/\-])(\d{1,2})|(?:(\d{4})|(令和|平成|昭和)(元|\d{1,2}))年[ \u3000]?(\d{1,2})月[ \u3000]?(\d{1,2})日)$/;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Reads a date written in any form of DATE_SOURCE; undefined for anything else. */
export function isoDate(text: string): ParsedDate | undefined {
  const m = DATE_PARTS.exec(text);
  if (!m) return undefined;
  let year: number;
  let month: number;
  let day: number;
  let form: ParsedDate['form'];
  let oddSeparator = false;
  if (m[1] !== undefined) {
    year = Number(m[1]);
    month = Number(m[3]);
    day = Number(m[5]);
    form = 'dotted';
    oddSeparator = m[2] !== '.' || m[4] !== '.';
  } else {
    if (m[6] !== undefined) {
      year = Number(m[6]);
      form = 'japanese';
    } else {
      year = (ERAS[m[7] ?? ''] ?? 0) + (m[8] === '元' ? 1 : Number(m[8]));
      form = 'era';
    }
    month = Number(m[9]);
    day = Number(m[10]);
  }
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const maxDay = month === 2 && !leap ? 28 : (DAYS[month - 1] ?? 0);
  return {
    iso: `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`,
    year,
    month,
    day,
    oddSeparator,
    valid: month >= 1 && month <= 12 && day >= 1 && day <= maxDay,
    form,
  };
}

/**
 * A weekday in brackets after a date: `(木)`, `（木曜日）`, `(月・祝)`, `(祝)`,
 * `(Thu)`, `(Thursday)`, with at most one space before it. Sticky; group 1 is
 * the Japanese day, group 2 the English one.
 */
export const WEEKDAY = /[ \u3000]?[(（](?:([日月火水木金土])(?:曜日?)?(?:[・･]?[祝休]日?)?|[祝休]日?|(sun|mon|tue|wed|thu|fri|sat)[a-z]{0,6}\.?)[)）]/iy;
const JA_DAYS = '日月火水木金土';
const EN_DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The day of the week a WEEKDAY match names, 0 = Sunday; null for `(祝)`. */
export function weekdayNamed(m: RegExpExecArray): number | null {
  if (m[1] !== undefined) return JA_DAYS.indexOf(m[1]);
  if (m[2] !== undefined) return EN_DAYS.indexOf(m[2].toLowerCase());
  return null;
}

/** The day of the week of a valid date, 0 = Sunday (proleptic Gregorian). */
export function weekdayOf(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(2000, month - 1, day));
  d.setUTCFullYear(year);
  return d.getUTCDay();
}

export const WEEKDAY_NAMES = JA_DAYS;

/**
 * A time: `13:46`, `9:05`, `13:46:00` (seconds ignored), `13時46分`, `13時`,
 * `13時半`, `午後1時46分`. Sticky. Groups: 1 午前/午後, 2 hour, 3 minutes after a
 * colon, 4 minutes before 分, 5 半.
 */
export const TIME = /(?:(午前|午後)[ \u3000]?)?(\d{1,2})(?:[:：](\d{2})(?:[:：]\d{2})?|時(?:(半)|[ \u3000]?(\d{1,2})分)?)/y;

export interface ParsedTime {
  hour: number;
  minute: number;
  /** Written with 時/分 or 午前/午後. */
  japanese: boolean;
  /** Ends in 分 or 半: text may follow without a space. */
  closed: boolean;
}

/** Reads a TIME match. */
export function readTime(m: RegExpExecArray): ParsedTime {
  let hour = Number(m[2]);
  const colon = m[3] !== undefined;
  const minute = colon ? Number(m[3]) : m[4] !== undefined ? 30 : m[5] !== undefined ? Number(m[5]) : 0;
  if (m[1] === '午後' && hour < 12) hour += 12;
  else if (m[1] === '午前' && hour === 12) hour = 0;
  return { hour, minute, japanese: !colon || m[1] !== undefined, closed: m[4] !== undefined || m[5] !== undefined };
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
