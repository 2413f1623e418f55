/**
 * The body of a record: 【関連記事:…】 cross-references and 【註】 editor's notes
 * are moved into their own fields; other brackets stay in the text and are reported.
 * Nothing inside a cross-reference bracket is dropped: each reference keeps its
 * text as `raw`, and text that is not a reference stays in the summary.
 */
import type { RelatedRef } from '../schema.js';
import { DATE_SOURCE, isoDate } from './date.js';
import { PAD } from './html.js';
import { collapse } from './text.js';

export type BracketIssue = 'unknown-bracket' | 'unclosed-bracket' | 'malformed-related' | 'related-text' | 'invalid-date';

export interface BracketReport {
  code: BracketIssue;
  /** Offsets in the summary text given to `splitSummary`. */
  start: number;
  end: number;
  /** The bracket's label, or the text reported (`related-text`, `invalid-date`). */
  label: string;
}

export interface SummaryParts {
  /** The summary with extracted brackets removed (whitespace not yet collapsed). */
  body: string;
  related: RelatedRef[];
  notes: string[];
  reports: BracketReport[];
}

/** What `readRelated` found, with offsets in the text it was given. */
export interface RelatedParts {
  refs: RelatedRef[];
  /** Text between references that is not one (separators aside). */
  extra: { start: number; end: number }[];
  /** Reference dates that do not exist (`2023.13.45`). */
  badDates: { start: number; end: number }[];
}

const RELATED_LABEL = /^(?:関連記事|関連|参考記事|参照)$/;
const NOTE_LABEL = /^(?:註|注|編注|編集注)$/;
const REF_ID = /(?<!\d)\d{4}-\d{6}(?!\d)/g;
const PAREN_CLOSE = /[)）]/g;
/** A date in any form the parser reads: `2023.05.03`, `2023年5月3日`, `令和5年5月3日`. */
const DATE_TOKEN = new RegExp(`^${DATE_SOURCE}$`);
const DATE_INSIDE = new RegExp(DATE_SOURCE);
const SPACE = /[\s\x1f]/;
/** What may separate two references (`A、B`, `A, B`); it is syntax, not text. */
const SEPARATOR = /[\s\x1f、,，;；]/;
const MAX_SOURCE = 30;

/**
 * Reads `2306-050317 (時事 2023.05.03)`, possibly several separated by 、 or ,.
 * A `(source date)` after an ID belongs to it when it holds a short source
 * and/or a date; anything else between IDs is `extra`. One forward walk: the
 * next `)` is searched once and reused while it lies ahead, so unclosed `(`
 * cost nothing more (a regex with three adjacent space runs was cubic here).
 */
export function readRelated(content: string, pad: string | null = PAD): RelatedParts {
  const isSpace = (i: number): boolean => SPACE.test(content.charAt(i)) || content.charAt(i) === pad;
  const isSep = (i: number): boolean => SEPARATOR.test(content.charAt(i)) || content.charAt(i) === pad;
  const clean = (a: number, b: number): string => collapse(pad === null ? content.slice(a, b) : content.slice(a, b).replaceAll(pad, ''));
  const out: RelatedParts = { refs: [], extra: [], badDates: [] };
  const leftover = (a: number, b: number): void => {
    while (a < b && isSep(a)) a++;
    while (b > a && isSep(b - 1)) b--;
    if (a < b) out.extra.push({ start: a, end: b });
  };

  const ids: number[] = [];
  REF_ID.lastIndex = 0;
  for (let m = REF_ID.exec(content); m !== null; m = REF_ID.exec(content)) ids.push(m.index);
  let close = -2; // the next `)` at or after the last search; -1 when there is none
  let pos = 0;
  for (let k = 0; k < ids.length; k++) {
    const at = ids[k] ?? 0;
    const limit = ids[k + 1] ?? content.length;
    leftover(pos, at);
    let end = at + 11;
    const ref: RelatedRef = { id: content.slice(at, end) };
    let open = end;
    while (open < limit && isSpace(open)) open++;
    const c = content.charAt(open);
    if (open < limit && (c === '(' || c === '（')) {
      if (close !== -1 && close <= open) {
        PAREN_CLOSE.lastIndex = open;
        close = PAREN_CLOSE.exec(content)?.index ?? -1;
      }
      if (close >= 0 && close < limit) {
        // The last word is the date when it looks like one; the rest is the source.
        let te = close;
        while (te > open + 1 && isSpace(te - 1)) te--;
        let ts = te;
        while (ts > open + 1 && !isSpace(ts - 1)) ts--;
        const dateText = DATE_TOKEN.test(content.slice(ts, te)) ? content.slice(ts, te) : '';
        const source = clean(open + 1, dateText ? ts : close);
        if (source.length <= MAX_SOURCE && !DATE_INSIDE.test(source) && !/[(（]/.test(source)) {
          end = close + 1;
          if (source !== '') ref.source = source;
          const d = dateText ? isoDate(dateText) : undefined;
          if (d) {
            ref.date = d.iso;
            if (!d.valid) out.badDates.push({ start: ts, end: te });
          }
        }
      }
    }
    ref.raw = clean(at, end); // set last, so that JSON shows id, source, date, raw
    out.refs.push(ref);
    pos = end;
  }
  leftover(pos, content.length);
  return out;
}

/**
 * Linear: each 【 is matched with the next 】 that precedes the next 【, so an
 * unbalanced bracket costs one report, never a rescan. `pad` is the character
 * that pads decoded HTML entities (see `cleanHtml`); it counts as a space.
 */
export function splitSummary(text: string, pad: string | null = PAD): SummaryParts {
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
    // A wrapped line joined inside the label (`【関\n連記事:`) leaves pad characters in it.
    const rawLabel = colon >= 0 ? inner.slice(0, colon) : inner;
    const label = (pad !== null && rawLabel.includes(pad) ? rawLabel.replaceAll(pad, '') : rawLabel).trim();
    const content = colon >= 0 ? inner.slice(colon + 1) : '';
    if (RELATED_LABEL.test(label)) {
      const found = readRelated(content, pad);
      if (found.refs.length === 0) {
        reports.push({ code: 'malformed-related', start: open, end: close + 1, label });
      } else {
        const base = open + 2 + colon; // offset of `content` in `text`
        for (const ref of found.refs) related.push(ref);
        for (const d of found.badDates) reports.push({ code: 'invalid-date', start: base + d.start, end: base + d.end, label: content.slice(d.start, d.end) });
        // Text that is not a reference stays in the summary, where search finds it.
        kept.push(text.slice(pos, open), ' ');
        for (const x of found.extra) {
          const words = content.slice(x.start, x.end);
          reports.push({ code: 'related-text', start: base + x.start, end: base + x.end, label: words });
          kept.push(words, ' ');
        }
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
      note = collapse(note);
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
