/**
 * The working form: the plain text the parser reads, made from a layout that
 * is not plain text (an HTML table, CSV, a Markdown table). Rows are lines,
 * cells end with FIELD_SEP, and `map[i]` is the original offset of working
 * character `i` (`map[length]` is the input's length), so every diagnostic and
 * position is reported in the original text. The map never goes backwards.
 */

/** A span of the original text the reader left out of the working text, and why. */
export interface Skipped {
  /** Original offsets: the row and its line break. */
  start: number;
  end: number;
  what: 'header';
}

/** A quote that does not open and close a cell the way the format says. */
export interface QuoteProblem {
  /** Original offsets of the quote. */
  start: number;
  end: number;
  /** `unclosed`: never closed before the row ends; `early`: closed, but the cell goes on after it. */
  kind: 'unclosed' | 'early';
}

export interface Working {
  text: string;
  map: Int32Array;
  /** Rows left out: header rows (a Markdown header takes its `|---|` row with it). */
  skipped: Skipped[];
  /** Quotes read as plain characters. */
  quotes: QuoteProblem[];
}

/** Builds a working text and its offset map in one pass (amortised linear). */
export class WorkingBuilder {
  private parts: string[] = [];
  private map: Int32Array;
  private w = 0;
  readonly skipped: Skipped[] = [];
  readonly quotes: QuoteProblem[] = [];

  constructor(private readonly source: string) {
    this.map = new Int32Array(source.length + 16);
  }

  private room(n: number): void {
    if (this.w + n + 1 <= this.map.length) return;
    const bigger = new Int32Array(Math.max(this.map.length * 2, this.w + n + 16));
    bigger.set(this.map.subarray(0, this.w));
    this.map = bigger;
  }

  /** Copies source[from, to) as is. */
  copy(from: number, to: number): void {
    if (to <= from) return;
    this.room(to - from);
    this.parts.push(this.source.slice(from, to));
    for (let k = from; k < to; k++) this.map[this.w++] = k;
  }

  /** Emits text that stands for the source character at `origin`. */
  emit(s: string, origin: number): void {
    this.room(s.length);
    this.parts.push(s);
    for (let k = 0; k < s.length; k++) this.map[this.w++] = origin;
  }

  /** The working length so far. */
  get length(): number {
    return this.w;
  }

  /** A point to go back to (a row that turns out to be a header). */
  mark(): [number, number] {
    return [this.parts.length, this.w];
  }

  reset([parts, w]: [number, number]): void {
    this.parts.length = parts;
    this.w = w;
  }

  finish(): Working {
    this.room(0);
    this.map[this.w] = this.source.length;
    return { text: this.parts.join(''), map: this.map.slice(0, this.w + 1), skipped: this.skipped, quotes: this.quotes };
  }
}

/** Column names of digest exports, Japanese and English (the seed's own header is 年月日 / 出典 / 標題 / 要旨). */
const HEADER_WORDS = new Set([
  '年月日', '日付', '日時', '掲載日', '配信日', '発行日', '年月日時刻', '時刻', '時間', '出典', '出所', '媒体', '報道機関', '新聞', '新聞社', 'ソース', '情報源',
  '標題', '表題', '見出し', '題名', '題', 'タイトル', '記事名', 'id', '番号', '記事番号', '整理番号', '要旨', '要約', '本文', '概要', '内容', '記事', '備考',
  'date', 'time', 'datetime', 'published', 'source', 'outlet', 'media', 'publisher', 'title', 'headline', 'summary', 'body', 'text', 'abstract',
  'description', 'content', 'no', 'no.', '#', 'number', 'ref',
]);

const HEADER_CELL_SPACE = /[\s\u3000*_`]+/g;
const HEADER_PARTS = /[/／・&＆]|\band\b/;

/**
 * True when a row is a column header, not a record: at least three cells are
 * known column names (Japanese or English, any case, `年月日／出典` counts),
 * and they are at least two thirds of the non-empty cells.
 */
export function isHeaderRow(cells: readonly string[]): boolean {
  let named = 0;
  let known = 0;
  for (const cell of cells) {
    if (cell.length > 40) return false;
    const c = cell.toLowerCase().replace(HEADER_CELL_SPACE, '');
    if (c === '') continue;
    named++;
    if (HEADER_WORDS.has(c) || c.split(HEADER_PARTS).every((p) => p === '' || HEADER_WORDS.has(p))) known++;
  }
  return known >= 3 && known * 3 >= named * 2;
}

/** Japanese text: kana, kanji, CJK punctuation, full-width forms, and astral kanji (surrogates). */
const JAPANESE = /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\ud840-\ud87f\udc00-\udfff]/;

/** Whether a character is Japanese text (kana, kanji, full-width forms, CJK punctuation). */
export function isJapanese(c: string): boolean {
  return JAPANESE.test(c);
}

/** Sentence ends: after one, a line break reads as the space the digests put between sentences. */
export const SENTENCE_END = /[。．！？!?]/;

const DIGIT = /[0-9]/;

/**
 * Whether a line break between text[before] and text[after] joins the two
 * lines without a space: a wrapped line continues the word when Japanese text
 * is on either side of the break (`ロシアによる` + `ウクライナ`, `影響、` + `NATO`)
 * or a number is cut (`約5` + `0分野`, full-width digits being folded before),
 * but not after a sentence end (`述べた。` + `来日中の`, where digests put a
 * space), and not between Latin words (`Defense` + `News`).
 */
export function joinsWithoutSpace(text: string, before: number, after: number): boolean {
  const b = text.charAt(before);
  const a = text.charAt(after);
  if (b === '' || a === '' || /[\s\x1f]/.test(b) || /[\s\x1f]/.test(a) || SENTENCE_END.test(b)) return false;
  return isJapanese(b) || isJapanese(a) || (DIGIT.test(b) && DIGIT.test(a));
}
