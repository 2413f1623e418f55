import { describe, expect, it } from 'vitest';
import { DigestParseError, DigestRecord, parseDigest } from '../src/index.js';

const REC = '2025.06.26 00:00 日経新聞 自衛隊とオランダ軍の燃料・弾薬融通、日蘭が交渉開始 <2507-062601> 岩屋毅外相は25日、オランダで会談した。';

function codes(text: string): string[] {
  return parseDigest(text).diagnostics.map((d) => d.code);
}

describe('parseDigest: one record', () => {
  it('reads every field', () => {
    const { records, diagnostics } = parseDigest(REC);
    expect(diagnostics).toEqual([]);
    expect(records).toEqual([
      {
        id: '2507-062601',
        date: '2025-06-26',
        time: '00:00',
        source: '日経新聞',
        outlet: '日経新聞',
        via: null,
        title: '自衛隊とオランダ軍の燃料・弾薬融通、日蘭が交渉開始',
        summary: '岩屋毅外相は25日、オランダで会談した。',
        related: [],
        notes: [],
        position: { start: 0, end: REC.length },
      },
    ]);
    expect(DigestRecord.safeParse(records[0]).success).toBe(true);
  });

  it('splits sources with carriers, spaces and outlet words', () => {
    const cases: [string, string, string, string | null][] = [
      ['共同通信 (Yahoo)', '共同通信 (Yahoo)', '共同通信', 'Yahoo'],
      ['テレ朝 News(Yahoo)', 'テレ朝 News(Yahoo)', 'テレ朝', 'Yahoo'],
      ['Reuters 通信(Yahoo)', 'Reuters 通信(Yahoo)', 'Reuters', 'Yahoo'],
      ["Jane's 360", "Jane's 360", "Jane's", null],
      ['Yahoo 時事通信記事', 'Yahoo 時事通信記事', '時事通信', 'Yahoo'],
      ['読売新聞', '読売新聞', '読売新聞', null],
      ['北國新聞', '北國新聞', '北國新聞', null],
      ['NHKニュース', 'NHKニュース', 'NHK', null],
      ['ロイター(Yahoo)', 'ロイター(Yahoo)', 'Reuters', 'Yahoo'],
      ['South China Morning Post', 'South China Morning Post', 'South China Morning Post', null],
      ['The Diplomat', 'The Diplomat', 'The Diplomat', null],
      ['AP通信  (Yahoo)', 'AP通信 (Yahoo)', 'AP', 'Yahoo'],
    ];
    for (const [written, source, outlet, via] of cases) {
      const { records, diagnostics } = parseDigest(`2025.06.26 00:00 ${written} 日本と NATO「協力」 <2507-062601> 本文。`);
      expect({ written, source: records[0]?.source, outlet: records[0]?.outlet, via: records[0]?.via, title: records[0]?.title }).toEqual({
        written,
        source,
        outlet,
        via,
        title: '日本と NATO「協力」',
      });
      expect(diagnostics.map((d) => d.code)).not.toContain('unknown-source');
    }
  });

  it('reports an unknown source and accepts it through options.sources', () => {
    const text = '2025.06.26 00:00 Nippon.com 日本の安全保障 <2507-062601> 本文。';
    const plain = parseDigest(text);
    expect(plain.diagnostics.map((d) => d.code)).toEqual(['unknown-source']);
    expect(plain.records[0]?.source).toBe('Nippon.com');
    const extended = parseDigest(text, { sources: [{ outlet: 'nippon.com', aliases: ['Nippon.com'] }] });
    expect(extended.diagnostics).toEqual([]);
    expect(extended.records[0]?.outlet).toBe('nippon.com');
  });

  it('moves cross-references and notes out of the summary', () => {
    const { records } = parseDigest(
      '2023.05.10 17:26 CNN(Yahoo) 協議中 <2306-051019> 林外相が語った。 【関連記事:2306-050317 (時事 2023.05.03)】 続き。 【註】 練習艦は戦闘艦ではない。',
    );
    expect(records[0]?.summary).toBe('林外相が語った。 続き。');
    expect(records[0]?.related).toEqual([{ id: '2306-050317', source: '時事', date: '2023-05-03', raw: '2306-050317 (時事 2023.05.03)' }]);
    expect(records[0]?.notes).toEqual(['練習艦は戦闘艦ではない。']);
  });

  it('cleans HTML remnants and entities and says so', () => {
    const { records, diagnostics } = parseDigest('2025.06.26 00:00 日経新聞 見出し <2507-062601> A&amp;B&nbsp;C。/td> <td>D。');
    expect(records[0]?.summary).toBe('A&B C。 D。');
    expect(diagnostics.filter((d) => d.code === 'html-remnant')).toHaveLength(4);
  });

  it('reports remnants side by side as one run, spanning all of it', () => {
    const text = '2025.06.26 00:00 日経新聞 見出し <2507-062601> A&nbsp;&nbsp;&nbsp;B&amp;&nbsp;C。/td><td>D &nbsp;E&nbsp;/td>F。/td>&nbsp;<br>&nbsp;G';
    const { records, diagnostics } = parseDigest(text);
    expect(records[0]?.summary).toBe('A B& C。 D E F。 G');
    const d = diagnostics.filter((x) => x.code === 'html-remnant');
    expect(d.map((x) => [text.slice(x.start, x.end), x.message])).toEqual([
      ['&nbsp;&nbsp;&nbsp;', 'The HTML remnant "&nbsp;" was removed 3 times in a row.'],
      ['&amp;&nbsp;', '2 HTML remnants in a row, starting with "&amp;", were removed.'],
      ['/td><td>', '2 HTML remnants in a row, starting with "/td>", were removed.'],
      ['&nbsp;', 'The HTML remnant "&nbsp;" was removed.'],
      // Tags and entities mixed: one run whichever comes first.
      ['&nbsp;/td>', '2 HTML remnants in a row, starting with "&nbsp;", were removed.'],
      ['/td>&nbsp;<br>&nbsp;', '4 HTML remnants in a row, starting with "/td>", were removed.'],
    ]);
  });

  it('parses a run of tags and entities in turn in linear time, as one diagnostic', () => {
    const text = (n: number): string => `2025.06.26 00:00 日経新聞 見出し <2507-062601> A${'&nbsp;<br>'.repeat(n)}B`;
    const { records, diagnostics } = parseDigest(text(10_000));
    expect(records[0]?.summary).toBe('A B');
    expect(diagnostics.filter((x) => x.code === 'html-remnant').map((x) => x.message)).toEqual(['20000 HTML remnants in a row, starting with "&nbsp;", were removed.']);
  });
});

describe('parseDigest: irregular records', () => {
  it('warns on a mistyped date separator and reads the date', () => {
    const { records, diagnostics } = parseDigest('2023.05:13 22:49 産経新聞(Yahoo) 見出し <2306-051321> 本文。');
    expect(records[0]?.date).toBe('2023-05-13');
    expect(diagnostics.map((d) => [d.code, d.severity, d.start, d.end])).toEqual([['date-separator', 'warning', 0, 10]]);
  });

  it('flags an ID that disagrees with the date, and a digest month out of order', () => {
    expect(codes('2025.06.26 00:00 日経新聞 見出し <2507-062701> 本文。')).toEqual(['id-date-mismatch']);
    expect(codes('2025.06.26 00:00 日経新聞 見出し <2504-062601> 本文。')).toEqual(['id-digest-month']);
  });

  it('keeps both records with a repeated ID', () => {
    const { records, diagnostics } = parseDigest(`${REC}\n${REC}`);
    expect(records.map((r) => r.id)).toEqual(['2507-062601', '2507-062601']);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['duplicate-id', 2]]);
  });

  it('keeps a record with no ID under a generated id, split at its first sentence', () => {
    const { records, diagnostics } = parseDigest('2025.06.26 00:00 日経新聞 見出しの 言葉 岩屋外相は会談した。 続き。');
    expect(records[0]).toMatchObject({ id: expect.stringMatching(/^noid-2025-06-26-[0-9a-z]{14}$/), title: '見出しの 言葉', summary: '岩屋外相は会談した。 続き。' });
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([['missing-id', 'error']]);
  });

  it('reads a date with no time, with an info diagnostic', () => {
    const { records, diagnostics } = parseDigest('2018.08.23 東京新聞 海自、NATO と合同演習 <1809-082302> 本文。');
    expect(records[0]?.time).toBeNull();
    expect(records[0]?.source).toBe('東京新聞');
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([['missing-time', 'info']]);
  });

  it('leaves an unknown bracket in the summary and reports it', () => {
    const { records, diagnostics } = parseDigest('2025.06.26 00:00 日経新聞 見出し <2507-062601> 本文。 【解説】 背景がある。');
    expect(records[0]?.summary).toBe('本文。 【解説】 背景がある。');
    expect(diagnostics.map((d) => d.code)).toEqual(['unknown-bracket']);
  });

  it('reports unclosed brackets, invalid dates and times', () => {
    expect(codes('2025.06.26 00:00 日経新聞 見出し <2507-062601> 本文【関連記事:2506 。')).toEqual(['unclosed-bracket']);
    expect(codes('2023.13.40 10:00 日経新聞 見出し <2401-134001> 本文。')).toContain('invalid-date');
    const bad = parseDigest('2025.06.26 25:70 日経新聞 見出し <2507-062601> 本文。');
    expect(bad.records[0]?.time).toBeNull();
    expect(bad.diagnostics.map((d) => d.code)).toEqual(['invalid-time']);
  });

  it('does not start a record at a date inside a summary', () => {
    const { records } = parseDigest(`${REC.replace('オランダで', '2023.05.03 に合意した件で')} 2025.06.24 22:48 共同通信 (Yahoo) 見出し <2507-062438> 本文。`);
    expect(records.map((r) => r.id)).toEqual(['2507-062601', '2507-062438']);
    expect(records[0]?.summary).toContain('2023.05.03 に合意した件で');
  });

  it('does not start a record at a mid-sentence date followed by a time or a known source', () => {
    for (const mention of ['前回は 2023.05.03 時事通信 の報道で', '会見は 2023.05.03 10:00 から']) {
      const text = `${REC.replace('オランダで', `${mention}、オランダで`)} 2025.06.24 22:48 共同通信 (Yahoo) 見出し <2507-062438> 本文。`;
      const { records, diagnostics } = parseDigest(text);
      expect(records.map((r) => r.id)).toEqual(['2507-062601', '2507-062438']);
      expect(records[0]?.summary).toContain(mention);
      expect(diagnostics).toEqual([]);
    }
  });

  it('still starts a record after a sentence end without an ID, and reports the missing ID', () => {
    const { records, diagnostics } = parseDigest(`${REC} 2025.06.24 22:48 共同通信 (Yahoo) 見出し 本文はここから。`);
    expect(records).toHaveLength(2);
    expect(diagnostics.map((d) => d.code)).toEqual(['missing-id']);
  });

  it('reports text after a finished record as stray, and continues an unfinished sentence', () => {
    const stray = parseDigest(`${REC}\n(Yahoo)\n「断片」`);
    expect(stray.records[0]?.summary).toBe('岩屋毅外相は25日、オランダで会談した。');
    expect(stray.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['stray-text', 2, 1]]);
    const wrapped = parseDigest(`${REC.slice(0, -1)}、\n続けて合意した。`);
    expect(wrapped.records[0]?.summary).toBe('岩屋毅外相は25日、オランダで会談した、 続けて合意した。');
    expect(wrapped.diagnostics).toEqual([]);
  });
});

describe('parseDigest: bad input', () => {
  it('throws TypeError on non-strings', () => {
    for (const v of [undefined, null, 42, {}, Buffer.from('x')]) {
      expect(() => parseDigest(v as unknown as string)).toThrow(TypeError);
    }
  });

  it('reports an empty input and input with no records', () => {
    expect(codes('')).toEqual(['empty-input']);
    expect(codes('ただの文章です。')).toEqual(['stray-text', 'no-records']);
    expect(codes('<2507-062601>'.repeat(10))).toEqual(['stray-text', 'no-records']);
  });

  it('throws DigestParseError in strict mode only when there are errors', () => {
    expect(() => parseDigest(REC, { strict: true })).not.toThrow();
    try {
      parseDigest('nothing here', { strict: true });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DigestParseError);
      expect((e as DigestParseError).diagnostics.map((d) => d.code)).toContain('no-records');
    }
  });

  it('survives lone surrogates and control characters', () => {
    const { records } = parseDigest(`\ud800 ${REC}\udfff\u0000 \u0001`);
    expect(records).toHaveLength(1);
  });

  it('gives 1-based line and column in UTF-16 units after CRLF', () => {
    const { diagnostics } = parseDigest(`${REC}\r\n\r\n𠮷 stray`);
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['stray-text', 3, 1]]);
  });
});

describe('parseDigest: text that looks like markup', () => {
  it('keeps angle-bracketed words that are not HTML tags', () => {
    const { records, diagnostics } = parseDigest('2025.06.26 00:00 日経新聞 見出し <2507-062601> 略称は<NATO>で、a>b と書く。');
    expect(records[0]?.summary).toBe('略称は<NATO>で、a>b と書く。');
    expect(diagnostics).toEqual([]);
  });
});
