/**
 * HTML: the digests were exported from an HTML table. Two cases: a whole table
 * (`<tr><td>…</td></tr>`), read with cell boundaries as field separators, and
 * remnants left inside plain text (`/td>`, `&nbsp;`), cleaned from fields.
 */

/** Marks a cell boundary in the working text; never occurs in real digests. */
export const FIELD_SEP = '\x1f';

const NAMED: Readonly<Record<string, string>> = {
  nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", ensp: ' ', emsp: ' ', thinsp: ' ',
  hellip: '…', mdash: '—', ndash: '–', laquo: '«', raquo: '»', middot: '·', yen: '¥', copy: '©',
};

const ENTITY = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,7});/g;

/** Decodes one entity body (`amp`, `#39`, `#x3042`); undefined when unknown. */
export function decodeEntity(body: string): string | undefined {
  if (body.charCodeAt(0) === 35 /* # */) {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
    return String.fromCodePoint(code);
  }
  return NAMED[body.toLowerCase()];
}

/** HTML element names a digest export can leave behind; `<NATO>` in text is not one of them. */
const TAG_NAMES = 'td|tr|th|table|tbody|thead|tfoot|caption|colgroup|col|br|p|div|span|font|b|i|u|a|em|strong|small|sup|sub|li|ul|ol|img|hr|h[1-6]|center|nobr|wbr';
/** A tag, whole (`<td class=x>`) or with its `<` lost (`/td>`, as in the seed). */
const TAG = new RegExp(`<\\/?(?:${TAG_NAMES})(?:\\s[^<>]{0,200})?\\/?>|(?<![A-Za-z0-9<])(?:\\/(?:${TAG_NAMES})|t[dhr])>`, 'gi');

export interface Remnant {
  /** Offset in the field's text. */
  start: number;
  end: number;
  /** The first remnant of the run as written. */
  text: string;
  /** Remnants side by side in one run (`&nbsp;&nbsp;…`), reported as one: 1 for a lone one. */
  count: number;
  /** Every remnant of the run is `text`. */
  same: boolean;
}

/**
 * Adds a run of `count` remnants over `start..end`, joined to the last run
 * when it follows it directly: thousands of `&nbsp;` side by side are one
 * report, not an object and a diagnostic each (which cost a parse of such a
 * run three times its linear share).
 */
function addRun(out: Remnant[], start: number, end: number, text: string, count: number, same: boolean): void {
  const last = out[out.length - 1];
  if (last !== undefined && last.end === start) {
    last.end = end;
    last.count += count;
    last.same = last.same && same && text === last.text;
    return;
  }
  out.push({ start, end, text, count, same });
}

/** Tags and entities (each in order, from their own pass) in one list in order, runs of both joined: `&nbsp;/td>` is one report. */
function joinRuns(tags: Remnant[], entities: Remnant[]): Remnant[] {
  if (entities.length === 0) return tags;
  if (tags.length === 0) return entities;
  const out: Remnant[] = [];
  for (let i = 0, j = 0; i < tags.length || j < entities.length; ) {
    const t = tags[i];
    const e = entities[j];
    const tagFirst = e === undefined || (t !== undefined && t.start < e.start);
    const r = (tagFirst ? t : e) as Remnant;
    if (tagFirst) i++;
    else j++;
    addRun(out, r.start, r.end, r.text, r.count, r.same);
  }
  return out;
}

/** Pads a decoded entity to the entity's length, so offsets after it do not move; stripped later. */
export const PAD = '\ufdd0';

/**
 * A noncharacter (U+FDD0–U+FDEF) that `text` does not hold, to pad with: then
 * stripping the padding never removes a character of the input. Null when the
 * text holds all 32; entities are then left as written.
 */
export function choosePad(text: string): string | null {
  for (let c = 0xfdd0; c <= 0xfdef; c++) {
    const pad = String.fromCharCode(c);
    if (text.indexOf(pad) < 0) return pad;
  }
  return null;
}

/**
 * Removes tags and decodes entities, keeping every offset where it was: a tag
 * becomes spaces of its own length, an entity its character padded with PAD.
 * Each is reported so the parser can say what it cleaned and where.
 */
export function cleanHtml(text: string, pad: string | null = PAD): { text: string; remnants: Remnant[] } {
  if (text.indexOf('>') < 0 && text.indexOf('&') < 0) return { text, remnants: [] };
  const tags: Remnant[] = [];
  const entities: Remnant[] = [];
  let out = text.replace(TAG, (m: string, offset: number) => {
    addRun(tags, offset, offset + m.length, m, 1, true);
    return ' '.repeat(m.length);
  });
  if (pad !== null && out.indexOf('&') >= 0) {
    out = out.replace(ENTITY, (m: string, body: string, offset: number) => {
      const decoded = decodeEntity(body);
      if (decoded === undefined) return m;
      addRun(entities, offset, offset + m.length, m, 1, true);
      return decoded + padding(pad, m.length - decoded.length);
    });
  }
  return { text: out, remnants: joinRuns(tags, entities) };
}

const paddings: string[] = [];
/** `pad` × `n`, cached: entities are short and repeat. */
function padding(pad: string, n: number): string {
  if (n > 16) return pad.repeat(n);
  const key = (pad.charCodeAt(0) - 0xfdd0) * 17 + n;
  return (paddings[key] ??= pad.repeat(n));
}

/** True when the input looks like an exported HTML table rather than text with remnants. */
export function looksLikeHtmlTable(text: string): boolean {
  return /<t[dh][\s>]/i.test(text) && /<\/t[dh]>/i.test(text);
}

/**
 * Turns an HTML table into the plain form the parser reads: rows become lines,
 * cell ends become FIELD_SEP, other tags become spaces, entities are decoded.
 * `map[i]` is the original offset of working character `i`; `map[length]` is
 * the input's length, so every span maps back and tags fall inside a neighbour.
 */
export function htmlToWorking(text: string): { text: string; map: Int32Array } {
  const parts: string[] = [];
  const map = new Int32Array(text.length + 1);
  let w = 0;
  const emit = (s: string, origin: number): void => {
    parts.push(s);
    for (let k = 0; k < s.length; k++) map[w++] = origin;
  };
  const re = /<(\/?)([a-zA-Z][a-zA-Z0-9]{0,9})(?:\s[^<>]{0,500})?\/?>|&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,7});/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m.index > last) {
      parts.push(text.slice(last, m.index));
      for (let k = last; k < m.index; k++) map[w++] = k;
    }
    if (m[2] !== undefined) {
      const tag = m[2].toLowerCase();
      const closing = m[1] === '/';
      if (tag === 'tr' && closing) emit('\n', m.index);
      else if ((tag === 'td' || tag === 'th') && closing) emit(FIELD_SEP, m.index);
      else if (tag === 'br' || tag === 'p' || tag === 'div') emit(' ', m.index);
      // Other tags vanish; their characters belong to whatever span covers them.
    } else {
      const decoded = decodeEntity(m[3] ?? '');
      emit(decoded ?? m[0], m.index);
    }
    last = re.lastIndex;
  }
  parts.push(text.slice(last));
  for (let k = last; k < text.length; k++) map[w++] = k;
  map[w] = text.length;
  return { text: parts.join(''), map: map.subarray(0, w + 1) };
}
