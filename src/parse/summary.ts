/**
 * The body of a record: 【関連記事:…】 cross-references and 【註】 editor's notes
 * are moved into their own fields; other brackets stay in the text and are reported.
 */
import type { RelatedRef } from '../schema.js';
import { isoDate } from './date.js';
import { PAD } from './html.js';

export type BracketIssue = 'unknown-bracket' | 'unclosed-bracket' | 'malformed-related';

export interface BracketReport {
  code: BracketIssue;
  /** Offsets in the summary text given to `splitSummary`. */
  start: number;
  end: number;
  label: string;
}

export interface SummaryParts {
  /** The summary with extracted brackets removed (whitespace not yet collapsed). */
  body: string;
  related: RelatedRef[];
  notes: string[];
  reports: BracketReport[];
}

const RELATED_LABEL = /^(?:関連記事|関連|参考記事|参照)$/;
const NOTE_LABEL = /^(?:註|注|編注|編集注)$/;
const REF = /(\d{4}-\d{6})(?:[ \u3000]*[(（][ \u3000]*([^()（）\s]{1,30}?)?[ \u3000]*(\d{4}[.:/\-]\d{1,2}[.:/\-]\d{1,2})?[ \u3000]*[)）])?/g;

/** Reads `2306-050317 (時事 2023.05.03)`, possibly several separated by 、 or ,. */
export function readRelated(content: string): RelatedRef[] {
  const refs: RelatedRef[] = [];
  REF.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = REF.exec(content)) !== null) {
    const ref: RelatedRef = { id: m[1] ?? '' };
    if (m[2]) ref.source = m[2];
    const d = m[3] ? isoDate(m[3]) : undefined;
    if (d) ref.date = d.iso;
    refs.push(ref);
  }
  return refs;
}

/**
 * Linear: each 【 is matched with the next 】 that precedes the next 【, so an
 * unbalanced bracket costs one report, never a rescan.
 */
export function splitSummary(text: string): SummaryParts {
  if (text.indexOf('【') < 0) return { body: text, related: [], notes: [], reports: [] };
  const related: RelatedRef[] = [];
  const notes: string[] = [];
  const reports: BracketReport[] = [];
  const kept: string[] = [];
  let pos = 0; // next character not yet copied into `kept`
  let open = text.indexOf('【');
  // The next 】 is found once and reused while it lies ahead: with thousands of
  // unclosed 【, searching again from each would make this quadratic.
  let nextClose = text.indexOf('】');
  while (open >= 0) {
    const nextOpen = text.indexOf('【', open + 1);
    if (nextClose >= 0 && nextClose <= open) nextClose = text.indexOf('】', open + 1);
    let close = nextClose;
    if (close >= 0 && nextOpen >= 0 && close > nextOpen) close = -1;
    if (close < 0) {
      const end = nextOpen >= 0 ? nextOpen : text.length;
      reports.push({ code: 'unclosed-bracket', start: open, end, label: '' });
      open = nextOpen;
      continue;
    }
    const inner = text.slice(open + 1, close);
    const colon = inner.search(/[:：]/);
    const label = (colon >= 0 ? inner.slice(0, colon) : inner).trim();
    const content = colon >= 0 ? inner.slice(colon + 1) : '';
    if (RELATED_LABEL.test(label)) {
      const refs = readRelated(content.replaceAll(PAD, ''));
      if (refs.length === 0) {
        reports.push({ code: 'malformed-related', start: open, end: close + 1, label });
      } else {
        for (const ref of refs) related.push(ref);
        kept.push(text.slice(pos, open), ' ');
        pos = close + 1;
      }
    } else if (NOTE_LABEL.test(label)) {
      // 【註】 runs to the next bracket or the end; 【註:…】 holds its note inside.
      let noteEnd = close + 1;
      let note = content;
      if (colon < 0) {
        noteEnd = nextOpen >= 0 ? nextOpen : text.length;
        note = text.slice(close + 1, noteEnd);
      }
      note = note.replace(/\s+/g, ' ').trim();
      if (note !== '') notes.push(note);
      kept.push(text.slice(pos, open), ' ');
      pos = noteEnd;
    } else {
      reports.push({ code: 'unknown-bracket', start: open, end: close + 1, label });
    }
    open = nextOpen;
  }
  kept.push(text.slice(pos));
  return { body: kept.join(''), related, notes, reports };
}
