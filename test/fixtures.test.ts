/**
 * Fixture tests: every input in fixtures/ is parsed and compared with the
 * `*.expected.json` beside it. Regenerate the expected files with
 *
 *   UPDATE_FIXTURES=1 npx vitest run test/fixtures.test.ts
 *
 * and then read the diff: an expected file that records a bug is worse than none.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DiagnosticCode } from '../src/diagnostics.js';
import { parseDigest } from '../src/parse/parse.js';
import type { ParseOptions, ParseResult } from '../src/parse/parse.js';
import type { DigestRecord } from '../src/schema.js';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const UPDATE = process.env.UPDATE_FIXTURES === '1';

interface Fixture {
  input: string;
  expected: string;
  options?: ParseOptions;
}

const FIXTURES: readonly Fixture[] = [
  { input: 'seed-digest.txt', expected: 'seed-digest.expected.json' },
  { input: 'one-per-line.txt', expected: 'one-per-line.expected.json' },
  { input: 'crlf.txt', expected: 'crlf.expected.json' },
  { input: 'bom.txt', expected: 'bom.expected.json' },
  { input: 'blank-lines.txt', expected: 'blank-lines.expected.json' },
  { input: 'header-row.txt', expected: 'header-row.expected.json' },
  { input: 'table.html', expected: 'table.expected.json' },
  { input: 'other-sources.txt', expected: 'other-sources.expected.json' },
  {
    input: 'other-sources.txt',
    expected: 'other-sources.with-sources.expected.json',
    options: { sources: ['Nippon.com'] },
  },
  { input: 'irregular.txt', expected: 'irregular.expected.json' },
];

const read = (name: string): string => readFileSync(join(DIR, name), 'utf8');
/** Through JSON, so the comparison is with exactly what the expected file can hold. */
const plain = (r: ParseResult): ParseResult => JSON.parse(JSON.stringify(r)) as ParseResult;
const withoutPosition = (records: readonly DigestRecord[]): Omit<DigestRecord, 'position'>[] =>
  records.map(({ position: _position, ...rest }) => rest);

describe('fixtures', () => {
  for (const f of FIXTURES) {
    it(`${f.input}${f.options ? ` with ${JSON.stringify(f.options)}` : ''} → ${f.expected}`, () => {
      const actual = plain(parseDigest(read(f.input), f.options));
      if (UPDATE) writeFileSync(join(DIR, f.expected), `${JSON.stringify(actual, null, 2)}\n`);
      const expected = JSON.parse(read(f.expected)) as ParseResult;
      expect(actual).toEqual(expected);
    });
  }
});

describe('seed digest', () => {
  const text = read('seed-digest.txt');
  const { records, diagnostics } = parseDigest(text);
  const byId = (id: string): DigestRecord => {
    const r = records.find((x) => x.id === id);
    if (!r) throw new Error(`no record ${id}`);
    return r;
  };

  it('has exactly 34 records', () => {
    expect(records).toHaveLength(34);
    expect(new Set(records.map((r) => r.id)).size).toBe(34);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('reads the four 2023.05:1x dates, with one date-separator warning each', () => {
    const odd = diagnostics.filter((d) => d.code === 'date-separator');
    expect(odd.map((d) => d.recordId)).toEqual(['2306-051321', '2306-051320', '2306-051105', '2306-051019']);
    expect(odd.map((d) => text.slice(d.start, d.end))).toEqual(['2023.05:13', '2023.05:13', '2023.05:11', '2023.05:10']);
    for (const d of odd) expect(d.severity).toBe('warning');
    expect(['2306-051321', '2306-051320', '2306-051105', '2306-051019'].map((id) => byId(id).date)).toEqual([
      '2023-05-13',
      '2023-05-13',
      '2023-05-11',
      '2023-05-10',
    ]);
  });

  it('cleans the /td> remnant', () => {
    for (const r of records) expect(r.summary).not.toContain('/td>');
    expect(byId('2507-062601').summary.endsWith('防衛協力を深める。')).toBe(true);
    const remnant = diagnostics.filter((d) => d.code === 'html-remnant');
    expect(remnant.map((d) => [text.slice(d.start, d.end), d.recordId])).toEqual([['/td>', '2507-062601']]);
  });

  it('reports the fragment after the last record as stray text, in no summary', () => {
    const stray = diagnostics.filter((d) => d.code === 'stray-text');
    expect(stray).toHaveLength(1);
    const s = stray[0];
    expect(s && text.slice(s.start, s.end)).toBe('(Yahoo)\n「日・NATO、初の『政治宣言』=安倍首相と事務総長が署名」');
    expect(s && [s.line, s.column, s.end]).toEqual([2, 1, text.length]);
    for (const r of records) {
      expect(r.summary).not.toContain('(Yahoo)');
      expect(r.summary).not.toContain('初の『政治宣言』=');
    }
    const last = records[records.length - 1];
    expect(last?.summary.endsWith('可能性があるとの考えを示した。')).toBe(true);
  });

  it('reads the 【関連記事】 cross-reference', () => {
    const r = byId('2306-051019');
    expect(r.related).toEqual([{ id: '2306-050317', source: '時事', date: '2023-05-03', raw: '2306-050317 (時事 2023.05.03)' }]);
    expect(r.summary).not.toContain('関連記事');
    expect(records.filter((x) => x.related.length > 0).map((x) => x.id)).toEqual(['2306-051019']);
  });

  it('reads the 【註】 note', () => {
    const r = byId('2207-060705');
    expect(r.notes).toHaveLength(1);
    expect(r.notes[0]?.startsWith('練習艦かしまとしまかぜは、今年幹部候補生学校を卒業した')).toBe(true);
    expect(r.notes[0]?.endsWith('戦闘艦ではない。')).toBe(true);
    expect(r.summary).not.toContain('註');
    expect(r.summary.endsWith('狙いがあるとみられる。')).toBe(true);
    expect(records.filter((x) => x.notes.length > 0).map((x) => x.id)).toEqual(['2207-060705']);
  });
});

describe('layout variants give the seed records', () => {
  const seed = withoutPosition(parseDigest(read('seed-digest.txt')).records);
  const variants: readonly [string, DiagnosticCode[]][] = [
    ['one-per-line.txt', []],
    ['crlf.txt', []],
    ['bom.txt', ['bom']],
    ['blank-lines.txt', []],
    ['header-row.txt', ['header-row']],
    ['table.html', ['html-input', 'header-row']],
  ];
  for (const [name, layout] of variants) {
    it(name, () => {
      const { records, diagnostics } = parseDigest(read(name));
      expect(withoutPosition(records)).toEqual(seed);
      // The layout's own notice, and nothing else beyond the seed's own irregularities.
      const codes = new Set(diagnostics.map((d) => d.code));
      for (const c of layout) expect(codes.has(c)).toBe(true);
      expect(diagnostics.filter((d) => d.code === 'date-separator')).toHaveLength(4);
      expect(diagnostics.filter((d) => d.code === 'missing-time')).toHaveLength(5);
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    });
  }
});

describe('other sources', () => {
  const text = read('other-sources.txt');

  it('resolves every source but Nippon.com without options', () => {
    const { records, diagnostics } = parseDigest(text);
    expect(records).toHaveLength(15);
    expect(diagnostics.map((d) => [d.code, d.recordId])).toEqual([['unknown-source', '2501-120503']]);
    expect(records.map((r) => [r.source, r.outlet, r.via])).toEqual([
      ['読売新聞', '読売新聞', null],
      ['毎日新聞(Yahoo)', '毎日新聞', 'Yahoo'],
      ['北海道新聞', '北海道新聞', null],
      ['NHK', 'NHK', null],
      ['NHKニュース', 'NHK', null],
      ['フジテレビ(Yahoo)', 'フジテレビ', 'Yahoo'],
      ['AP通信', 'AP', null],
      ['AFP通信(Yahoo)', 'AFP', 'Yahoo'],
      ['ロイター', 'Reuters', null],
      ['The Diplomat', 'The Diplomat', null],
      ['Defense News', 'Defense News', null],
      ['South China Morning Post', 'South China Morning Post', null],
      ['聯合ニュース(Yahoo)', '聯合ニュース', 'Yahoo'],
      ['Yahoo 読売新聞', '読売新聞', 'Yahoo'],
      ['Nippon.com', 'Nippon.com', null],
    ]);
  });

  it("recognises Nippon.com with { sources: ['Nippon.com'] }", () => {
    const plainRun = parseDigest(text);
    const { records, diagnostics } = parseDigest(text, { sources: ['Nippon.com'] });
    expect(diagnostics).toEqual([]);
    expect(records).toEqual(plainRun.records);
  });
});

describe('irregular records', () => {
  const text = read('irregular.txt');
  const { records, diagnostics } = parseDigest(text);
  const lines = text.split('\n').filter((l) => l !== '');

  it('keeps every record: one per line, none dropped, nothing stray', () => {
    expect(records).toHaveLength(lines.length);
    for (const [i, r] of records.entries()) expect(text.slice(r.position.start).startsWith(lines[i] ?? '?')).toBe(true);
    expect(diagnostics.filter((d) => d.code === 'stray-text' || d.code === 'no-records')).toEqual([]);
  });

  const cases: readonly [DiagnosticCode, string, string][] = [
    ['id-date-mismatch', '2505-041217', '<2505-041217>'],
    ['duplicate-id', '2408-071212', '<2408-071212>'],
    ['missing-time', '2412-112806', '2024.11.28'],
    ['unknown-bracket', '2407-061215', '【解説】'],
    ['invalid-date', '2304-031408', '2023.13.40'],
    ['invalid-time', '2209-082309', '25:70'],
    ['id-digest-month', '2412-040508', '<2412-040508>'],
    ['malformed-related', '2305-040505', '【関連記事:時事 2023年4月4日】'],
  ];
  for (const [code, id, at] of cases) {
    it(`${code} on ${id}`, () => {
      const found = diagnostics.filter((d) => d.code === code);
      expect(found.map((d) => [d.recordId, text.slice(d.start, d.end)])).toEqual([[id, at]]);
    });
  }

  it('missing-id: kept under a generated id, title ends before the first sentence', () => {
    const d = diagnostics.filter((x) => x.code === 'missing-id');
    expect(d).toHaveLength(1);
    const r = records.find((x) => x.id === d[0]?.recordId);
    expect(r?.id).toMatch(/^noid-\d{4}-\d{2}-\d{2}-[0-9a-z]{14}$/);
    expect(r?.title).toBe('日・NATO関係を強化 石破首相、事務総長と電話会談');
    expect(r?.summary.startsWith('石破首相が21日、')).toBe(true);
  });

  it('unclosed 【: reported, text left in the summary, no related ref', () => {
    const d = diagnostics.filter((x) => x.code === 'unclosed-bracket');
    expect(d.map((x) => x.recordId)).toEqual(['2306-051019']);
    const r = records.find((x) => x.id === '2306-051019');
    expect(r?.related).toEqual([]);
    expect(r?.summary).toContain('【関連記事:2306-050317 (時事 2023.05.03) NATOの報道担当者は');
  });

  it('invalid time: time null; invalid date: kept as written', () => {
    expect(records.find((x) => x.id === '2209-082309')?.time).toBeNull();
    expect(records.find((x) => x.id === '2304-031408')?.date).toBe('2023-13-40');
  });

  it('HTML remnants <td> and &nbsp; are removed and reported', () => {
    const d = diagnostics.filter((x) => x.code === 'html-remnant');
    expect(d.map((x) => [x.recordId, text.slice(x.start, x.end)])).toEqual([
      ['2411-101106', '<td>'],
      ['2411-101106', '&nbsp;'],
    ]);
    const r = records.find((x) => x.id === '2411-101106');
    expect(r?.summary.startsWith('中谷防衛相が11日の記者会見で')).toBe(true);
    expect(r?.summary).toContain('発表した。 中谷防衛相は');
    expect(r?.summary).not.toMatch(/<td>|&nbsp;/);
  });

  it('missing-title and empty-summary keep the record', () => {
    expect(diagnostics.filter((x) => x.code === 'missing-title').map((x) => x.recordId)).toEqual(['2506-051915']);
    expect(records.find((x) => x.id === '2506-051915')?.title).toBe('');
    expect(diagnostics.filter((x) => x.code === 'empty-summary').map((x) => x.recordId)).toEqual(['2207-063001']);
    expect(records.find((x) => x.id === '2207-063001')?.summary).toBe('');
  });
});
