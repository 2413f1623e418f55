/** Dates and times as typed in digests: `2025.06.26`, the mistyped `2023.05:13`, `00:00`. */

export interface ParsedDate {
  iso: string;
  year: number;
  month: number;
  day: number;
  /** True when a separator other than `.` was used (`2023.05:13`). */
  oddSeparator: boolean;
  /** False for a month or day out of range (`2023.13.40`). */
  valid: boolean;
}

const DATE = /^(\d{4})([.:/\-])(\d{1,2})([.:/\-])(\d{1,2})$/;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isoDate(text: string): ParsedDate | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[3]);
  const day = Number(m[5]);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const maxDay = month === 2 && !leap ? 28 : (DAYS[month - 1] ?? 0);
  return {
    iso: `${m[1]}-${pad2(month)}-${pad2(day)}`,
    year,
    month,
    day,
    oddSeparator: m[2] !== '.' || m[4] !== '.',
    valid: month >= 1 && month <= 12 && day >= 1 && day <= maxDay,
  };
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
