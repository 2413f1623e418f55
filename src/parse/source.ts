/**
 * Splitting a record's header (`共同通信 (Yahoo) NATO日本事務所開設を断念 …`) into
 * source and title. The rules generalise beyond the seed: a carrier written
 * `(Yahoo)` after the outlet or `Yahoo` before it, a list of known outlets with
 * their aliases (extensible through `options.sources`), and outlet words such as
 * 新聞, 通信 or `News` that end a source token.
 */
import { collapse } from './text.js';

/** A known outlet: the name used for grouping, and the ways it is written. */
export interface OutletSpec {
  outlet: string;
  aliases?: readonly string[];
}

/** Carriers that republish other outlets' articles; the key is how `via` is reported. */
const CARRIERS: Readonly<Record<string, readonly string[]>> = {
  Yahoo: ['Yahoo!ニュース', 'Yahooニュース', 'Yahoo!', 'Yahoo', 'ヤフー', 'ヤフーニュース'],
  LINE: ['LINE NEWS', 'LINEニュース', 'LINE'],
  MSN: ['MSN'],
  Google: ['Google News', 'Googleニュース', 'Google'],
  SmartNews: ['SmartNews', 'スマートニュース'],
  gooニュース: ['gooニュース', 'goo'],
  livedoor: ['livedoor NEWS', 'livedoor', 'ライブドアニュース'],
  NewsPicks: ['NewsPicks'],
};

/** Built-in outlets. Grouping names follow the digests' own habits (日経新聞, not 日本経済新聞). */
export const BUILTIN_OUTLETS: readonly OutletSpec[] = [
  { outlet: '日経新聞', aliases: ['日本経済新聞', '日経', 'Nikkei', 'Nikkei Asia', '日経電子版'] },
  { outlet: '共同通信', aliases: ['共同', 'Kyodo', 'Kyodo News'] },
  { outlet: '時事通信', aliases: ['時事', 'Jiji', 'Jiji Press', '時事ドットコム'] },
  { outlet: '朝日新聞', aliases: ['朝日', 'Asahi', 'Asahi Shimbun'] },
  { outlet: '読売新聞', aliases: ['読売', 'Yomiuri', 'Yomiuri Shimbun'] },
  { outlet: '毎日新聞', aliases: ['毎日', 'Mainichi', 'Mainichi Shimbun'] },
  { outlet: '産経新聞', aliases: ['産経', 'Sankei', 'Sankei Shimbun', '産経ニュース'] },
  { outlet: '東京新聞', aliases: ['Tokyo Shimbun'] },
  { outlet: '中日新聞' },
  { outlet: '北海道新聞', aliases: ['道新'] },
  { outlet: '西日本新聞' },
  { outlet: '沖縄タイムス' },
  { outlet: '琉球新報' },
  { outlet: 'Japan Times', aliases: ['The Japan Times', 'ジャパンタイムズ'] },
  { outlet: 'NHK', aliases: ['NHKニュース', 'NHK NEWS WEB', 'NHK News'] },
  { outlet: 'テレ朝', aliases: ['テレビ朝日', 'ANN'] },
  { outlet: '日テレ', aliases: ['日本テレビ', 'NNN'] },
  { outlet: 'TBS', aliases: ['TBSテレビ', 'JNN', 'TBS NEWS DIG'] },
  { outlet: 'フジテレビ', aliases: ['FNN', 'フジ', 'FNNプライムオンライン'] },
  { outlet: 'テレビ東京', aliases: ['テレ東', 'TXN'] },
  { outlet: 'Reuters', aliases: ['ロイター', 'ロイター通信'] },
  { outlet: 'AP', aliases: ['AP通信', 'Associated Press'] },
  { outlet: 'AFP', aliases: ['AFP通信', 'AFPBB', 'AFPBB News'] },
  { outlet: 'Bloomberg', aliases: ['ブルームバーグ'] },
  { outlet: 'CNN' },
  { outlet: 'BBC', aliases: ['BBCニュース'] },
  { outlet: "Jane's", aliases: ["Jane's 360", "Jane's Defence Weekly", 'Janes'] },
  { outlet: 'Defense News' },
  { outlet: 'The Diplomat', aliases: ['Diplomat'] },
  { outlet: 'Financial Times', aliases: ['FT', 'フィナンシャル・タイムズ'] },
  { outlet: 'New York Times', aliases: ['The New York Times', 'NYT', 'ニューヨーク・タイムズ'] },
  { outlet: 'Washington Post', aliases: ['The Washington Post', 'ワシントン・ポスト'] },
  { outlet: 'Wall Street Journal', aliases: ['WSJ', 'ウォール・ストリート・ジャーナル'] },
  { outlet: 'Politico', aliases: ['POLITICO'] },
  { outlet: '聯合ニュース', aliases: ['Yonhap', '聯合'] },
  { outlet: '新華社', aliases: ['Xinhua', '新華社通信'] },
  { outlet: 'Newsweek', aliases: ['ニューズウィーク'] },
  { outlet: 'Sputnik', aliases: ['スプートニク'] },
  { outlet: '防衛省', aliases: ['防衛省発表'] },
  { outlet: '外務省', aliases: ['外務省発表'] },
];

/** Words that may follow an outlet's name and still be part of the source (`テレ朝 News`, `時事通信記事`). */
const SUFFIX_LIST = ['News', 'NEWS', 'ニュース', '電子版', '記事', 'Online', 'オンライン', 'デジタル', 'DIGITAL', 'Web', 'WEB'];
const OUTLET_SUFFIX = new RegExp(`^(?:[ \\u3000]?(?:${SUFFIX_LIST.join('|')}|通信))+`);
/** A token that ends in one of these is taken as an outlet's name even when it is not in the list. */
const OUTLET_WORD = /(?:新聞|通信|放送|新報|日報|タイムズ|ニュース|テレビ|記事|News|NEWS|Times|Post|Journal|Herald|Press|Tribune|Agency|Review|Gazette|Monitor|Daily|TV)$/;
/** Longer than any outlet word: testing only a word's end keeps OUTLET_WORD from trying every offset. */
const OUTLET_WORD_TAIL = 8;
const LATIN_TOKEN = /^[A-Za-z0-9'’&.\-]+$/;
const SPACE = /[ \t\u3000\x1f]/;

export interface SourceSplit {
  source: string;
  outlet: string;
  via: string | null;
  title: string;
  /** False when no rule recognised the source and the first word was taken. */
  recognised: boolean;
}

interface Alias {
  text: string;
  outlet: string;
}

/** Resolves outlet names; built once per parse with the caller's extra sources. */
export class SourceResolver {
  private readonly aliases: Alias[];
  private readonly byAlias = new Map<string, string>();
  private readonly carriers: { text: string; via: string }[];
  private readonly carrierSuffix: RegExp;

  constructor(extra: readonly (string | OutletSpec)[] = []) {
    const specs: OutletSpec[] = [
      ...extra.map((s) => (typeof s === 'string' ? { outlet: s } : s)),
      ...BUILTIN_OUTLETS,
    ];
    const aliases: Alias[] = [];
    for (const spec of specs) {
      for (const text of [spec.outlet, ...(spec.aliases ?? [])]) {
        const key = text.replace(/\s+/g, ' ').trim();
        if (key === '' || this.byAlias.has(key)) continue; // the caller's entries come first and win
        this.byAlias.set(key, spec.outlet);
        aliases.push({ text: key, outlet: spec.outlet });
      }
    }
    // Longest first, so that `Jane's 360` beats `Jane's` and `日本経済新聞` beats `日経`.
    this.aliases = aliases.sort((a, b) => b.text.length - a.text.length);
    this.carriers = Object.entries(CARRIERS)
      .flatMap(([via, names]) => names.map((text) => ({ text, via })))
      .sort((a, b) => b.text.length - a.text.length);
    const alt = this.carriers.map((c) => escapeRegExp(c.text)).join('|');
    // `共同通信 (Yahoo)`, `CNN(Yahoo)`: a short name, then the carrier in brackets.
    // The name ends in a non-space, so it and the spaces after it never trade characters.
    this.carrierSuffix = new RegExp(`^([^「『“"【<>]{0,39}?[^「『“"【<> \\u3000])[ \\u3000]*[(（][ \\u3000]*(${alt})[ \\u3000]*[)）]`);
  }

  /** The grouping name for a source written `name` (aliases and outlet suffixes folded). */
  outletOf(name: string): string {
    const key = collapse(name);
    const direct = this.byAlias.get(key);
    if (direct !== undefined) return direct;
    const bare = stripTrailingSuffixes(key).trim();
    const viaBare = this.byAlias.get(bare) ?? this.byAlias.get(bare.replace(/[ \u3000]?通信$/, ''));
    return viaBare ?? (bare === '' ? key : bare);
  }

  /** Splits a header (the text between the date/time and the ID) into source and title. */
  split(header: string): SourceSplit {
    const h = header.replace(/^[\s\x1f]+/, '');
    // Cell boundaries (tabs, HTML table cells) are the strongest evidence of all.
    const sep = h.search(/[\t\x1f]/);
    if (sep > 0) {
      const source = collapse(h.slice(0, sep));
      const title = collapse(h.slice(sep));
      const carried = this.carrierSuffix.exec(source) ?? null;
      if (carried && carried[0].length === source.length) {
        return { source, outlet: this.outletOf(carried[1] ?? source), via: this.viaOf(carried[2] ?? ''), title, recognised: true };
      }
      // Only a carrier and name that make up the whole cell: the rest of a longer cell would be lost.
      const prefixed = this.carrierPrefix(source);
      if (prefixed && prefixed.length === source.length) return { ...prefixed, title, recognised: true };
      return { source, outlet: this.outletOf(source), via: null, title, recognised: true };
    }

    const suffix = this.carrierSuffix.exec(h);
    if (suffix) {
      const base = suffix[1] ?? '';
      return {
        source: collapse(suffix[0]),
        outlet: this.outletOf(base),
        via: this.viaOf(suffix[2] ?? ''),
        title: collapse(h.slice(suffix[0].length)),
        recognised: true,
      };
    }

    const prefixed = this.carrierPrefix(h);
    if (prefixed) return { ...prefixed, title: collapse(h.slice(prefixed.length)), recognised: true };

    const known = this.knownPrefix(h);
    if (known !== undefined) {
      return { source: collapse(h.slice(0, known.length)), outlet: known.outlet, via: null, title: collapse(h.slice(known.length)), recognised: true };
    }

    const worded = outletWordPrefix(h);
    if (worded > 0) {
      const source = collapse(h.slice(0, worded));
      return { source, outlet: this.outletOf(source), via: null, title: collapse(h.slice(worded)), recognised: true };
    }

    // Nothing matched: the first word is the best guess, and the caller reports it.
    const m = /^\S+/.exec(h);
    const first = m ? m[0] : '';
    return { source: first, outlet: first, via: null, title: collapse(h.slice(first.length)), recognised: false };
  }

  /**
   * Whether a line is a source and nothing else: a carrier (`Yahoo`), a known
   * or outlet-worded name (`共同通信`), or `NAME (CARRIER)`. Such a line after a
   * finished record is a header fragment, not more of the summary.
   */
  isSourceOnly(text: string): boolean {
    if (text.length > 80) return false;
    const t = collapse(text);
    if (t === '') return false;
    if (this.carriers.some((c) => c.text === t)) return true;
    if (this.knownPrefix(t)?.length === t.length) return true;
    const suffix = this.carrierSuffix.exec(t);
    return suffix !== null && suffix[0].length === t.length;
  }

  private viaOf(carrier: string): string {
    const c = this.carriers.find((x) => x.text === carrier);
    return c ? c.via : carrier;
  }

  /** `Yahoo 時事通信記事`: a carrier, a space, then a known or outlet-worded name. */
  private carrierPrefix(h: string): { source: string; outlet: string; via: string; length: number } | undefined {
    for (const c of this.carriers) {
      if (!h.startsWith(c.text) || !SPACE.test(h.charAt(c.text.length))) continue;
      const rest = h.slice(c.text.length).replace(/^[ \u3000]+/, '');
      const skipped = h.length - c.text.length - rest.length;
      const known = this.knownPrefix(rest);
      const len = known !== undefined ? known.length : outletWordPrefix(rest);
      if (len <= 0) continue;
      const total = c.text.length + skipped + len;
      const name = rest.slice(0, len);
      return { source: collapse(h.slice(0, total)), outlet: this.outletOf(name), via: c.via, length: total };
    }
    return undefined;
  }

  /** The longest known alias at the start of `h`, with any outlet suffix, ending at a word boundary. */
  private knownPrefix(h: string): { length: number; outlet: string } | undefined {
    for (const a of this.aliases) {
      if (!h.startsWith(a.text)) continue;
      let end = a.text.length;
      const suf = OUTLET_SUFFIX.exec(h.slice(end, end + 24));
      if (suf) end += suf[0].length;
      const next = h.charAt(end);
      if (next === '' || SPACE.test(next)) return { length: end, outlet: a.outlet };
    }
    return undefined;
  }
}

/**
 * Length of a prefix that ends in an outlet word: one Japanese token (`東京新聞`)
 * or up to five latin words (`South China Morning Post`). 0 when there is none,
 * or when nothing would be left for the title.
 */
function outletWordPrefix(h: string): number {
  const words = /[^ \t\u3000\x1f]+/g;
  let m: RegExpExecArray | null;
  for (let n = 0; n < 5 && (m = words.exec(h)) !== null; n++) {
    const word = m[0];
    const end = m.index + word.length;
    if (OUTLET_WORD.test(word.slice(-OUTLET_WORD_TAIL))) return h.slice(end).trim() === '' ? 0 : end;
    if (!LATIN_TOKEN.test(word)) return 0;
  }
  return 0;
}

/**
 * `テレ朝 News` → `テレ朝`: suffix words, each maybe after one space, cut from
 * the end. A walk back from the end, because `(?:…)+$` as a regex is tried
 * from every offset and is quadratic on `NewsNewsNews…x`. No suffix word ends
 * another, so at most one matches at each step.
 */
function stripTrailingSuffixes(name: string): string {
  let end = name.length;
  for (;;) {
    const word = SUFFIX_LIST.find((w) => name.endsWith(w, end));
    if (word === undefined) return name.slice(0, end);
    end -= word.length;
    const c = name.charAt(end - 1);
    if (c === ' ' || c === '\u3000') end--;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
