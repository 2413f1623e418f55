/**
 * Issue 10, "Hardening", parser part: one regression test per repro, and the
 * "nothing lost" property that backs the promise in docs/architecture.md.
 */
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DigestRecord, parseDigest } from '../src/index.js';
import type { DiagnosticCode, ParseResult } from '../src/index.js';
import { readLayout } from '../src/parse/layout.js';
import { bestOf } from './timing.js';

const HEAD = '2025.01.21 18:52 時事通信 見出し <2502-012113> ';

/** The fastest of 3 parses, in ms. */
const parseTime = (text: string): number => bestOf(5, () => parseDigest(text));

/**
 * Parse time at sizes growing 4x each, smallest first: each must stay under
 * 1 s (so that a cubic path fails at once instead of running for hours) and
 * the largest must take less than 2.5x linear growth over the one before it.
 */
function expectLinear(text: (n: number) => string, sizes: readonly number[]): void {
  const texts = sizes.map(text);
  const first = sizes[sizes.length - 2] ?? 1;
  const last = sizes[sizes.length - 1] ?? 1;
  let times: number[] = [];
  // Up to five attempts: load from other processes (CI runs test files side
  // by side) only ever slows a run down, so one attempt within the bound
  // shows the growth is linear, while a quadratic path (16× for 4× the size)
  // fails them all.
  for (let attempt = 0; attempt < 5; attempt++) {
    times = texts.map((t, i) => {
      const ms = parseTime(t);
      expect(ms, `n = ${sizes[i]}`).toBeLessThan(1000);
      return ms;
    });
    // The two largest sizes only: small parses run in V8's young generation,
    // where a jump between sizes says nothing about the algorithm.
    if ((times[times.length - 1] ?? 0) / Math.max(times[times.length - 2] ?? 0, 1) < (last / first) * 2.5) return;
  }
  expect((times[times.length - 1] ?? 0) / Math.max(times[times.length - 2] ?? 0, 1), times.join(' ms, ')).toBeLessThan((last / first) * 2.5);
}

describe('issue 10 repro 1: cubic parse of a cross-reference with an unclosed ( and a run of spaces', () => {
  for (const [name, unit] of [
    ['spaces', ' '],
    ['ideographic spaces', '\u3000'],
    ['&nbsp;', '&nbsp;'],
  ] as const) {
    it(`'本文【関連記事:2306-050317(' + ${name} × n + '】' is linear in n`, { timeout: 30_000 }, () => {
      const text = (n: number): string => `${HEAD}本文【関連記事:2306-050317(${unit.repeat(n)}】`;
      // Was 0.19 s at n = 400 spaces and 11 s at 3,200.
      expectLinear(text, [800, 3_200, 12_800, 51_200]);
      const { records, diagnostics } = parseDigest(text(3_200));
      expect(records[0]?.related).toEqual([{ id: '2306-050317', raw: '2306-050317' }]);
      // The lone ( is not part of the reference: it stays in the summary, reported.
      expect(records[0]?.summary).toBe('本文 (');
      expect(diagnostics.map((d) => d.code)).toContain('related-text');
    });
  }
});

describe("issue 10 repro 2: quadratic parse of a header 'News' × n + 'x\\t'", () => {
  it('is linear in n (outlet suffix words stripped by a walk from the end, not a regex from every offset)', { timeout: 30_000 }, () => {
    const text = (bytes: number): string => `2025.01.21 18:52 ${'News'.repeat(bytes / 4)}x\t見出し <2502-012113> 本文。`;
    // Was 4.7 s at 160 KB.
    expectLinear(text, [10_000, 40_000, 160_000, 640_000]);
    const { records } = parseDigest(text(400));
    expect(records[0]).toMatchObject({ source: `${'News'.repeat(100)}x`, title: '見出し' });
  });
});

describe('issue 10 repro 7: colliding generated IDs', () => {
  const line = (body: string): string => `2025.04.05 17:54 共同通信 見出し ${body}`;

  it("'本文122789です。' and '本文339192です。' get different IDs (64-bit content hash)", () => {
    const { records } = parseDigest(`${line('本文122789です。')}\n${line('本文339192です。')}`);
    const ids = records.map((r) => r.id);
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(id).toMatch(/^noid-2025-04-05-[0-9a-z]{14}$/);
    expect(new Set(ids).size).toBe(2);
  });

  it('a true duplicate without an ID gets -2, -3 in input order, each with a duplicate-id diagnostic', () => {
    const rec = line('本文339192です。');
    const text = `${rec}\n${rec}\n${rec}`;
    const { records, diagnostics } = parseDigest(text);
    const base = records[0]?.id ?? '';
    expect(records.map((r) => r.id)).toEqual([base, `${base}-2`, `${base}-3`]);
    const dups = diagnostics.filter((d) => d.code === 'duplicate-id');
    expect(dups.map((d) => [d.recordId, d.line, d.column, text.slice(d.start, d.end)])).toEqual([
      [`${base}-2`, 2, 1, rec],
      [`${base}-3`, 3, 1, rec],
    ]);
  });

  it('records with real duplicate IDs are all kept, each repeat with a duplicate-id diagnostic at its <ID>', () => {
    const rec = '2025.06.26 00:00 日経新聞 見出し <2507-062601> 本文。';
    const { records, diagnostics } = parseDigest(`${rec}\n${rec}\n${rec}`);
    expect(records.map((r) => r.id)).toEqual(['2507-062601', '2507-062601', '2507-062601']);
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ['duplicate-id', 2, 27],
      ['duplicate-id', 3, 27],
    ]);
  });

  it('generated IDs are unique in a parse of many near-identical records', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => line(`本文${String(i).padStart(6, '0')}です。`));
    const { records } = parseDigest(lines.join('\n'));
    expect(records).toHaveLength(20_000);
    expect(new Set(records.map((r) => r.id)).size).toBe(20_000);
  });
});

describe('issue 10 repro 8: text dropped from a cross-reference', () => {
  it("keeps '、米国防総省の発表も参照' after a reference in the summary, with related-text", () => {
    const text = `${HEAD}本文です。【関連記事:2306-050317 (時事 2023.05.03)、米国防総省の発表も参照】`;
    const { records, diagnostics } = parseDigest(text);
    expect(records[0]?.summary).toBe('本文です。 米国防総省の発表も参照');
    expect(records[0]?.related).toEqual([{ id: '2306-050317', source: '時事', date: '2023-05-03', raw: '2306-050317 (時事 2023.05.03)' }]);
    expect(diagnostics.map((d) => [d.code, d.severity, text.slice(d.start, d.end)])).toEqual([['related-text', 'warning', '米国防総省の発表も参照']]);
  });

  it("reads '（共同 通信 2023.05.03）' (full-width parentheses, a space in the outlet)", () => {
    const { records, diagnostics } = parseDigest(`${HEAD}本文です。【関連記事:2306-050317（共同 通信 2023.05.03）】`);
    expect(records[0]?.summary).toBe('本文です。');
    expect(records[0]?.related).toEqual([{ id: '2306-050317', source: '共同 通信', date: '2023-05-03', raw: '2306-050317（共同 通信 2023.05.03）' }]);
    expect(diagnostics).toEqual([]);
  });

  it("reports a reference dated '2023.13.45' as invalid-date", () => {
    const text = `${HEAD}本文です。【関連記事:2306-050317 (時事 2023.13.45)】`;
    const { records, diagnostics } = parseDigest(text);
    expect(records[0]?.related[0]).toMatchObject({ id: '2306-050317', source: '時事', raw: '2306-050317 (時事 2023.13.45)' });
    expect(diagnostics.map((d) => [d.code, text.slice(d.start, d.end)])).toEqual([['invalid-date', '2023.13.45']]);
  });

  it('reports an impossible record date (2023.02.30) as invalid-date', () => {
    const { diagnostics } = parseDigest('2023.02.30 10:00 日経新聞 見出し <2303-023001> 本文。');
    expect(diagnostics.map((d) => [d.code, d.start, d.end])).toEqual([['invalid-date', 0, 10]]);
  });

  it('keeps a parenthesis that is no source/date, and reads several references', () => {
    const text = `${HEAD}本文。【関連記事:2306-050317, 2306-050318 (これは出典でも日付でもなく、三十字を超える長い説明の文章です。)】`;
    const { records, diagnostics } = parseDigest(text);
    expect(records[0]?.related.map((r) => r.raw)).toEqual(['2306-050317', '2306-050318']);
    expect(records[0]?.summary).toBe('本文。 (これは出典でも日付でもなく、三十字を超える長い説明の文章です。)');
    expect(diagnostics.map((d) => d.code)).toEqual(['related-text']);
  });

  it('a saved record without related[].raw still validates (the field is optional)', () => {
    const { records } = parseDigest(`${HEAD}本文。【関連記事:2306-050317 (時事 2023.05.03)】`);
    const old = { ...records[0], related: [{ id: '2306-050317', source: '時事', date: '2023-05-03' }] };
    expect(DigestRecord.safeParse(records[0]).success).toBe(true);
    expect(DigestRecord.safeParse(old).success).toBe(true);
  });
});

// ---------------------------------------------------------------------------
// "Nothing lost"
// ---------------------------------------------------------------------------

/** Codes whose span is text the parser left out of every field. Other diagnostics annotate text that is still in one. */
const DROPPED: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>(['stray-text', 'header-row', 'html-remnant', 'bom', 'invalid-time']);
const WHITESPACE = /[\s\x1f]/;
// A date as written (dotted, 年月日, an era year), then maybe a weekday in brackets; a time (H:MM, H:MM:SS, H時M分, 午後H時…).
const HEADER_DATE = /^[\s\x1f]*(?:(\d{4})[.:/\-](\d{1,2})[.:/\-](\d{1,2})|(?:(\d{4})|(令和|平成|昭和)(元|\d{1,2}))年[ \u3000]?(\d{1,2})月[ \u3000]?(\d{1,2})日)(?:[\s\x1f]*[(（][^()（）\s]{1,12}[)）])?/;
const HEADER_TIME = /^[\s\x1f]*(午前|午後)?[ \u3000]?(\d{1,2})(?:[:：](\d{2})(?:[:：]\d{2})?(?=[\s\x1f])|時(?:(半)|[ \u3000]?(\d{1,2})分|(?=[\s\x1f])))/;
const ERA: Record<string, number> = { 令和: 2018, 平成: 1988, 昭和: 1925 };
/** A HEADER_DATE match as YYYY-MM-DD. */
function headerIso(m: RegExpExecArray): string {
  if (m[1] !== undefined) return `${m[1]}-${pad2(m[2] ?? '')}-${pad2(m[3] ?? '')}`;
  const year = m[4] ?? String((ERA[m[5] ?? ''] ?? 0) + (m[6] === '元' ? 1 : Number(m[6])));
  return `${year}-${pad2(m[7] ?? '')}-${pad2(m[8] ?? '')}`;
}
/** A HEADER_TIME match as HH:MM. */
function headerTime(m: RegExpExecArray): string {
  let h = Number(m[2]);
  if (m[1] === '午後' && h < 12) h += 12;
  else if (m[1] === '午前' && h === 12) h = 0;
  const min = m[3] ?? (m[4] !== undefined ? '30' : (m[5] ?? '0'));
  return `${pad2(String(h))}:${pad2(min)}`;
}
// `<ID>`, or a table cell holding only the ID (groups 3 and 4).
// A bare ID is an ID cell: between cell separators, or the last cell of a row written without its closing `|`.
const ID_TEXT = /(?:[<＜]|&lt;)[ \u3000]{0,3}(\d{4})-(\d{6})[ \u3000]{0,3}(?:[>＞]|&gt;)|(?<=(?:^|[\x1f\n\r])[ \t\u3000]{0,3})(\d{4})-(\d{6})(?=[ \t\u3000]{0,3}(?:\x1f|[\n\r]|$))/g;
const BRACKET = /【([^【】:：]*)(?:[:：]([^【】]*))?】/g;
const RELATED_LABEL = /^(?:関連記事|関連|参考記事|参照)$/;
const NOTE_LABEL = /^(?:註|注|編注|編集注)$/;
const REF_ID = /(?<!\d)\d{4}-\d{6}(?!\d)/;
const pad2 = (s: string): string => s.padStart(2, '0');

/** Adds `sign` per non-whitespace UTF-16 code unit (units, so that lone surrogates count alike on both sides). */
function countChars(into: Map<string, number>, s: string, sign: 1 | -1): void {
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    if (!WHITESPACE.test(c)) into.set(c, (into.get(c) ?? 0) + sign);
  }
}

/**
 * "Nothing lost", defined. Let W be the text the parser reads: the input, or
 * for an HTML table the flattened text (`htmlToWorking`; its tags are the
 * table's structure), for CSV and Markdown the rows of cells (quotes,
 * delimiters and pipes are structure; `readLayout`), in any layout with
 * full-width digits folded to ASCII (`２` is read, and stored, as `2`), each
 * character of W with its input offset. A character
 * is *whitespace* when it matches [\s\x1f]; it is *dropped and reported* when
 * its input offset lies in the span of a diagnostic in DROPPED. Then:
 *
 *  1. every non-whitespace character of W outside all record spans is dropped
 *     and reported;
 *  2. for each record, take its characters of W that are not dropped and
 *     reported and remove its syntax: the leading date, weekday and time (which
 *     must equal `date` and `time`), the `<ID>` (which must equal `id`), and the
 *     frames of the brackets the parser reads (`【関連記事:` and `】` with the
 *     separators 、,，;； between references, `【註】`, `【註:` and `】`). The
 *     multiset of the remaining non-whitespace characters must be contained in
 *     the multiset of the characters of `source`, `title`, `summary`, `notes`
 *     and `related[].raw`.
 *
 * Records do not carry the positions of their fields, so (2) compares
 * characters, not offsets. Returns what was lost, as readable strings.
 */
function lost(text: string, result: ParseResult = parseDigest(text)): string[] {
  const { records, diagnostics } = result;
  // The layout's working text: HTML tags, CSV quotes and delimiters, Markdown pipes are structure.
  const { work, map } = readLayout(text);
  const at = (i: number): number => (map ? (map[i] ?? text.length) : i);
  const dropped = new Uint8Array(text.length + 1);
  for (const d of diagnostics) if (DROPPED.has(d.code)) dropped.fill(1, d.start, d.end);

  const problems: string[] = [];
  const perRecord: string[][] = records.map(() => []);
  let r = 0;
  for (let i = 0; i < work.length; i++) {
    const o = at(i);
    while (r < records.length && (records[r]?.position.end ?? 0) <= o) r++;
    const rec = records[r];
    const c = work.charAt(i);
    const inRecord = rec !== undefined && rec.position.start <= o;
    if (inRecord) perRecord[r]?.push(dropped[o] ? ' ' : c);
    else if (!dropped[o] && !WHITESPACE.test(c)) problems.push(`outside records: ${JSON.stringify(c)} at ${o}`);
  }

  records.forEach((rec, k) => {
    let t = (perRecord[k] ?? []).join('');
    // A record may start with its ID cell (`<2507-062601>,2025.06.26,…`).
    const lead = /^[\s\x1f]*(?:(?:[<＜]|&lt;)[ \u3000]{0,3}(\d{4})-(\d{6})[ \u3000]{0,3}(?:[>＞]|&gt;)|(\d{4})-(\d{6})(?=[ \t\u3000]{0,3}\x1f))/.exec(t);
    let idDone = false;
    if (lead && (lead[1] !== undefined ? `${lead[1]}-${lead[2]}` : `${lead[3]}-${lead[4]}`) === rec.id) {
      t = ` ${t.slice(lead[0].length)}`;
      idDone = true;
    }
    const dm = HEADER_DATE.exec(t);
    if (!dm) return void problems.push(`${rec.id}: no leading date`);
    if (headerIso(dm) !== rec.date) problems.push(`${rec.id}: date ${dm[0]} read as ${rec.date}`);
    t = t.slice(dm[0].length);
    if (rec.time !== null) {
      const tm = HEADER_TIME.exec(t);
      if (!tm || headerTime(tm) !== rec.time) return void problems.push(`${rec.id}: time ${rec.time} not at the start`);
      t = t.slice(tm[0].length);
    }
    if (!rec.id.startsWith('noid-') && !idDone) {
      const m = [...t.matchAll(ID_TEXT)].find((x) => (x[1] !== undefined ? `${x[1]}-${x[2]}` : `${x[3]}-${x[4]}`) === rec.id);
      if (!m) return void problems.push(`${rec.id}: the ID is not in the text`);
      t = `${t.slice(0, m.index)} ${t.slice(m.index + m[0].length)}`;
    }
    t = t.replace(BRACKET, (whole: string, label: string, content: string | undefined) => {
      // Whitespace anywhere in the label: a wrapped line may be joined inside it (`【関\n連記事:`).
      const name = label.replace(/[\s\x1f]+/g, '');
      if (content !== undefined && RELATED_LABEL.test(name) && REF_ID.test(content)) return ` ${content.replace(/[、,，;；]/g, ' ')} `;
      if (NOTE_LABEL.test(name)) return ` ${content ?? ''} `;
      return whole;
    });
    const balance = new Map<string, number>();
    countChars(balance, t, 1);
    for (const field of [rec.source, rec.title, rec.summary, ...rec.notes, ...rec.related.map((x) => x.raw ?? '')]) countChars(balance, field, -1);
    const missing = [...balance].filter(([, n]) => n > 0).map(([c, n]) => `${JSON.stringify(c)}×${n}`);
    if (missing.length > 0) problems.push(`${rec.id}: not in any field: ${missing.join(' ')}`);
  });
  return problems;
}

// Digest-like pieces: what the grammar knows, the ways it goes wrong, and noise.
const date = fc.constantFrom('2025.01.21', '2023.05:13', '2023.13.45', '2024.02.30', '2025.6.3', '2025/01/21', '2025-01-21');
const time = fc.constantFrom('18:52', '00:00', '25:70', '7:05', '18：52', '');
const id = fc.constantFrom('<2502-012113>', '< 2502-012113 >', '＜2502-012113＞', '&lt;2502-012113&gt;', '<2502-012114>', '<2507-062601>', '<2502-01211>');
const outlet = fc.constantFrom('時事通信', '共同通信 (Yahoo)', 'CNN(Yahoo)', 'Yahoo 時事通信記事', 'テレ朝 News', 'NewsNewsx', 'South China Morning Post', "Jane's 360", 'Nippon.com', '北國新聞', '日経', '');
const word = fc.constantFrom('見出し', '日・NATO関係を強化', '本文です', '会談した', 'NATO', '「協力」', '(Yahoo)', 'a>b', '<NATO>', '2025.06.26', '2306-050317');
const refInside = fc.array(
  fc.oneof(
    { arbitrary: fc.constantFrom('2306-050317', '2306-050318 ', '12306-0503171'), weight: 2 },
    { arbitrary: fc.constantFrom('(時事 2023.05.03)', '（共同 通信 2023.05.03）', '(時事)', '(2023.13.45)', '(', ')', '（', '）', '、', ',', ' ', '\u3000', '&nbsp;', '米国防総省の発表も参照', '時事 2023年4月4日'), weight: 3 },
    { arbitrary: fc.string({ maxLength: 4 }), weight: 1 },
  ),
  { maxLength: 8 },
).map((a) => a.join(''));
const bracket = fc.oneof(
  fc.tuple(fc.constantFrom('関連記事', '関連', '参考記事', '参照', ' 関連記事 '), fc.constantFrom(':', '：'), refInside).map(([l, c, x]) => `【${l}${c}${x}】`),
  fc.tuple(fc.constantFrom('【註】', '【注】', '【編注:', '【註 】'), fc.array(word, { maxLength: 3 })).map(([m, w]) => `${m}${w.join(' ')}${m.endsWith(':') ? '】' : ''}`),
  fc.constantFrom('【解説】', '【', '】', '【関連記事】', '【関連記事:】'),
);
const noise = fc.oneof(
  fc.constantFrom('<td>', '</td>', '/td>', '<tr>', '</tr>', '&nbsp;', '&amp;', '&#x3042;', '&bogus;', '<b>', '\n', '\r\n', '\t', '\u3000', '\ufeff', '\ufdd0', '\x1f', '。', '年 月 日 出 典 標 題 要 旨'),
  fc.string({ unit: 'binary', maxLength: 5 }),
  fc.string({ unit: 'grapheme', maxLength: 5 }),
);
const record = fc
  .tuple(date, time, outlet, fc.array(word, { maxLength: 3 }), fc.option(id), fc.array(fc.oneof(word, bracket, bracket, noise, fc.constant('。')), { maxLength: 8 }))
  .map(([d, t, o, title, i, body]) => [d, t, o, ...title, i ?? '', ...body].join(' '));
const digestText = fc
  .array(fc.oneof({ arbitrary: record, weight: 4 }, { arbitrary: noise, weight: 1 }, { arbitrary: bracket, weight: 1 }), { maxLength: 6 })
  .chain((parts) => fc.array(fc.constantFrom('\n', ' ', '', '\r\n'), { minLength: parts.length, maxLength: parts.length }).map((seps) => parts.map((p, i) => p + (seps[i] ?? '')).join('')));

// Layouts (issue 11): the same pieces as CSV and Markdown rows (quotes and pipes
// balanced or not), wrapped at random places, with full-width digits, with
// Japanese dates, weekdays and times.
const jaDate = fc.constantFrom('2025年1月21日', '2025年 1月21日', '令和7年1月21日', '2025年1月21日（火）', '2025.01.21(火)', '2025.01.21 (水)', '２０２５．０１．２１', '2025年13月45日', '平成元年1月8日');
const jaTime = fc.constantFrom('18時52分', '午後6時52分', '18時', '18時半', '18:52:00', '１８：５２', '25時70分', '');
const jaRecord = fc
  .tuple(jaDate, jaTime, outlet, fc.array(word, { maxLength: 3 }), fc.option(id), fc.array(fc.oneof(word, bracket, noise, fc.constant('。')), { maxLength: 6 }))
  .map(([d, t, o, title, i, body]) => [d, t, o, ...title, i ?? '', ...body].join(' '));
const cellText = fc.oneof(word, outlet, bracket, noise, fc.constantFrom('"', '""', ',', ';', '|', '\\|', 'a "b" c', '2502-012113', '\n', '。'));
const cells = fc
  .tuple(fc.oneof(date, jaDate), fc.oneof(time, jaTime), outlet, fc.array(word, { maxLength: 3 }), fc.oneof(id, fc.constantFrom('', '2502-012113', '２５０２－０１２１１３')), fc.array(cellText, { maxLength: 5 }))
  .map(([d, t, o, title, i, body]) => [d, t, o, title.join(' '), i, body.join(' ')]);
const header = fc.constantFrom('年月日,時刻,出典,標題,ID,要旨', 'Date,Time,Source,Title,ID,Summary', '日付\t媒体\t見出し\t本文', '');
const csvText = fc
  .tuple(header, fc.array(fc.tuple(cells, fc.array(fc.constantFrom(0, 0, 1, 2, 3), { minLength: 6, maxLength: 6 })), { minLength: 1, maxLength: 5 }), fc.constantFrom(',', '\t', ';'), fc.constantFrom('\n', '\r\n'))
  .map(([h, rows, sep, eol]) =>
    // 0: as is; 1: quoted; 2: a quote never closed; 3: closed too early (`"a"b`).
    [h, ...rows.map(([cs, q]) => cs.map((c, k) => [c, `"${c.replaceAll('"', '""')}"`, `"${c}`, `"${c}"x`][q[k] ?? 0]).join(sep))].join(eol),
  );
const mdText = fc
  .tuple(fc.constantFrom('| 年月日 | 出典 | 標題 | 要旨 |\n|---|---|---|---|', '| Date | Source | Title | Summary |\n| :-- | --- | --- | --: |', '', '|---|'), fc.array(fc.tuple(cells, fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 5 }))
  .map(([h, rows]) => [h, ...rows.map(([cs, escape, outer]) => {
    const inner = cs.map((c) => (escape ? c.replaceAll('|', '\\|') : c)).join(' | ');
    return outer ? `| ${inner} |` : inner;
  })].join('\n'));
const wrappedText = fc.tuple(digestText, fc.array(fc.nat(), { maxLength: 12 })).map(([t, at]) => {
  const cut = [...new Set(at.map((a) => a % (t.length + 1)))].sort((a, b) => a - b);
  let out = '';
  let prev = 0;
  for (const c of cut) {
    out += `${t.slice(prev, c)}\n`;
    prev = c;
  }
  return out + t.slice(prev);
});
const wideText = fc.tuple(fc.oneof(digestText, jaRecord), fc.boolean()).map(([t, all]) =>
  t.replace(/[0-9.:\-/<>]/g, (c, k: number) => (all || k % 2 === 0 ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)),
);
const layoutText = fc.oneof(csvText, mdText, wrappedText, wideText, jaRecord);

describe('nothing lost', () => {
  it('the checker catches a loss', () => {
    const text = `${HEAD}本文です。`;
    const result = parseDigest(text);
    const broken: ParseResult = { ...result, records: result.records.map((r) => ({ ...r, summary: '本文' })) };
    expect(lost(text)).toEqual([]);
    expect(lost(text, broken)).toEqual([`2502-012113: not in any field: "で"×1 "す"×1 "。"×1`]);
  });

  it('holds for every fixture and the repros of this issue', () => {
    const dir = new URL('../fixtures/', import.meta.url);
    const fixtures = readdirSync(dir).filter((f) => /\.(txt|html|csv|md)$/.test(f) && f !== 'README.md').map((f) => readFileSync(new URL(f, dir), 'utf8'));
    expect(fixtures.length).toBeGreaterThan(5);
    for (const text of [
      // A Markdown row without its closing pipe: its last cell is the ID (fast-check seed 38383522).
      '| 年月日 | 出典 | 標題 | 要旨 |\n|---|---|---|---|\n2025.01.21 | 18時52分 | 時事通信 |  | <2502-01211> | 2502-012113',
      ...fixtures,
      `${HEAD}本文です。【関連記事:2306-050317 (時事 2023.05.03)、米国防総省の発表も参照】`,
      `${HEAD}本文です。【関連記事:2306-050317（共同 通信 2023.05.03）】`,
      `${HEAD}本文【関連記事:2306-050317(${' '.repeat(50)}】`,
      `${HEAD}本文【関連記事:2306-050317(${'&nbsp;'.repeat(5)}】`,
      `${HEAD}本文。【註】 練習艦は戦闘艦ではない。【註:二つ目】`,
      // U+FDD0 in the input: entities are padded with another noncharacter, so it is not stripped.
      `${HEAD}A&amp;B\ufdd0C。【註】x\ufdd0y&nbsp;z`,
      // Every noncharacter U+FDD0–U+FDEF in the input: entities are left as written.
      `${HEAD}A&amp;B${Array.from({ length: 32 }, (_, k) => String.fromCharCode(0xfdd0 + k)).join('')}【関連記事:2306-050317&nbsp;(時事 2023.05.03)】`,
      `<table><tr><td>2025.01.21 18:52</td><td>時事通信</td><td>見出し &lt;2502-012113&gt;</td><td>本文&amp;【関連記事:2306-050317 (x)、y】</td></tr></table>`,
    ]) {
      expect(lost(text), text).toEqual([]);
    }
  });

  it('the generated texts hold records, references, notes and HTML often enough to mean something', () => {
    const results = fc.sample(digestText, { numRuns: 500, seed: 10 }).map((t) => parseDigest(t));
    const share = (f: (r: ParseResult) => boolean): number => results.filter(f).length / results.length;
    expect(share((r) => r.records.length > 0)).toBeGreaterThan(0.5);
    expect(share((r) => r.records.some((x) => x.related.length > 0))).toBeGreaterThan(0.1);
    expect(share((r) => r.diagnostics.some((d) => d.code === 'related-text'))).toBeGreaterThan(0.05);
    expect(share((r) => r.records.some((x) => x.notes.length > 0))).toBeGreaterThan(0.05);
    expect(share((r) => r.diagnostics.some((d) => d.code === 'html-input' || d.code === 'html-remnant'))).toBeGreaterThan(0.05);
  });

  it('the layout texts meet every layout and form often enough to mean something', () => {
    const results = fc.sample(layoutText, { numRuns: 1000, seed: 11 }).map((t) => parseDigest(t));
    const share = (code: DiagnosticCode): number => results.filter((r) => r.diagnostics.some((d) => d.code === code)).length / results.length;
    for (const code of ['csv-input', 'markdown-input', 'full-width-digits', 'japanese-date', 'japanese-time', 'weekday', 'wrapped-lines', 'unclosed-quote', 'header-row'] as const) {
      expect(share(code), code).toBeGreaterThan(0.02);
    }
  });

  it('every non-whitespace character is in a field or in a diagnostic that says it was left out', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.oneof({ arbitrary: digestText, weight: 3 }, { arbitrary: layoutText, weight: 2 }), (text) => {
        expect(lost(text), JSON.stringify(text)).toEqual([]);
      }),
      { numRuns: Number(process.env.NOTHING_LOST_RUNS ?? 3000) },
    );
  });
});
