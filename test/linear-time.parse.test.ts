/**
 * parseDigest is linear in its input (docs/architecture.md), checked on hostile
 * input for every construct the parser knows. Each generator makes a text of
 * about `bytes` characters; it is parsed at 256 KB, 512 KB and 1 MB, sizes
 * interleaved, 3 to 5 times each. Four times the input must take less than ten
 * times as long: linear is 4x, quadratic 16x, and the bugs this guards against
 * (issue 10) were cubic.
 *
 * A run is timed in CPU time after a full GC, and each size's time is the
 * median of its runs. Wall time would count the other processes of a busy
 * machine; without the GC, a run would pay for the garbage of the run before;
 * and the fastest run (rather than the median) would be the one that happened
 * to need no GC, which a small size is more likely to be.
 *
 * Smaller sizes are not compared: below about 256 KB a whole parse lives in
 * V8's young generation, and the step to the next size can be 10x or more
 * although the parse is linear. For the same reason the generators that make
 * one object per few characters (records, diagnostics) pad each unit with
 * text: they still repeat the construct tens of thousands of times per
 * megabyte, but GC does not dominate the timing.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { isMainThread } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { parseDigest } from '../src/index.js';

const KB = 1024;
const SIZES = [256 * KB, 512 * KB, 1024 * KB] as const;
/** Bound on time(4n) / time(n). */
const MAX_RATIO = 10;
/** Below this many ms a timing is mostly noise; ratios are taken against at least this. */
const FLOOR_MS = 1;
/** A sample repeats a fast parse until it takes about this long, so that fast and slow parses are timed alike. */
const SAMPLE_MS = 10;
/**
 * No parse of up to 1 MB may take longer (the slowest generator takes about
 * 0.3 s). Checked from 1 KB up before the ratio is measured, so that a cubic
 * or quadratic path fails in seconds instead of running for minutes at 1 MB.
 */
const BUDGET_MS = 3000;
const PROBE_SIZES = [KB, 4 * KB, 16 * KB, 64 * KB] as const;
/** Filler that makes a unit longer without adding a construct. */
const PAD = 'あいうえおかきくけこさしすせそたちつてとなにぬねの';

/** `unit` repeated to `bytes` characters. */
const fill = (unit: string, bytes: number): string => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
/** A record header whose body follows. */
const HEAD = '2025.06.26 00:00 日経新聞 見出し <2507-062601> ';
/** A header line with the given source, an ID and a body. */
const withSource = (source: string): string => `2025.01.21 18:52 ${source} 見出し <2502-012113> 本文。`;

/** The start of a CSV digest and of a Markdown table, so that the layout is recognised. */
const CSV_HEAD = '年月日,時刻,出典,標題,ID,要旨\n2025.06.26,00:00,日経新聞,題,2507-062601,本文。\n';
const MD_HEAD = '| 年月日 | 出典 | 標題 | 要旨 |\n|---|---|---|---|\n| 2025.06.26 00:00 | 日経新聞 | 題 <2507-062601> | 本文。 |\n';
/** Hostile inputs, by the construct they stress. */
const GENERATORS: Record<string, (bytes: number) => string> = {
  // dates and times (record starts)
  'dates only': (n) => fill('2025.06.26 ', n),
  'dates and times': (n) => fill('2025.06.26 00:00 x ', n),
  'dates after a sentence end, with a source': (n) => fill('。2025.06.26 時事通信 ', n),
  'a date, 500 spaces, a time': (n) => fill(`2025.06.26${' '.repeat(500)}00:00`, n),
  'impossible dates and times': (n) => fill(`2023.13.45 25:70 日経新聞 見出し <2401-134501> ${PAD}${PAD}。\n`, n),
  // IDs
  'IDs only': (n) => fill('<2507-062601>', n),
  'IDs never closed': (n) => fill('< 2507-062601 ', n),
  'records with IDs': (n) => fill(`2025.06.26 x <2507-062601> ${PAD}${PAD}${PAD} `, n),
  'records without IDs, all the same (generated-ID suffixes)': (n) => fill(`2025.06.26 00:00 日経新聞 見出し ${PAD}${PAD}。\n`, n),
  'a record without an ID and a long head': (n) => `2025.06.26 00:00 時事通信 ${fill('あ ', n)}。`,
  // brackets, cross-references, notes
  'brackets never closed': (n) => HEAD + fill(`【関連記事:${PAD}【`, n),
  '【 never closed': (n) => HEAD + fill(`【${PAD}`, n),
  '】 alone': (n) => HEAD + fill('】', n),
  'cross-reference: ( never closed, many IDs': (n) => `${HEAD}【関連記事:${fill(`2306-050317(${PAD}${PAD}${PAD}`, n)}】`,
  'cross-reference: ( then spaces (repro 1)': (n) => `${HEAD}【関連記事:2306-050317(${' '.repeat(n)}】`,
  'cross-reference: ( then ideographic spaces': (n) => `${HEAD}【関連記事:2306-050317(${'\u3000'.repeat(n)}】`,
  'cross-reference: ( then &nbsp;': (n) => `${HEAD}【関連記事:2306-050317(${fill(`&nbsp;${' '.repeat(26)}`, n)}】`,
  'cross-reference: ( closed only at the end': (n) => `${HEAD}【関連記事:${fill(`2306-050317 (時事 ${PAD}${PAD}${PAD}、`, n)})】`,
  'cross-reference: ( without end, no ID after': (n) => `${HEAD}【関連記事:2306-050317 ${fill('(', n)}】`,
  'cross-references with text': (n) => HEAD + fill(`【関連記事:2306-050317 (時事 2023.13.45)、米国の発表】${PAD}${PAD}${PAD}${PAD}`, n),
  'notes': (n) => HEAD + fill(`【註】 ${PAD}。`, n),
  'notes with a colon, never closed': (n) => HEAD + fill(`【註:${PAD}`, n),
  // outlet and suffix words, carriers (source.ts)
  "'News' × n then a tab (repro 2)": (n) => withSource(`${fill('News', n)}x\t`),
  "' News' × n then a tab": (n) => withSource(`${fill(' News', n)}x\t`),
  "'News' × n": (n) => withSource(`${fill('News', n)}x`),
  "'通信' × n": (n) => withSource(`時事${fill('通信', n)}`),
  "'Times' × n (outlet word)": (n) => withSource(`${fill('Times', n)}x`),
  'latin words (outlet-word scan)': (n) => withSource(fill('South China Morning ', n)),
  "'(Yahoo)' × n": (n) => withSource(`共同通信 ${fill('(Yahoo)', n)}`),
  "'Yahoo ' × n": (n) => withSource(fill('Yahoo ', n)),
  'carrier ( then spaces': (n) => withSource(`共同通信 (${' '.repeat(n)}Yahoo)`),
  'records with carriers': (n) => fill(`2025.06.26 00:00 CNN(Yahoo) a <2507-062601> ${PAD}${PAD}。\n`, n),
  // HTML
  'table markup': (n) => fill('<td>&amp;/td>', n),
  'remnants in text': (n) => HEAD + fill(`&nbsp;${PAD}/td>`, n),
  'tags never closed': (n) => HEAD + fill(`<td ${'x'.repeat(300)}`, n),
  'an HTML table': (n) => `<table>${fill(`<tr><td>2025.06.26 00:00</td><td>日経新聞</td><td>題 &lt;2507-062601&gt;</td><td>${PAD}${PAD}&nbsp;</td></tr>`, n)}</table>`,
  'an HTML table with empty rows': (n) => `<table><tr><td>2025.06.26 00:00</td><td>日経新聞</td><td>題</td><td>&lt;2507-062601&gt; 本文</td></tr>${fill('<tr><td></td></tr>', n)}</table>`,
  // spaces, lines, unterminated openers
  'spaces in the head': (n) => withSource(`日経新聞 ${' '.repeat(n)}`),
  'spaces in the body': (n) => `${HEAD}${' '.repeat(n)}本文。`,
  'ideographic spaces in the body': (n) => `${HEAD}${'\u3000'.repeat(n)}本文。`,
  'spaces and line breaks in the body': (n) => HEAD + fill('x \n\t\u3000', n),
  'runs of spaces between dates': (n) => fill(`${' '.repeat(1000)}2025.06.26 `, n),
  'lines continuing a sentence': (n) => HEAD + fill('x\n', n),
  '( never closed, in the head': (n) => `2025.06.26 00:00 ${fill('(', n)} 見出し <2507-062601> 本文。`,
  '< never closed, in the body': (n) => HEAD + fill('<', n),
  '< never closed, in the head': (n) => `2025.06.26 00:00 日経新聞 ${fill('<', n)} <2507-062601> 本文。`,
  'header rows that never finish': (n) => fill('年 月 日 出 典 標 題 要 ', n),
  'surrogates, paired and lone': (n) => fill('\ud800\udc00\ud800', n),
  'control characters and markup punctuation': (n) => fill('\u0000\uffff<>&;', n),
  // CSV, tab-separated rows (issue 11)
  'CSV rows, quoted cells with doubled quotes and commas': (n) => CSV_HEAD + fill(`2025.06.26,00:00,日経新聞,"題, ""引用""",2507-062601,"${PAD}。"\n`, n),
  'CSV quotes never closed, one a row': (n) => CSV_HEAD + fill(`2025.06.26,00:00,"${PAD}\n`, n),
  'CSV a quote never closed, then lines': (n) => `${CSV_HEAD}2025.06.26,"${fill(`${PAD}\n`, n)}`,
  'CSV quotes only': (n) => CSV_HEAD + fill('"', n),
  'CSV doubled quotes in a quoted cell never closed': (n) => `${CSV_HEAD}2025.06.26,"${fill('""', n)}`,
  'CSV cells opening quotes': (n) => CSV_HEAD + fill(',"', n),
  'CSV quotes closed early': (n) => CSV_HEAD + fill('2025.06.26,"a"b,"c"d,e\n', n),
  'CSV empty cells': (n) => CSV_HEAD + fill(',', n),
  'CSV ID cells before dates': (n) => CSV_HEAD + fill(`2507-062601,2025.06.26,00:00,日経新聞,題,${PAD}\n`, n),
  'spaces and a quote before a date cell (layout detection)': (n) => `${' '.repeat(n)}"${' '.repeat(200)}2025.06.26 00:00 ${' '.repeat(200)}x`,
  'spaces, quotes and tabs at line starts': (n) => fill(`${' '.repeat(300)}"\t;,${' '.repeat(300)}2025.06.26\n`, n),
  'tab-separated rows': (n) => fill(`2025.06.26\t00:00\t日経新聞\t題\t<2507-062601>\t${PAD}\n`, n),
  // Markdown
  'Markdown rows': (n) => MD_HEAD + fill(`| 2025.06.26 00:00 | 日経新聞 | 題 <2507-062601> | ${PAD} \\| ${PAD} |\n`, n),
  'Markdown pipes only': (n) => MD_HEAD + fill('|', n),
  'Markdown escaped pipes': (n) => `${MD_HEAD}| ${fill('\\|', n)}`,
  'Markdown unbalanced pipes': (n) => MD_HEAD + fill('| a | b\n| c |\n|\n', n),
  'Markdown delimiter rows that never end': (n) => MD_HEAD + fill(`|---${' '.repeat(200)}x\n`, n),
  'Markdown rows without outer pipes': (n) => `年月日 | 出典 | 標題 | 要旨\n--- | --- | --- | ---\n${fill(`2025.06.26 00:00 | 日経新聞 | 題 <2507-062601> | ${PAD}\n`, n)}`,
  // Japanese dates and times, full width
  '年月日 runs': (n) => fill('2025年6月26日', n),
  '年月日 runs with spaces': (n) => fill('2025年6月26日 ', n),
  'era dates': (n) => fill('令和元年1月1日 ', n),
  'dates, weekdays, Japanese times': (n) => fill('2025年6月26日（木）13時46分 ', n),
  'weekday brackets never closed': (n) => fill('2025.06.26(木 ', n),
  'times 午後 without minutes': (n) => fill('2025.06.26 午後1時', n),
  'records with Japanese dates': (n) => fill(`2025年6月26日（木） 午前0時0分 日経新聞 見出し <2507-062601> ${PAD}${PAD}。\n`, n),
  'full-width digit runs': (n) => fill('２', n),
  'full-width dates': (n) => fill('２０２５．０４．０９ ', n),
  'full-width digits and separators alternating': (n) => fill('２．', n),
  'full-width IDs': (n) => fill('＜２５０５－０４０９１７＞', n),
  // wrapped lines and trailers
  'wrapped records': (n) => fill(`2025.06.26 00:00 日経新聞 見出しの\n続き <2507-062601> ${PAD}の\n続き。\n`, n),
  'lines after a sentence end': (n) => HEAD + fill(`${PAD}。\n`, n),
  'trailer fragments': (n) => `${HEAD}本文。\n${fill('(Yahoo)\n', n)}`,
  'fragments, each followed by a sentence': (n) => `${HEAD}本文。\n${fill('(Yahoo)\n「見出し」と述べた。\n', n)}`,
  'quoted lines never closed after a sentence end': (n) => `${HEAD}本文。\n${fill('「見出し\n', n)}`,
  'dates at line ends': (n) => fill(`${PAD}。 2025.06.26\n`, n),
  'English header lines': (n) => fill('Date Source Title Summary\n', n),
  'text cut at a fixed width, Latin words cut': (n) => `${HEAD}${fill('NATO summit ロシアによるウクライナ侵攻。 ', n).replace(/[^]{37}/g, '$&\n')}`,
  'dates, times and IDs cut across lines': (n) => fill(`2025年6\n月26日 13:4\n6 日経新聞 見出し <2507-06\n2601> ${PAD}。\n`, n),
  'ID cells without brackets': (n) => MD_HEAD + fill(`| 2507-062601 | 2025.06.26 00:00 | 日経新聞 | 題 | ${PAD} |\n`, n),
};

/** A full GC, when V8 lets us ask for one (`--expose-gc`, set at run time). */
const collectGarbage = ((): (() => void) => {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('gc');
    if (typeof gc === 'function') return () => void gc();
  } catch {
    // Without it the median still holds, with more noise.
  }
  return () => {};
})();

/**
 * Time of one parse in ms: CPU time of this process when the test file has a
 * process to itself (vitest's default `forks` pool), so that a busy machine,
 * which delays a run without adding to its work, does not skew the ratio;
 * wall time in a worker thread, where the process's CPU time is shared.
 */
function parseMs(text: string, reps: number): number {
  collectGarbage();
  if (!isMainThread) {
    const t0 = performance.now();
    for (let k = 0; k < reps; k++) parseDigest(text);
    return (performance.now() - t0) / reps;
  }
  const c0 = process.cpuUsage();
  for (let k = 0; k < reps; k++) parseDigest(text);
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / reps;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? (s[s.length >> 1] ?? 0) : ((s[s.length / 2 - 1] ?? 0) + (s[s.length / 2] ?? 0)) / 2;
}

/** Median time per size, sizes interleaved; 3 rounds, up to 5 while the ratio is above the bound. */
function medianTimes(texts: readonly string[]): number[] {
  const reps = Math.min(50, Math.ceil(SAMPLE_MS / Math.max(parseMs(texts[0] ?? '', 1), 0.2)));
  const runs: number[][] = texts.map(() => []);
  for (let round = 0; round < 5; round++) {
    texts.forEach((t, i) => runs[i]?.push(parseMs(t, reps)));
    if (round >= 2 && growth(runs.map(median)) < MAX_RATIO) break;
  }
  return runs.map(median);
}

/** time(1 MB) / time(256 KB). */
function growth(times: readonly number[]): number {
  return (times[times.length - 1] ?? 0) / Math.max(times[0] ?? 0, FLOOR_MS);
}

describe('parseDigest is linear on hostile input', () => {
  for (const [name, make] of Object.entries(GENERATORS)) {
    it(name, { timeout: 20_000 }, () => {
      const texts = SIZES.map((n) => make(n));
      expect(texts[2]?.length).toBeGreaterThanOrEqual(1024 * KB);
      // Smallest first, within the budget; this also warms up the JIT, and V8's
      // young generation, which grows with use and would make the first sizes
      // measured look slow.
      for (const text of [...PROBE_SIZES.map((n) => make(n)), ...texts]) {
        expect(parseMs(text, 1), `${name}: ${text.length} characters`).toBeLessThan(BUDGET_MS);
      }
      const times = medianTimes(texts);
      const shown = times.map((t) => `${t.toFixed(1)} ms`).join(', ');
      expect(growth(times), `${name}: ${shown} for 256 KB, 512 KB, 1 MB`).toBeLessThan(MAX_RATIO);
    });
  }
});
