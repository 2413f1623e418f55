/**
 * Rewrites a digest in the layouts digests reach us in: full-width digits,
 * wrapped at a fixed width, CSV, a Markdown table, Japanese dates. Used by
 * `scripts/make-layout-fixtures.mjs` (the fixtures) and by
 * `test/layouts.property.test.ts` (any digest, any width, random quoting).
 *
 * Records are split WITHOUT the parser (as `fixtures/make-inputs.mjs` does:
 * a record starts at `YYYY.MM.DD ` after a space or a line start and holds
 * one `<YYMM-MMDDNN>`), so the layouts do not inherit the parser's reading.
 */

/** Sources as the seed writes them, longest first: the source/title boundary for cell layouts. */
export const SEED_SOURCES = [
  '共同通信 (Yahoo)', 'テレ朝 News(Yahoo)', 'Reuters 通信(Yahoo)', '共同通信(Yahoo)', '朝日新聞(Yahoo)',
  '時事通信(Yahoo)', '産経新聞(Yahoo)', 'TBS News(Yahoo)', '日テレ News(Yahoo)', 'Yahoo 時事通信記事',
  'CNN(Yahoo)', "Jane's 360", '日経新聞', '東京新聞',
].sort((a, b) => b.length - a.length);

const HEAD = /^(\d{4})[.:](\d{2})[.:](\d{2})(?: (\d{2}):(\d{2}))? /;
const ID = /<(\d{4}-\d{6})>/g;

/**
 * Splits a digest written like the seed (a header row, records one after the
 * other on one line or one per line, a trailer) into its parts. Throws when a
 * piece is not a record with exactly one ID and a known source.
 * @param {string} text
 * @param {readonly string[]} [sources]
 */
export function splitDigest(text, sources = SEED_SOURCES) {
  const lines = text.split('\n');
  const body = [];
  const trailer = [];
  let header = null;
  for (const line of lines) {
    if (/^\d{4}[.:]\d{2}[.:]\d{2} /.test(line) || /^年 月 日/.test(line) || / \d{4}[.:]\d{2}[.:]\d{2} /.test(line)) {
      if (trailer.length > 0) throw new Error('layouts: a record after the trailer');
      body.push(line);
    } else if (line !== '') {
      trailer.push(line);
    }
  }
  const pieces = body.join(' ').split(/ (?=\d{4}[.:]\d{2}[.:]\d{2} )/);
  if (pieces[0]?.startsWith('年')) header = pieces.shift();
  const records = pieces.map((line, i) => {
    const ids = [...line.matchAll(ID)];
    if (ids.length !== 1) throw new Error(`layouts: record ${i + 1} has ${ids.length} IDs`);
    const h = HEAD.exec(line);
    if (!h) throw new Error(`layouts: record ${i + 1} has no date`);
    const rest = line.slice(h[0].length);
    const source = sources.find((s) => rest.startsWith(`${s} `));
    if (source === undefined) throw new Error(`layouts: record ${i + 1}: unknown source in ${rest.slice(0, 30)}`);
    const idm = ids[0];
    return {
      line,
      year: Number(h[1]),
      month: Number(h[2]),
      day: Number(h[3]),
      /** The date as written (`2023.05:13` included). */
      date: line.slice(0, 10),
      time: h[4] === undefined ? null : `${h[4]}:${h[5]}`,
      source,
      title: line.slice(h[0].length + source.length + 1, idm.index).trim(),
      id: idm[1],
      summary: line.slice(idm.index + idm[0].length).trim(),
    };
  });
  return { header, records, trailer };
}

// ---- full width ---------------------------------------------------------------

const toWide = (s) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

/**
 * Digits to full width, the separators between digits too (`２０２５．０４．０９`,
 * `１３：４６`, `２５０５－０４０９１７`), and the brackets of IDs (`＜…＞`).
 * @param {string} text
 */
export function toFullWidth(text) {
  return text
    .replace(/<(\d{4}-\d{6})>/g, '＜$1＞')
    .replace(/\d+(?:[.:\-/]\d+)*/g, (m) => toWide(m).replace(/[.:\-/]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
}

// ---- wrapping -------------------------------------------------------------------

const JAPANESE = /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\ud840-\ud87f\udc00-\udfff]/;
const SENTENCE_END = /[。．！？!?]/;

/** The parser's rule (src/parse/working.ts, joinsWithoutSpace): no space where Japanese text or two digits meet a break, unless after a sentence end. */
export function joinsWithoutSpace(before, after) {
  if (/\s/.test(before) || /\s/.test(after) || SENTENCE_END.test(before)) return false;
  return JAPANESE.test(before) || JAPANESE.test(after) || (/[0-9０-９]/.test(before) && /[0-9０-９]/.test(after));
}

/** Units a wrapper keeps whole: a Japanese character, or a run of other non-space characters (a Latin word, an ID). */
function units(line) {
  const out = [];
  const re = /(\s*)([\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[\ud840-\ud87f][\udc00-\udfff]|[^\s\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\ud840-\ud87f]+)/gy;
  let m;
  let last = 0;
  while ((m = re.exec(line)) !== null) {
    out.push({ space: m[1], text: m[2] });
    last = re.lastIndex;
  }
  return { units: out, rest: line.slice(last) };
}

/**
 * Wraps every line at `width` characters, as a mail client or a PDF copy does:
 * Japanese text breaks between any two characters, Latin words only at spaces.
 * Where the break falls on a space that the parser's join would not restore
 * (Japanese on one side: `影響、 NATO`), the space stays at the end of the line;
 * where a break without a space would read as one (after `。`), the line runs on.
 * @param {string} text
 * @param {number} width
 */
export function wrap(text, width) {
  return text
    .split('\n')
    .map((line) => {
      const { units: us, rest } = units(line);
      const out = [];
      let cur = '';
      let prev = '';
      for (const u of us) {
        const add = (cur === '' ? '' : u.space) + u.text;
        if (cur === '' || cur.length + add.length <= width) {
          cur += cur === '' ? u.space + u.text : add;
        } else if (u.space !== '') {
          // A space: the break stands for it when the join gives a space back; else it stays.
          out.push(joinsWithoutSpace(prev, u.text.charAt(0)) ? cur + u.space : cur);
          cur = u.text;
        } else if (joinsWithoutSpace(prev, u.text.charAt(0))) {
          out.push(cur);
          cur = u.text;
        } else {
          cur += u.text;
        }
        prev = u.text.charAt(u.text.length - 1);
      }
      out.push(cur + rest);
      return out.join('\n');
    })
    .join('\n');
}

/**
 * Cuts every line at exactly `width` characters, whatever falls there (a Latin
 * word, a date, an ID), as a naive fixed-width wrapper does.
 * @param {string} text
 * @param {number} width
 * @param {string} [eol]
 */
export function cut(text, width, eol = '\n') {
  return text
    .split('\n')
    .map((line) => {
      const out = [];
      for (let i = 0; i < line.length; i += width) out.push(line.slice(i, i + width));
      return out.length === 0 ? '' : out.join(eol);
    })
    .join(eol);
}

// ---- Japanese dates -------------------------------------------------------------

const DAYS = '日月火水木金土';
const weekday = (y, m, d) => DAYS.charAt(new Date(Date.UTC(y, m - 1, d)).getUTCDay());

/**
 * A record's date and time in one of the Japanese forms, by `form` (0–5):
 * `2025年6月26日`, `2025年6月26日（木）`, `2025.06.26(木)`, `令和7年6月26日（木）`,
 * `2025年 6月26日`, `平成30年8月23日 (木)`; times as `0時00分`, `22:48`, `午後10時48分`.
 */
export function japaneseHeader(r, form) {
  const { year: y, month: m, day: d } = r;
  const wd = weekday(y, m, d);
  const era = y > 2019 || (y === 2019 && m >= 5) ? `令和${y - 2018 === 1 ? '元' : y - 2018}` : `平成${y - 1988}`;
  const dates = [
    `${y}年${m}月${d}日`,
    `${y}年${m}月${d}日（${wd}）`,
    `${r.date.replace(/:/g, '.')}(${wd})`,
    `${era}年${m}月${d}日（${wd}曜日）`,
    `${y}年 ${m}月${d}日`,
    `${era}年${m}月${d}日 (${wd})`,
  ];
  const date = dates[form % dates.length];
  if (r.time === null) return date;
  const [h, min] = r.time.split(':').map(Number);
  const times = [`${h}時${String(min).padStart(2, '0')}分`, r.time, h >= 12 ? `午後${h === 12 ? 12 : h - 12}時${min}分` : `午前${h}時${min}分`];
  return `${date} ${times[form % times.length]}`;
}

/** The digest with every record's date and time written in Japanese (`form` picks the forms; by default, each record another). */
export function withJapaneseDates(text, form = null) {
  const { header, records, trailer } = splitDigest(text);
  const lines = records.map((r, i) => `${japaneseHeader(r, form ?? i)} ${r.line.replace(HEAD, '')}`);
  return [[header, ...lines].filter((x) => x !== null).join(' '), ...trailer].join('\n');
}

// ---- CSV and Markdown ----------------------------------------------------------

/** A record's date and time cells, as written or (`japanese`) in the Japanese forms, and the two in one cell. */
function when(r, i, japanese) {
  if (!japanese) return { date: r.date, time: r.time ?? '', both: r.time === null ? r.date : `${r.date} ${r.time}` };
  const both = japaneseHeader(r, i);
  const date = japaneseHeader({ ...r, time: null }, i);
  return { date, time: r.time === null ? '' : both.slice(date.length + 1), both };
}

/** A seeded random source (the benchmark's mulberry32), so a layout is the same for the same seed. */
import { rng as random } from '../bench/synthetic.mjs';

export { random };

/**
 * The digest as CSV. Options: `delimiter` (`,` `\t` `;`), `columns`
 * (`'split'`: date, time, source, title, ID, summary; `'seed'`: date and time,
 * source, title and ID, summary; `'id-last'`; `'id-first'`), `header`
 * (`'ja'`, `'en'`, none), `quote` (`'needed'`, `'all'`, `'random'`), `bareId`
 * (IDs without brackets in their own column), `eol` (`\r\n` or `\n`), `bom`,
 * `breaks` (a line break inside some quoted summaries, after a `。 `),
 * `japanese` (dates and times in the Japanese forms of `japaneseHeader`), `seed`.
 */
export function toCsv(text, options = {}) {
  const { delimiter = ',', columns = 'split', header = 'ja', quote = 'needed', bareId = false, eol = '\r\n', bom = false, breaks = false, trailer = true, japanese = false } = options;
  const rnd = random(options.seed ?? 1);
  const { records, trailer: tail } = splitDigest(text);
  const cell = (v, mayBreak = false) => {
    let s = v;
    if (mayBreak && breaks && rnd() < 0.5) s = s.replace('。 ', '。\n');
    const needs = s.includes(delimiter) || s.includes('"') || s.includes('\n') || s.includes('\r') || /^\s|\s$/.test(s);
    const q = needs || quote === 'all' || (quote === 'random' && rnd() < 0.5);
    return q ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const idText = (r) => (bareId ? r.id : `<${r.id}>`);
  const heads = {
    ja: { split: ['年月日', '時刻', '出典', '標題', 'ID', '要旨'], seed: ['年月日', '出典', '標題', '要旨'], 'id-last': ['年月日', '時刻', '出典', '標題', '要旨', '記事番号'], 'id-first': ['番号', '日付', '時間', '媒体', '見出し', '本文'] },
    en: { split: ['Date', 'Time', 'Source', 'Title', 'ID', 'Summary'], seed: ['Date', 'Source', 'Title', 'Summary'], 'id-last': ['Date', 'Time', 'Source', 'Headline', 'Summary', 'ID'], 'id-first': ['ID', 'Date', 'Time', 'Source', 'Title', 'Summary'] },
  };
  const row = (r, i) => {
    const { date, time, both } = when(r, i, japanese);
    switch (columns) {
      case 'seed':
        return [both, r.source, `${r.title} <${r.id}>`, r.summary];
      case 'id-last':
        return [date, time, r.source, r.title, r.summary, idText(r)];
      case 'id-first':
        return [idText(r), date, time, r.source, r.title, r.summary];
      default:
        return [date, time, r.source, r.title, idText(r), r.summary];
    }
  };
  const lines = [];
  if (header) lines.push(heads[header][columns].map((c) => cell(c)).join(delimiter));
  records.forEach((r, i) => lines.push(row(r, i).map((c, k, all) => cell(c, k === all.length - 1 || c === r.summary)).join(delimiter)));
  if (trailer) for (const t of tail) lines.push(cell(t));
  return `${bom ? '\ufeff' : ''}${lines.join(eol)}${eol}`;
}

/**
 * The digest as a Markdown table: `| date time | source | title <ID> | summary |`
 * (or with time and ID in their own columns: `columns: 'split'`), a header row
 * in Japanese or English with its `|---|` row, `\|` for a pipe in a cell,
 * random padding; `outer: false` leaves out the outer pipes; `japanese`
 * writes dates and times in Japanese forms. The trailer follows the table as text.
 */
export function toMarkdown(text, options = {}) {
  const { columns = 'seed', header = 'ja', outer = true, trailer = true, japanese = false } = options;
  const rnd = random(options.seed ?? 1);
  const { records, trailer: tail } = splitDigest(text);
  const pad = () => ' '.repeat(1 + Math.floor(rnd() * 3));
  const esc = (s) => s.replaceAll('|', '\\|');
  const line = (cells) => {
    const inner = cells.map((c) => `${pad()}${esc(c)}${pad()}`).join('|');
    return outer ? `|${inner}|` : inner.trim();
  };
  const names = {
    ja: { seed: ['年月日', '出典', '標題', '要旨'], split: ['日付', '時刻', '出典', '見出し', 'ID', '要旨'] },
    en: { seed: ['Date', 'Source', 'Title', 'Summary'], split: ['Date', 'Time', 'Source', 'Headline', 'ID', 'Summary'] },
  };
  const rows = records.map((r, i) => {
    const { date, time, both } = when(r, i, japanese);
    return columns === 'split' ? [date, time, r.source, r.title, `<${r.id}>`, r.summary] : [both, r.source, `${r.title} <${r.id}>`, r.summary];
  });
  const width = rows[0]?.length ?? 4;
  const out = [];
  if (header) out.push(line(names[header][columns]), line(Array.from({ length: width }, (_, k) => (k === 0 ? ':---' : '---'))));
  for (const r of rows) out.push(line(r));
  if (trailer && tail.length > 0) out.push('', ...tail);
  return `${out.join('\n')}\n`;
}
