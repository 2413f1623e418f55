/**
 * Fast, exact reimplementation of TinySegmenter 0.2 (`tiny-segmenter`).
 *
 * The package scores every position by concatenating strings and looking
 * them up in ~40 plain objects, which allocates heavily and runs at under
 * 1 MB/s. We keep its model as the single source of truth (the weights are
 * read from a live `TinySegmenter` instance, never copied here) and compile
 * it once into integer-indexed typed arrays so that scoring is pure array
 * arithmetic over a sliding window.
 *
 * Faithfulness notes (the reasons behind the less obvious choices below):
 * - The package splits input with `split("")`, i.e. by UTF-16 code unit, and
 *   classifies each code unit with non-unicode regexes (first match wins,
 *   else "O"); we therefore work on `charCodeAt` and classify through a
 *   65536-entry table built by applying the package's own regexes to every
 *   code unit.
 * - Its keys are plain string concatenations of "pieces" (a code unit or one
 *   of the padding markers B3 B2 B1 E1 E2 E3), so a key like "B1あ" can be
 *   produced by more than one piece sequence. We expand every table key into
 *   all piece sequences whose concatenation equals it, which makes a lookup by
 *   piece ids equivalent to the package's lookup by concatenated string.
 *   Keys that no piece sequence can produce (e.g. "ｸﾞ" in UW3, "市" in BW3)
 *   simply never match, exactly as in the package.
 * - `ts_` maps any falsy value to 0. Concatenated keys are at most 6 code
 *   units long, so they can never hit an inherited Object.prototype name.
 */
import TinySegmenter from 'tiny-segmenter';
import { checkText } from '../validate.js';

type Table = Readonly<Record<string, unknown>>;

interface CompiledModel {
  /** code unit -> piece id (0 = appears in no word-table key). */
  readonly charId: Uint16Array;
  /** code unit -> ctype code (0 = "O"). */
  readonly ctypeOf: Uint8Array;
  /** Number of piece ids (row width of the pair/triple tables). */
  readonly m: number;
  readonly uw: readonly [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
  /** (id_a * m + id_b) -> pair index (0 = no feature). */
  readonly pairIndex: Uint16Array;
  /** (pairIndex * m + id_c) -> triple index (0 = no feature). */
  readonly tripleIndex: Uint16Array;
  readonly bw: readonly [Int32Array, Int32Array, Int32Array];
  readonly tw: readonly [Int32Array, Int32Array, Int32Array, Int32Array];
  /** Features on p1 (with p2, p3, c1), indexed by p1 p2 p3 c1 (2+2+2+3 bits). */
  readonly firstScore: Int32Array;
  /** BIAS + remaining features on p2, p3 and c1..c4, indexed by p2 p3 c1 c2 c3 c4 (2+2+3*4 bits). */
  readonly headScore: Int32Array;
  /** Remaining ctype features (those touching c5 or c6), indexed by c3..c6. */
  readonly tailScore: Int32Array;
}

const MARKERS = ['B3', 'B2', 'B1', 'E1', 'E2', 'E3'] as const;
// Piece ids 1..6 are the markers in MARKERS order; code units start at 7.
const ID_B3 = 1;
const ID_B2 = 2;
const ID_B1 = 3;
const ID_E1 = 4;
const FIRST_CHAR_ID = MARKERS.length + 1;
// p values in the package: "U" (unknown, start), "O" (no break), "B" (break).
const P_LETTERS = ['U', 'O', 'B'] as const;
const P_O = 1;
const P_B = 2;
const P_BITS = 2;
const CTYPE_BITS = 3;
const CTYPE_WINDOW_MASK = (1 << (6 * CTYPE_BITS)) - 1;

let compiled: CompiledModel | undefined;
// Reused buffer for cut offsets; inputs longer than MAX_SCRATCH get their own.
const MAX_SCRATCH = 1 << 20;
let scratch = new Int32Array(256);

function tableOf(inst: Record<string, unknown>, name: string): Table {
  const t = inst[name];
  if (t === null || typeof t !== 'object') {
    throw new Error(`tiny-segmenter: missing model table ${name}`);
  }
  return t as Table;
}

/** `ts_(table[key])`, refusing values whose arithmetic we would not reproduce. */
function weight(table: Table, key: string): number {
  const v = table[key];
  if (!v) return 0;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || Math.abs(v) > 0x3fffff) {
    throw new Error(`tiny-segmenter: unsupported weight ${String(v)} for ${JSON.stringify(key)}`);
  }
  return v;
}

/** All ways to write `key` as exactly `k` pieces (single code units or markers). */
function pieceSplits(key: string, k: number): string[][] {
  if (k === 0) return key.length === 0 ? [[]] : [];
  if (key.length < k) return [];
  const out: string[][] = [];
  for (const rest of pieceSplits(key.slice(1), k - 1)) out.push([key.slice(0, 1), ...rest]);
  const head = key.slice(0, 2);
  if ((MARKERS as readonly string[]).includes(head)) {
    for (const rest of pieceSplits(key.slice(2), k - 1)) out.push([head, ...rest]);
  }
  return out;
}

/**
 * Fast path for the char-type table: one global scan per pattern over a
 * string of all 65536 code units instead of 65536 `ctype_` calls (saves
 * ~20 ms of start-up). Only valid when every pattern is a lone flag-less
 * bracket class: then whether code unit k matches depends on k alone, as
 * when `ctype_` tests it in isolation. Returns false otherwise so the caller
 * falls back to `ctype_`.
 */
function classifyByScan(chartype: unknown, out: Uint8Array, codeOf: (letter: string) => number): boolean {
  if (!Array.isArray(chartype)) return false;
  const rules: [RegExp, number][] = [];
  // `ctype_` walks the array with for-in and the first match wins.
  for (const k in chartype) {
    const entry: unknown = chartype[k];
    if (!Array.isArray(entry)) return false;
    const [re, letter] = entry as unknown[];
    if (!(re instanceof RegExp) || typeof letter !== 'string') return false;
    if (re.flags !== '' || !/^\[(?:[^\\\]\[]|\\.)*\]$/.test(re.source)) return false;
    rules.push([new RegExp(`${re.source}+`, 'g'), codeOf(letter)]);
  }
  const units = new Uint16Array(65536);
  for (let cu = 0; cu < 65536; cu++) units[cu] = cu;
  let all = '';
  for (let cu = 0; cu < 65536; cu += 4096) {
    all += String.fromCharCode.apply(null, units.subarray(cu, cu + 4096) as unknown as number[]);
  }
  const seen = new Uint8Array(65536);
  for (const [re, code] of rules) {
    // `[...]+` yields maximal runs of members, so there are few matches.
    for (const match of all.matchAll(re)) {
      for (let cu = match.index; cu < match.index + match[0].length; cu++) {
        if (!seen[cu]) {
          seen[cu] = 1;
          out[cu] = code;
        }
      }
    }
  }
  return true;
}

function compile(): CompiledModel {
  const inst = new TinySegmenter() as unknown as Record<string, unknown> & {
    ctype_(s: string): string;
    chartype_: unknown;
  };

  // --- char types: the package's own regexes, applied to every code unit --
  const ctypeLetters: string[] = ['O'];
  const ctypeOf = new Uint8Array(65536);
  const codeOf = (letter: string): number => {
    const code = ctypeLetters.indexOf(letter);
    return code >= 0 ? code : ctypeLetters.push(letter) - 1;
  };
  if (!classifyByScan(inst.chartype_, ctypeOf, codeOf)) {
    for (let cu = 0; cu < 65536; cu++) ctypeOf[cu] = codeOf(inst.ctype_(String.fromCharCode(cu)));
  }
  if (ctypeLetters.length > 1 << CTYPE_BITS) throw new Error('tiny-segmenter: too many char types');

  // --- word tables: piece sequences -> integer ids ------------------------
  interface Feature {
    readonly ids: number[];
    readonly weight: number;
  }
  const charId = new Uint16Array(65536);
  let m = FIRST_CHAR_ID;
  const idOf = (piece: string): number => {
    const mi = (MARKERS as readonly string[]).indexOf(piece);
    if (mi >= 0) return mi + 1;
    const cu = piece.charCodeAt(0);
    if (charId[cu] === 0) charId[cu] = m++;
    return charId[cu] as number;
  };
  const features = (prefix: string, count: number, pieces: number): Feature[][] =>
    Array.from({ length: count }, (_, t) => {
      const table = tableOf(inst, `${prefix}${t + 1}__`);
      return Object.keys(table).flatMap((key) => {
        const wt = weight(table, key);
        return wt === 0 ? [] : pieceSplits(key, pieces).map((s) => ({ ids: s.map(idOf), weight: wt }));
      });
    });
  const uwFeatures = features('UW', 6, 1);
  const bwFeatures = features('BW', 3, 2);
  const twFeatures = features('TW', 4, 3);
  if (m * m > 0x7fffffff) throw new Error('tiny-segmenter: model vocabulary too large');
  const id = (f: Feature, k: number): number => f.ids[k] ?? 0;

  const uw = uwFeatures.map((fs) => {
    const arr = new Int32Array(m);
    for (const f of fs) arr[id(f, 0)] = f.weight;
    return arr;
  });

  // Pairs include every triple prefix so one pair index drives both lookups.
  const pairIndex = new Uint16Array(m * m);
  let pairs = 1;
  const pairOf = (f: Feature): number => {
    const slot = id(f, 0) * m + id(f, 1);
    if (pairIndex[slot] === 0) pairIndex[slot] = pairs++;
    return pairIndex[slot] as number;
  };
  for (const fs of [...bwFeatures, ...twFeatures]) for (const f of fs) pairOf(f);
  if (pairs > 0xffff) throw new Error('tiny-segmenter: too many bigram features');
  const bw = bwFeatures.map((fs) => {
    const arr = new Int32Array(pairs);
    for (const f of fs) arr[pairOf(f)] = f.weight;
    return arr;
  });

  const tripleIndex = new Uint16Array(pairs * m);
  let triples = 1;
  const tripleOf = (f: Feature): number => {
    const slot = pairOf(f) * m + id(f, 2);
    if (tripleIndex[slot] === 0) tripleIndex[slot] = triples++;
    return tripleIndex[slot] as number;
  };
  for (const fs of twFeatures) for (const f of fs) tripleOf(f);
  if (triples > 0xffff) throw new Error('tiny-segmenter: too many trigram features');
  const tw = twFeatures.map((fs) => {
    const arr = new Int32Array(triples);
    for (const f of fs) arr[tripleOf(f)] = f.weight;
    return arr;
  });

  // --- ctype / previous-decision features ---------------------------------
  // Each small table is first evaluated with the package's own literal key
  // concatenation (so its key spelling carries over), over every combination
  // of its letters; the results are then summed into two flat tables.
  // Slot layout: 3 bits per letter, first letter most significant.
  const small = (name: string, alphabets: readonly (readonly string[])[]): Int32Array => {
    const table = tableOf(inst, name);
    const out = new Int32Array(1 << (CTYPE_BITS * alphabets.length));
    const fill = (k: number, slot: number, key: string): void => {
      const alphabet = alphabets[k];
      if (!alphabet) {
        out[slot] = weight(table, key);
        return;
      }
      alphabet.forEach((letter, x) => fill(k + 1, (slot << CTYPE_BITS) | x, key + letter));
    };
    fill(0, 0, '');
    return out;
  };
  const C = ctypeLetters;
  const Pl = P_LETTERS;
  const [uc1, uc2, uc3, uc4, uc5, uc6] = [1, 2, 3, 4, 5, 6].map((t) => small(`UC${t}__`, [C]));
  const [bc1, bc2, bc3] = [1, 2, 3].map((t) => small(`BC${t}__`, [C, C]));
  const [tc1, tc2, tc3, tc4] = [1, 2, 3, 4].map((t) => small(`TC${t}__`, [C, C, C]));
  const [up1, up2, up3] = [1, 2, 3].map((t) => small(`UP${t}__`, [Pl]));
  const [bp1, bp2] = [1, 2].map((t) => small(`BP${t}__`, [Pl, Pl]));
  const [uq1, uq2, uq3] = [1, 2, 3].map((t) => small(`UQ${t}__`, [Pl, C]));
  const [bq1, bq2, bq3, bq4] = [1, 2, 3, 4].map((t) => small(`BQ${t}__`, [Pl, C, C]));
  const [tq1, tq2, tq3, tq4] = [1, 2, 3, 4].map((t) => small(`TQ${t}__`, [Pl, C, C, C]));
  if (
    !uc1 || !uc2 || !uc3 || !uc4 || !uc5 || !uc6 || !bc1 || !bc2 || !bc3 || !tc1 || !tc2 || !tc3 || !tc4 ||
    !up1 || !up2 || !up3 || !bp1 || !bp2 || !uq1 || !uq2 || !uq3 || !bq1 || !bq2 || !bq3 || !bq4 ||
    !tq1 || !tq2 || !tq3 || !tq4
  ) {
    throw new Error('tiny-segmenter: incomplete model');
  }
  const at = (arr: Int32Array, slot: number): number => arr[slot] as number;
  const bias = inst['BIAS__'];
  if (typeof bias !== 'number' || !Number.isSafeInteger(bias)) throw new Error('tiny-segmenter: bad BIAS__');

  // Split so that both tables stay small: everything that needs c1..c4 (and
  // the previous decisions) goes into `headScore`, the rest into `tailScore`.
  const nc = C.length;
  const tailScore = new Int32Array(1 << (4 * CTYPE_BITS));
  for (let c3 = 0; c3 < nc; c3++)
    for (let c4 = 0; c4 < nc; c4++)
      for (let c5 = 0; c5 < nc; c5++)
        for (let c6 = 0; c6 < nc; c6++) {
          tailScore[(c3 << 9) | (c4 << 6) | (c5 << 3) | c6] =
            at(uc5, c5) + at(uc6, c6) + at(bc3, (c4 << 3) | c5) +
            at(tc3, (c3 << 6) | (c4 << 3) | c5) + at(tc4, (c4 << 6) | (c5 << 3) | c6);
        }

  // p1 only meets c1, so it lives in a tiny separate table; that keeps the
  // (cold, one-off) loop below at 9 * nc^4 iterations instead of 27 * nc^4.
  const firstScore = new Int32Array(1 << (3 * P_BITS + CTYPE_BITS));
  for (let p1 = 0; p1 < 3; p1++)
    for (let p2 = 0; p2 < 3; p2++)
      for (let p3 = 0; p3 < 3; p3++)
        for (let c1 = 0; c1 < nc; c1++) {
          firstScore[(((((p1 << P_BITS) | p2) << P_BITS) | p3) << CTYPE_BITS) | c1] =
            at(up1, p1) + at(up2, p2) + at(up3, p3) + at(bp1, (p1 << 3) | p2) + at(bp2, (p2 << 3) | p3) +
            at(uq1, (p1 << 3) | c1);
        }

  const headScore = new Int32Array(1 << (2 * P_BITS + 4 * CTYPE_BITS));
  // Partial sums are hoisted to the loop level where they become fixed.
  for (let p2 = 0; p2 < 3; p2++)
    for (let p3 = 0; p3 < 3; p3++) {
      const p23 = (p2 << P_BITS) | p3;
      for (let c1 = 0; c1 < nc; c1++) {
        const s1 = bias + at(uc1, c1);
        for (let c2 = 0; c2 < nc; c2++) {
          const s2 = s1 + at(uc2, c2) + at(uq2, (p2 << 3) | c2);
          for (let c3 = 0; c3 < nc; c3++) {
            const c23 = (c2 << 3) | c3;
            const c123 = (c1 << 6) | c23;
            const s3 =
              s2 + at(uc3, c3) + at(bc1, c23) + at(tc1, c123) + at(uq3, (p3 << 3) | c3) +
              at(bq1, (p2 << 6) | c23) + at(bq3, (p3 << 6) | c23) +
              at(tq1, (p2 << 9) | c123) + at(tq3, (p3 << 9) | c123);
            for (let c4 = 0; c4 < nc; c4++) {
              const c34 = (c3 << 3) | c4;
              const c234 = (c2 << 6) | c34;
              headScore[(p23 << 12) | (c123 << 3) | c4] =
                s3 + at(uc4, c4) + at(bc2, c34) + at(tc2, c234) +
                at(bq2, (p2 << 6) | c34) + at(bq4, (p3 << 6) | c34) +
                at(tq2, (p2 << 9) | c234) + at(tq4, (p3 << 9) | c234);
            }
          }
        }
      }
    }

  const [uw1, uw2, uw3, uw4, uw5, uw6] = uw;
  const [bw1, bw2, bw3] = bw;
  const [tw1, tw2, tw3, tw4] = tw;
  if (!uw1 || !uw2 || !uw3 || !uw4 || !uw5 || !uw6 || !bw1 || !bw2 || !bw3 || !tw1 || !tw2 || !tw3 || !tw4) {
    throw new Error('tiny-segmenter: incomplete model');
  }
  return {
    charId,
    ctypeOf,
    m,
    uw: [uw1, uw2, uw3, uw4, uw5, uw6],
    pairIndex,
    tripleIndex,
    bw: [bw1, bw2, bw3],
    tw: [tw1, tw2, tw3, tw4],
    firstScore,
    headScore,
    tailScore,
  };
}

/**
 * Split Japanese text into words, token for token identical to
 * `new TinySegmenter().segment(text)` from `tiny-segmenter`.
 */
export function segment(text: string): string[] {
  if (typeof text !== 'string') checkText('segment', text);
  const n = text.length;
  if (n === 0) return [];
  const model = (compiled ??= compile());
  const { charId, ctypeOf, m, pairIndex, tripleIndex, firstScore, headScore, tailScore } = model;
  const [uw1, uw2, uw3, uw4, uw5, uw6] = model.uw;
  const [bw1, bw2, bw3] = model.bw;
  const [tw1, tw2, tw3, tw4] = model.tw;

  // The package pads the input as [B3 B2 B1 c0 .. c(n-1) E1 E2 E3]; position
  // j of that padded sequence is the code unit j-3. Markers have ctype "O" (0).
  const idAt = (j: number): number =>
    j < 3 ? j + 1 : j < n + 3 ? (charId[text.charCodeAt(j - 3)] as number) : j - n - 3 + ID_E1;
  const ctAt = (j: number): number => (j >= 3 && j < n + 3 ? (ctypeOf[text.charCodeAt(j - 3)] as number) : 0);
  const pairAt = (a: number, b: number): number => pairIndex[a * m + b] as number;
  const tripleAt = (pair: number, c: number): number => tripleIndex[pair * m + c] as number;

  // Sliding window primed as if for position i = 3 (seg[0..5]); each step
  // shifts in seg[i+2] so every position is classified exactly once.
  let a1 = ID_B3;
  let a2 = ID_B2;
  let a3 = ID_B1;
  let a4 = idAt(3);
  let a5 = idAt(4);
  let a6 = idAt(5);
  let pb1 = pairAt(ID_B2, ID_B1); // pair starting at seg[1]
  let pb2 = pairAt(ID_B1, a4); // seg[2]
  let pb3 = pairAt(a4, a5); // seg[3]
  let tr1 = tripleAt(pairAt(ID_B3, ID_B2), ID_B1); // triple starting at seg[0]
  let tr2 = tripleAt(pb1, a4);
  let tr3 = tripleAt(pb2, a5);
  let tr4 = tripleAt(pb3, a6);
  let cw = (ctAt(3) << 6) | (ctAt(4) << 3) | ctAt(5); // c1..c6, 3 bits each
  let pp = 0; // p1 p2 p3, 2 bits each; starts as U U U
  // Cut offsets are collected first so the result array can be allocated at
  // its final size; building it is the dominant cost on long inputs.
  const cuts =
    n <= scratch.length
      ? scratch
      : n <= MAX_SCRATCH
        ? (scratch = new Int32Array(Math.min(MAX_SCRATCH, Math.max(n, scratch.length * 2))))
        : new Int32Array(n);
  let nCuts = 0;
  for (let i = 4; i < n + 3; i++) {
    a1 = a2;
    a2 = a3;
    a3 = a4;
    a4 = a5;
    a5 = a6;
    a6 = idAt(i + 2);
    pb1 = pb2;
    pb2 = pb3;
    pb3 = pairAt(a4, a5);
    tr1 = tr2;
    tr2 = tr3;
    tr3 = tr4;
    tr4 = tripleAt(pb3, a6);
    cw = ((cw << CTYPE_BITS) | ctAt(i + 2)) & CTYPE_WINDOW_MASK;
    const score =
      (uw1[a1] as number) + (uw2[a2] as number) + (uw3[a3] as number) +
      (uw4[a4] as number) + (uw5[a5] as number) + (uw6[a6] as number) +
      (bw1[pb1] as number) + (bw2[pb2] as number) + (bw3[pb3] as number) +
      (tw1[tr1] as number) + (tw2[tr2] as number) + (tw3[tr3] as number) + (tw4[tr4] as number) +
      (firstScore[(pp << CTYPE_BITS) | (cw >>> 15)] as number) +
      (headScore[((pp & 0xf) << 12) | (cw >>> 6)] as number) +
      (tailScore[cw & 0xfff] as number);
    let p = P_O;
    if (score > 0) {
      cuts[nCuts++] = i - 3;
      p = P_B;
    }
    pp = ((pp << P_BITS) | p) & 0x3f;
  }
  const out = new Array<string>(nCuts + 1);
  let start = 0;
  for (let k = 0; k < nCuts; k++) {
    const end = cuts[k] as number;
    out[k] = text.slice(start, end);
    start = end;
  }
  out[nCuts] = text.slice(start);
  return out;
}
