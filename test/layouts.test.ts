/**
 * Issue 11: digests in the layouts they reach us in (full-width digits,
 * wrapped lines, CSV, Markdown tables, Japanese dates) read as the seed.
 *
 * The fixtures are made by `node scripts/make-layout-fixtures.mjs`; their
 * expected JSON by
 *
 *   UPDATE_FIXTURES=1 npx vitest run test/layouts.test.ts
 *
 * (then read the diff). Each must give the seed's records, field for field.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DiagnosticCode } from '../src/diagnostics.js';
import { DIAGNOSTIC_CODES } from '../src/diagnostics.js';
import { csvToWorking, detectCsv } from '../src/parse/csv.js';
import { FIELD_SEP } from '../src/parse/html.js';
import { markdownToWorking } from '../src/parse/markdown.js';
import { cut, toFullWidth, withJapaneseDates, wrap } from '../scripts/layouts.mjs';
import { parseDigest } from '../src/parse/parse.js';
import type { ParseResult } from '../src/parse/parse.js';
import type { DigestRecord } from '../src/schema.js';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const UPDATE = process.env.UPDATE_FIXTURES === '1';
const read = (name: string): string => readFileSync(join(DIR, name), 'utf8');
const plain = (r: ParseResult): ParseResult => JSON.parse(JSON.stringify(r)) as ParseResult;
const withoutPosition = (records: readonly DigestRecord[]): Omit<DigestRecord, 'position'>[] => records.map(({ position: _position, ...rest }) => rest);
const codes = (r: ParseResult): DiagnosticCode[] => r.diagnostics.map((d) => d.code);

const seedText = read('seed-digest.txt');
const seed = parseDigest(seedText).records;
const seedRecord = (id: string): Omit<DigestRecord, 'position'> => {
  const r = withoutPosition(seed).find((x) => x.id === id);
  if (!r) throw new Error(`no seed record ${id}`);
  return r;
};
/** A seed record's text as one line (as `fixtures/one-per-line.txt` has it). */
const seedLine = (id: string): string => {
  const line = read('one-per-line.txt')
    .split('\n')
    .find((l) => l.includes(`<${id}>`));
  if (!line) throw new Error(`no seed line ${id}`);
  return line;
};

describe('layout fixtures give the seed records', () => {
  const fixtures: readonly [string, string, DiagnosticCode[], number][] = [
    // input, expected, the layout's own notices, date-separator warnings (the seed's four 2023.05:1x, unless rewritten)
    ['seed-fullwidth.txt', 'seed-fullwidth.expected.json', ['full-width-digits', 'header-row', 'stray-text'], 4],
    ['seed-wrapped40.txt', 'seed-wrapped40.expected.json', ['wrapped-lines', 'header-row', 'stray-text'], 4],
    ['seed.csv', 'seed-csv.expected.json', ['csv-input', 'bom', 'header-row', 'stray-text'], 4],
    ['seed.md', 'seed-md.expected.json', ['markdown-input', 'header-row', 'stray-text'], 4],
    ['seed-japanese-dates.txt', 'seed-japanese-dates.expected.json', ['japanese-date', 'japanese-time', 'weekday', 'header-row', 'stray-text'], 0],
  ];
  for (const [name, expectedName, layout, separators] of fixtures) {
    it(`${name} → ${expectedName}, records equal to the seed's`, () => {
      const actual = plain(parseDigest(read(name)));
      if (UPDATE) writeFileSync(join(DIR, expectedName), `${JSON.stringify(actual, null, 2)}\n`);
      expect(actual).toEqual(JSON.parse(read(expectedName)));
      expect(withoutPosition(actual.records)).toEqual(withoutPosition(seed));
      const found = new Set(codes(actual));
      for (const c of layout) expect(found.has(c), c).toBe(true);
      // One notice per layout or form, not one per record.
      for (const c of ['full-width-digits', 'wrapped-lines', 'csv-input', 'markdown-input', 'japanese-date', 'japanese-time', 'weekday'] as const) {
        expect(codes(actual).filter((x) => x === c).length).toBeLessThanOrEqual(1);
      }
      expect(codes(actual).filter((c) => c === 'date-separator')).toHaveLength(separators);
      expect(codes(actual).filter((c) => c === 'missing-time')).toHaveLength(5);
      expect(actual.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      // The trailer stays stray text, in no record.
      const stray = actual.diagnostics.filter((d) => d.code === 'stray-text');
      expect(stray).toHaveLength(1);
      expect(read(name).slice(stray[0]?.start, stray[0]?.end)).toContain('(Yahoo)');
    });
  }

  it('records and diagnostics are positioned in the original text', () => {
    for (const name of ['seed-fullwidth.txt', 'seed-wrapped40.txt', 'seed.csv', 'seed.md', 'seed-japanese-dates.txt']) {
      const text = read(name);
      const { records, diagnostics } = parseDigest(text);
      let last = 0;
      for (const r of records) {
        expect(r.position.start, name).toBeGreaterThanOrEqual(last);
        last = r.position.end;
        // Each record's span holds its ID as written.
        const span = text.slice(r.position.start, r.position.end);
        const wide = r.id.replace(/[0-9-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
        expect(span.includes(r.id) || span.includes(wide), `${name} ${r.id}`).toBe(true);
      }
      expect(last).toBeLessThanOrEqual(text.length);
      for (const d of diagnostics) {
        const before = text.slice(0, d.start).split(/\r\n|\n|\r/);
        expect([d.line, d.column]).toEqual([before.length, (before[before.length - 1] ?? '').length + 1]);
      }
    }
  });
});

describe("the issue's examples", () => {
  it('1. full-width digits after another record: not glued, ID read', () => {
    const line = seedLine('2505-040917')
      .replace('2025.04.09 13:46', '２０２５．０４．０９ １３：４６')
      .replace('<2505-040917>', '＜２５０５－０４０９１７＞');
    const text = `${seedLine('2507-062601')} ${line}`;
    const { records, diagnostics } = parseDigest(text);
    expect(withoutPosition(records)).toEqual([seedRecord('2507-062601'), seedRecord('2505-040917')]);
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['html-remnant', 'info'],
      ['full-width-digits', 'info'],
    ]);
    expect(text.slice(records[1]?.position.start).startsWith('２０２５．０４．０９')).toBe(true);
  });

  it('1. full-width digits everywhere: dates, times, IDs, cross-references', () => {
    const line = seedLine('2306-051019');
    const wide = line.replace(/[0-9.:\-/<>]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    expect(withoutPosition(parseDigest(wide).records)).toEqual([seedRecord('2306-051019')]);
  });

  it('2. wrapped text, also after a sentence end; the trailer is still stray', () => {
    const text = [
      '2025.04.09 13:46 Reuters 通信(Yahoo) ウクライナ戦争はアジアの安保に影響、',
      'NATO事務総長が警鐘 <2505-040917> ルッテNATO事務総長が9日、ロシアによる',
      'ウクライナ侵攻の結果がアジアの安全保障に大きな影響を与える可能性があると述べた。',
      '来日中のルッテ事務総長は慶応義塾大学で講演し、「世界はこの戦争とその結果を注視',
      'している。 中国はもちろん注目している」と述べた。 また、「プーチン露大統領に目的達成のための武力行使を許せば、',
      '見過ごされることはないだろう。 きょうはウクライナだが、明日は東アジアである可能性がある」と警鐘を鳴らした。',
      '(Yahoo)',
      '「日・NATO、初の『政治宣言』=安倍首相と事務総長が署名」',
    ].join('\n');
    const { records, diagnostics } = parseDigest(text);
    expect(withoutPosition(records)).toEqual([seedRecord('2505-040917')]);
    expect(records[0]?.title).toBe('ウクライナ戦争はアジアの安保に影響、NATO事務総長が警鐘');
    expect(diagnostics.map((d) => d.code)).toEqual(['wrapped-lines', 'stray-text']);
    const stray = diagnostics[1];
    expect(stray && text.slice(stray.start, stray.end)).toBe('(Yahoo)\n「日・NATO、初の『政治宣言』=安倍首相と事務総長が署名」');
  });

  it('3. CSV as spreadsheets save it', () => {
    const r = seedRecord('2507-062601');
    const text = `2025.06.26,00:00,日経新聞,"${r.title}",<2507-062601>,"${seedLine('2507-062601').split('<2507-062601> ')[1]}"`;
    const { records, diagnostics } = parseDigest(text);
    expect(withoutPosition(records)).toEqual([r]);
    expect(diagnostics.map((d) => d.code)).toEqual(['csv-input', 'html-remnant']);
  });

  it('4. a Markdown table row', () => {
    const r = seedRecord('2507-062601');
    const text = `| 2025.06.26 00:00 | 日経新聞 | ${r.title} <2507-062601> | ${seedLine('2507-062601').split('<2507-062601> ')[1]} |`;
    const { records, diagnostics } = parseDigest(text);
    expect(withoutPosition(records)).toEqual([r]);
    expect(diagnostics.map((d) => d.code)).toEqual(['markdown-input', 'html-remnant']);
  });

  it('5. Japanese dates, weekdays and times', () => {
    const body = seedLine('2505-040917').replace('2025.04.09 13:46 ', '');
    for (const head of ['2025年4月9日 13時46分', '2025.04.09(水) 13:46', '2025年4月9日（水） 13時46分', '2025年4月9日(水曜日)午後1時46分', '令和7年4月9日 13:46', '2025年 4月 9日 13時46分']) {
      const { records, diagnostics } = parseDigest(`${head} ${body}`);
      expect(withoutPosition(records), head).toEqual([seedRecord('2505-040917')]);
      expect(diagnostics.every((d) => d.severity === 'info'), head).toBe(true);
    }
    const { diagnostics } = parseDigest(`2025年4月9日（水） 13時46分 ${body}`);
    expect(diagnostics.map((d) => d.code)).toEqual(['japanese-date', 'weekday', 'japanese-time']);
  });
});

describe('full width', () => {
  it('folds digits and the separators between them, in every field, offsets unchanged', () => {
    const text = '２０２５．０６．２６ ００：００ 日経新聞 Ｆ－３５の配備、第２次 ＜２５０７－０６２６０１＞ 会見は１０：３０から。【関連記事:２３０６－０５０３１７ (時事 ２０２３．０５．０３)】';
    const { records, diagnostics } = parseDigest(text);
    expect(records[0]).toMatchObject({
      id: '2507-062601',
      date: '2025-06-26',
      time: '00:00',
      title: 'Ｆ－35の配備、第2次',
      summary: '会見は10:30から。',
      related: [{ id: '2306-050317', source: '時事', date: '2023-05-03', raw: '2306-050317 (時事 2023.05.03)' }],
      position: { start: 0, end: text.length },
    });
    expect(diagnostics.map((d) => [d.code, text.slice(d.start, d.end)])).toEqual([['full-width-digits', '２０２５．０６．２６']]);
    expect(diagnostics[0]?.message).toMatch(/: 8 numbers\.$/);
  });

  it('leaves full-width punctuation that is not between digits as written', () => {
    const { records } = parseDigest('2025.06.26 00:00 日経新聞 首相：「協力」－合意 <2507-062601> 本文。');
    expect(records[0]?.title).toBe('首相：「協力」－合意');
  });
});

describe('wrapped lines', () => {
  const HEAD = '2025.06.26 00:00 日経新聞 ';
  it('joins Japanese without a space, Latin words with one, and a sentence end with one', () => {
    const text = `${HEAD}自衛隊とオランダ軍の燃料・弾薬融通、\nNATO と\nDefense\nNews の見出し <2507-062601> 岩屋毅外相はオラン\nダで会談した。\n自衛隊と\nオランダ軍の協定。`;
    const { records, diagnostics } = parseDigest(text);
    expect(records[0]?.title).toBe('自衛隊とオランダ軍の燃料・弾薬融通、NATO とDefense News の見出し');
    expect(records[0]?.summary).toBe('岩屋毅外相はオランダで会談した。 自衛隊とオランダ軍の協定。');
    expect(diagnostics.map((d) => d.code)).toEqual(['wrapped-lines']);
  });

  it('keeps a space that was written at the end or the start of a line', () => {
    const { records } = parseDigest(`${HEAD}見出しの \n続き <2507-062601> 本文の\n 続きの\n文。`);
    expect(records[0]?.title).toBe('見出しの 続き');
    expect(records[0]?.summary).toBe('本文の 続きの文。');
  });

  it('a single line break in a summary, with nothing else wrapped, reads as a space (it may be the writer’s own)', () => {
    const { records, diagnostics } = parseDigest(`${HEAD}見出し <2507-062601> 本文の\n続き。`);
    expect(records[0]?.summary).toBe('本文の 続き。');
    expect(diagnostics).toEqual([]);
  });

  it('a break inside a title is always a wrap', () => {
    const { records, diagnostics } = parseDigest(`${HEAD}見出しの\n続き <2507-062601> 本文。`);
    expect(records[0]?.title).toBe('見出しの続き');
    expect(diagnostics.map((d) => d.code)).toEqual(['wrapped-lines']);
  });

  it('a date, a time or a source at the end of a line still starts a record', () => {
    const text = `${HEAD}見出し <2507-062601> 本文。 2025.06.24\n22:48 共同通信 (Yahoo) 見出し2 <2507-062438> 本文。 2018.08.23\n東京新聞 海自、NATO と合同演習 <1809-082302> 本文。`;
    const { records, diagnostics } = parseDigest(text);
    expect(records.map((r) => [r.id, r.date, r.time, r.source, r.title])).toEqual([
      ['2507-062601', '2025-06-26', '00:00', '日経新聞', '見出し'],
      ['2507-062438', '2025-06-24', '22:48', '共同通信 (Yahoo)', '見出し2'],
      ['1809-082302', '2018-08-23', null, '東京新聞', '海自、NATO と合同演習'],
    ]);
    expect(diagnostics.map((d) => d.code)).toEqual(['missing-time']);
  });

  it('a line after a finished sentence continues the record, unless the rest is a header fragment', () => {
    const rec = `${HEAD}見出し <2507-062601> 本文。`;
    expect(parseDigest(`${rec}\n続きの文。`).records[0]?.summary).toBe('本文。 続きの文。');
    // A quoted line followed by more sentence is text.
    expect(parseDigest(`${rec}\n「協力を深める」\nと強調した。`).records[0]?.summary).toBe('本文。 「協力を深める」と強調した。');
    // A carrier, an outlet, a headline in quotes, up to the end: a trailer.
    for (const trailer of ['(Yahoo)\n「日・NATO、初の『政治宣言』」', '共同通信\n日・NATO、初の政治宣言', 'Yahoo', '（共同）']) {
      const { records, diagnostics } = parseDigest(`${rec}\n${trailer}`);
      expect(records[0]?.summary, trailer).toBe('本文。');
      expect(diagnostics.map((d) => d.code), trailer).toEqual(['stray-text']);
    }
  });

  it('never glues a line that holds a second ID or starts with a date into a record: it is reported', () => {
    const rec = `${HEAD}見出し <2507-062601> 本文。`;
    for (const line of ['26 June 2025 Reuters headline <2507-062602> body.', '26/06/2025 ロイター 見出し', '2025.06.26']) {
      const { records, diagnostics } = parseDigest(`${rec}\n${line}`);
      expect(records[0]?.summary, line).toBe('本文。');
      expect(diagnostics.map((d) => d.code), line).toContain('stray-text');
    }
  });
});

describe('the seed wrapped at every width from 20 to 200', () => {
  const want = withoutPosition(seed);
  const variants: readonly [string, (w: number) => string, number][] = [
    // name, layout, step between widths
    ['between words (a mail client)', (w) => wrap(seedText, w), 1],
    ['cut at a fixed width (words, dates and IDs cut)', (w) => cut(seedText, w), 1],
    ['cut at a fixed width, CRLF', (w) => cut(seedText, w, '\r\n'), 7],
    ['full width, Japanese dates, between words', (w) => wrap(toFullWidth(withJapaneseDates(seedText)), w), 3],
    ['full width, Japanese dates, cut at a fixed width', (w) => cut(toFullWidth(withJapaneseDates(seedText)), w), 3],
  ];
  for (const [name, layout, step] of variants) {
    it(name, { timeout: 60_000 }, () => {
      const wrong: number[] = [];
      for (let w = 20; w <= 200; w += step) {
        const { records, diagnostics } = parseDigest(layout(w));
        if (JSON.stringify(withoutPosition(records)) !== JSON.stringify(want)) wrong.push(w);
        expect(diagnostics.filter((d) => d.code === 'stray-text'), `width ${w}`).toHaveLength(1);
      }
      expect(wrong).toEqual([]);
    });
  }
});

describe('Japanese dates and times', () => {
  const BODY = '日経新聞 見出し <2507-062601> 本文。';
  it.each([
    ['2025年6月26日', '2025-06-26', null],
    ['2025年6月26日 13時46分', '2025-06-26', '13:46'],
    ['2025年6月26日13時46分', '2025-06-26', '13:46'],
    ['2025年6月26日（木）13時', '2025-06-26', '13:00'],
    ['2025年6月26日(木) 13時半', '2025-06-26', '13:30'],
    ['2025.06.26(木) 午後1時46分', '2025-06-26', '13:46'],
    ['2025.06.26 (木曜日) 午前0時5分', '2025-06-26', '00:05'],
    ['2025/06/26(Thu) 13:46:59', '2025-06-26', '13:46'],
    ['令和7年6月26日（木）', '2025-06-26', null],
    ['令和元年5月1日（水）', '2019-05-01', null],
    ['平成30年8月23日', '2018-08-23', null],
    ['２０２５年６月２６日（木） １３時４６分', '2025-06-26', '13:46'],
    ['2025年6月26日（木・祝） 9時05分', '2025-06-26', '09:05'],
  ] as const)('%s', (head, date, time) => {
    const { records } = parseDigest(`${head} ${BODY}`);
    expect(records.map((r) => [r.date, r.time, r.source, r.title, r.summary])).toEqual([[date, time, '日経新聞', '見出し', '本文。']]);
  });

  it('warns when the weekday is not the date’s, and keeps the date', () => {
    const text = `2025年6月26日（金） ${BODY}`;
    const { records, diagnostics } = parseDigest(text);
    expect(records[0]?.date).toBe('2025-06-26');
    const d = diagnostics.find((x) => x.code === 'weekday-mismatch');
    expect(d && [d.severity, text.slice(d.start, d.end), d.recordId]).toEqual(['warning', '（金）', '2507-062601']);
    expect(d?.message).toContain('木曜日');
  });

  it('reads an impossible Japanese date as invalid-date and a time out of range as invalid-time', () => {
    const { records, diagnostics } = parseDigest(`2025年13月45日 25時70分 ${BODY}`);
    expect(records[0]).toMatchObject({ date: '2025-13-45', time: null });
    expect(diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['invalid-date', 'invalid-time']));
  });

  it('does not start a record at a Japanese date inside a sentence', () => {
    const { records } = parseDigest(`2025.06.26 00:00 ${BODY.replace('本文。', '会談は 2025年6月27日に行われる。 2023年5月3日 には合意した。')}`);
    expect(records).toHaveLength(1);
    expect(records[0]?.summary).toBe('会談は 2025年6月27日に行われる。 2023年5月3日 には合意した。');
  });

  it('reads Japanese dates in cross-references', () => {
    const { records } = parseDigest(`2025.06.26 00:00 ${BODY}【関連記事:2306-050317 (時事 2023年5月3日)】`);
    expect(records[0]?.related).toEqual([{ id: '2306-050317', source: '時事', date: '2023-05-03', raw: '2306-050317 (時事 2023年5月3日)' }]);
  });
});

describe('CSV', () => {
  /** Rows of cells of a working text. */
  const rows = (text: string): string[][] =>
    text
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => l.split(FIELD_SEP).slice(0, -1));

  // RFC 4180, section 2, rules 1–7, with the delimiter's own line breaks.
  it.each([
    ['1. records on lines ended by CRLF', 'aaa,bbb,ccc\r\nzzz,yyy,xxx\r\n', [['aaa', 'bbb', 'ccc'], ['zzz', 'yyy', 'xxx']]],
    ['2. the last record may lack a line break', 'aaa,bbb,ccc\r\nzzz,yyy,xxx', [['aaa', 'bbb', 'ccc'], ['zzz', 'yyy', 'xxx']]],
    ['4. spaces are part of a field; no comma after the last field', 'aaa , bbb,ccc', [['aaa ', ' bbb', 'ccc']]],
    ['5. fields may be quoted', '"aaa","bbb","ccc"\r\nzzz,yyy,xxx', [['aaa', 'bbb', 'ccc'], ['zzz', 'yyy', 'xxx']]],
    ['6. line breaks, quotes and commas in quoted fields', '"aaa","b\r\nbb","c,cc"\r\nzzz,yyy,xxx', [['aaa', 'b bb', 'c,cc'], ['zzz', 'yyy', 'xxx']]],
    ['7. a quote in a quoted field is doubled', '"aaa","b""bb","ccc"', [['aaa', 'b"bb', 'ccc']]],
    ['empty fields and a trailing comma', 'a,,c,\n,,,', [['a', '', 'c', ''], ['', '', '', '']]],
    ['an empty quoted field', '"",x,""""', [['', 'x', '"']]],
    ['LF and a lone CR end rows too', 'a,b\nc,d\re,f', [['a', 'b'], ['c', 'd'], ['e', 'f']]],
  ] as const)('RFC 4180 %s', (_name, input, expected) => {
    const w = csvToWorking(input, ',');
    expect(rows(w.text)).toEqual(expected);
    expect(w.quotes).toEqual([]);
  });

  it('maps every working character back to its offset in the CSV', () => {
    const input = '"a""b",c\r\n"x\ny",z';
    const w = csvToWorking(input, ',');
    for (let i = 0; i < w.text.length; i++) {
      const c = w.text.charAt(i);
      const o = w.map[i] ?? -1;
      if (c === FIELD_SEP) expect([',', '\r', '\n', undefined]).toContain(input.charAt(o) || undefined);
      else if (c !== '\n' && c !== ' ') expect(input.charAt(o)).toBe(c);
    }
    expect(w.map[w.text.length]).toBe(input.length);
  });

  it('reads a quote never closed, or closed too early, as a character, with a warning, and the rows after it', () => {
    const text = [
      '2025.06.26,00:00,日経新聞,"見出し,<2507-062601>,本文。',
      '2025.06.24,22:48,共同通信 (Yahoo),"見出し"2,<2507-062438>,本文。',
      '2025.05.19,20:03,テレ朝 News(Yahoo),見出し3,<2506-051915>,本文。',
    ].join('\n');
    const { records, diagnostics } = parseDigest(text);
    expect(records.map((r) => [r.id, r.source, r.title])).toEqual([
      ['2507-062601', '日経新聞', '"見出し'],
      ['2507-062438', '共同通信 (Yahoo)', '"見出し"2'],
      ['2506-051915', 'テレ朝 News(Yahoo)', '見出し3'],
    ]);
    expect(diagnostics.filter((d) => d.code === 'unclosed-quote').map((d) => [d.severity, d.line, d.column, text.slice(d.start, d.end)])).toEqual([
      ['warning', 1, 23, '"'],
      ['warning', 2, 31, '"'],
    ]);
  });

  it('a quoted cell may run over lines, and a line break inside it joins as wrapped text does', () => {
    const text = '2025.06.26,00:00,日経新聞,"見出しの\r\n続き",<2507-062601>,"本文の\r\n続き。\r\nNATO\r\nsummit"\r\n';
    const { records } = parseDigest(text);
    expect(records.map((r) => [r.title, r.summary])).toEqual([['見出しの続き', '本文の続き。 NATO summit']]);
  });

  it.each([
    ['comma, time and ID columns, English header', ',', 'Date,Time,Source,Title,ID,Summary', (r: string[]) => r.join(',')],
    ['semicolons', ';', 'Datum;Zeit;Quelle;Titel;ID;Text', (r: string[]) => r.join(';')],
    ['tabs', '\t', '年月日\t時刻\t出典\t標題\t記事番号\t要旨', (r: string[]) => r.join('\t')],
  ])('%s', (_name, delimiter, header, join) => {
    const cells = ['2025.06.26', '00:00', '日経新聞', '見出し', '2507-062601', '本文。'];
    const text = `${header}\n${join(cells)}\n${join(['2025.06.24', '22:48', '共同通信 (Yahoo)', '見出し2', '<2507-062438>', '本文2。'])}\n`;
    expect(detectCsv(text)).toBe(delimiter);
    const { records } = parseDigest(text);
    expect(records.map((r) => [r.id, r.date, r.time, r.source, r.title, r.summary])).toEqual([
      ['2507-062601', '2025-06-26', '00:00', '日経新聞', '見出し', '本文。'],
      ['2507-062438', '2025-06-24', '22:48', '共同通信 (Yahoo)', '見出し2', '本文2。'],
    ]);
  });

  it('reads the ID column wherever it is: first, after the time, last', () => {
    const want = [
      ['2507-062601', '2025-06-26', '00:00', '日経新聞', '見出し 副題', '本文。'],
      ['2507-062438', '2025-06-24', null, '共同通信 (Yahoo)', '見出し2', '本文2。'],
    ];
    const layouts = [
      'ID,Date,Time,Source,Title,Summary\n2507-062601,2025.06.26,00:00,日経新聞,見出し 副題,本文。\n<2507-062438>,2025.06.24,,共同通信 (Yahoo),見出し2,本文2。',
      'Date,Time,ID,Source,Title,Summary\n2025.06.26,00:00,2507-062601,日経新聞,見出し 副題,本文。\n2025.06.24,,2507-062438,共同通信 (Yahoo),見出し2,本文2。',
      'Date,Time,Source,Title,Summary,ID\n2025.06.26,00:00,日経新聞,見出し 副題,本文。,2507-062601\n2025.06.24,,共同通信 (Yahoo),見出し2,本文2。,2507-062438',
    ];
    for (const text of layouts) {
      const { records, diagnostics } = parseDigest(text);
      expect(records.map((r) => [r.id, r.date, r.time, r.source, r.title, r.summary]), text).toEqual(want);
      expect(diagnostics.filter((d) => d.severity !== 'info'), text).toEqual([]);
    }
  });

  it('reports the header row, and starts the first record where it ends', () => {
    const text = '\ufeff年月日,出典,標題,要旨\r\n2025.06.26 00:00,日経新聞,見出し <2507-062601>,本文。\r\n';
    const { records, diagnostics } = parseDigest(text);
    expect(diagnostics.map((d) => [d.code, d.start, d.end])).toEqual([
      ['csv-input', 0, 0],
      ['bom', 0, 1],
      ['header-row', 1, 15],
    ]);
    expect(records[0]?.position).toEqual({ start: 15, end: text.length });
  });

  it('leaves text that is not a table alone', () => {
    expect(detectCsv(read('one-per-line.txt'))).toBeNull();
    expect(detectCsv('2025.06.26 00:00 Reuters Japan, NATO agree, again <2507-062601> a, b, c.')).toBeNull();
  });
});

describe('Markdown', () => {
  it('reads escaped pipes, tables without outer pipes, English headers and alignment rows', () => {
    const text = [
      'Date | Source | Title | Summary',
      ':--- | :---: | --- | ---:',
      '2025.06.26 00:00 | 日経新聞 | A \\| B の見出し <2507-062601> | 本文 \\| 続き。',
      '2025.06.24 22:48 | 共同通信 (Yahoo) | 見出し2 <2507-062438> | 本文2。',
    ].join('\n');
    const { records, diagnostics } = parseDigest(text);
    expect(records.map((r) => [r.id, r.source, r.title, r.summary])).toEqual([
      ['2507-062601', '日経新聞', 'A | B の見出し', '本文 | 続き。'],
      ['2507-062438', '共同通信 (Yahoo)', '見出し2', '本文2。'],
    ]);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['markdown-input', 1],
      ['header-row', 1],
    ]);
  });

  it('reads time and ID in their own columns, and a table among text lines', () => {
    const text = [
      '今月のダイジェスト:',
      '',
      '| 日付 | 時刻 | 出典 | 見出し | ID | 要旨 |',
      '|---|---|---|---|---|---|',
      '| 2025.06.26 | 00:00 | 日経新聞 | 見出し | <2507-062601> | 本文。 |',
      '| 2025年6月24日（火） | 22時48分 | 共同通信 (Yahoo) | 見出し2 | <2507-062438> | 本文2。 |',
      '',
      '(Yahoo)',
    ].join('\n');
    const { records, diagnostics } = parseDigest(text);
    expect(records.map((r) => [r.id, r.date, r.time, r.source, r.title, r.summary])).toEqual([
      ['2507-062601', '2025-06-26', '00:00', '日経新聞', '見出し', '本文。'],
      ['2507-062438', '2025-06-24', '22:48', '共同通信 (Yahoo)', '見出し2', '本文2。'],
    ]);
    expect(diagnostics.map((d) => d.code)).toEqual(['markdown-input', 'stray-text', 'header-row', 'japanese-date', 'weekday', 'japanese-time', 'stray-text']);
  });

  it('keeps pipes in text outside a table, and unbalanced rows', () => {
    const w = markdownToWorking('a | b\n| 1 | 2 |\n| 3 |\n| 4 | 5 | 6');
    expect(w.text.split('\n')).toEqual(['a | b', ` 1 ${FIELD_SEP} 2 ${FIELD_SEP}`, ` 3 ${FIELD_SEP}`, ` 4 ${FIELD_SEP} 5 ${FIELD_SEP} 6${FIELD_SEP}`]);
  });
});

describe('tables of any kind: an ID column without brackets, column names as a header', () => {
  const want = [['2507-062601', '2025-06-26', '00:00', '日経新聞', '見出し', '本文。']];
  it.each([
    ['an HTML table', '<table><tr><th>日付</th><th>出典</th><th>見出し</th><th>ID</th><th>要旨</th></tr><tr><td>2025.06.26 00:00</td><td>日経新聞</td><td>見出し</td><td>2507-062601</td><td>本文。</td></tr></table>'],
    ['a Markdown table, ID last', '| Date | Source | Title | Summary | ID |\n|---|---|---|---|---|\n| 2025.06.26 00:00 | 日経新聞 | 見出し | 本文。 | 2507-062601 |'],
    ['a Markdown table, ID first', '| ID | Date | Source | Title | Summary |\n|---|---|---|---|---|\n| 2507-062601 | 2025.06.26 00:00 | 日経新聞 | 見出し | 本文。 |'],
    ['tab-separated, a spreadsheet date and time', 'ID\tDate\tSource\tTitle\tSummary\n2507-062601\t2025/6/26 0:00:00\t日経新聞\t見出し\t本文。\n'],
  ])('%s', (_name, text) => {
    const { records, diagnostics } = parseDigest(text);
    expect(records.map((r) => [r.id, r.date, r.time, r.source, r.title, r.summary])).toEqual(want);
    expect(diagnostics.map((d) => d.code)).toContain('header-row');
    expect(diagnostics.filter((d) => d.severity === 'error' || d.code === 'stray-text')).toEqual([]);
  });

  it('a line of column names above plain text is a header row too', () => {
    const text = 'Date\tSource\tTitle\tSummary\n2025.06.26 00:00 日経新聞 見出し <2507-062601> 本文。';
    const { records, diagnostics } = parseDigest(text);
    expect(diagnostics.map((d) => [d.code, d.start, d.end])).toEqual([['header-row', 0, 26]]);
    expect(records[0]?.position.start).toBe(26);
  });

  it('a title with a pipe in it does not make a text a table', () => {
    const text = '2025.06.26 00:00 日経 見出し | 日経新聞 <2507-062601> 本文。\n2025.06.27 00:00 日経 見出し2 | 日経 <2507-062701> 本文。';
    const { records, diagnostics } = parseDigest(text);
    expect(records.map((r) => r.title)).toEqual(['見出し | 日経新聞', '見出し2 | 日経']);
    expect(diagnostics).toEqual([]);
  });
});

describe('diagnostic codes', () => {
  it('every new code has a severity and a section in docs/diagnostics.md', () => {
    const doc = readFileSync(join(DIR, '..', 'docs', 'diagnostics.md'), 'utf8');
    for (const code of Object.keys(DIAGNOSTIC_CODES)) expect(doc, code).toContain(`## \`${code}\``);
    expect(DIAGNOSTIC_CODES).toMatchObject({
      'csv-input': 'info',
      'markdown-input': 'info',
      'full-width-digits': 'info',
      'japanese-date': 'info',
      'japanese-time': 'info',
      weekday: 'info',
      'wrapped-lines': 'info',
      'unclosed-quote': 'warning',
      'weekday-mismatch': 'warning',
    });
  });
});
