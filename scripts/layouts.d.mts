/** Types for scripts/layouts.mjs (used by test/layouts.property.test.ts). */
export interface SplitRecord {
  line: string;
  year: number;
  month: number;
  day: number;
  date: string;
  time: string | null;
  source: string;
  title: string;
  id: string;
  summary: string;
}
export declare const SEED_SOURCES: readonly string[];
export declare function splitDigest(text: string, sources?: readonly string[]): { header: string | null; records: SplitRecord[]; trailer: string[] };
export declare function toFullWidth(text: string): string;
export declare function joinsWithoutSpace(before: string, after: string): boolean;
export declare function wrap(text: string, width: number): string;
export declare function cut(text: string, width: number, eol?: string): string;
export declare function japaneseHeader(record: SplitRecord, form: number): string;
export declare function withJapaneseDates(text: string, form?: number | null): string;
export declare function random(seed: number): () => number;
export interface CsvOptions {
  delimiter?: ',' | '\t' | ';';
  columns?: 'split' | 'seed' | 'id-last' | 'id-first';
  header?: 'ja' | 'en' | null;
  quote?: 'needed' | 'all' | 'random';
  bareId?: boolean;
  eol?: '\r\n' | '\n';
  bom?: boolean;
  breaks?: boolean;
  trailer?: boolean;
  japanese?: boolean;
  seed?: number;
}
export declare function toCsv(text: string, options?: CsvOptions): string;
export interface MarkdownOptions {
  columns?: 'seed' | 'split';
  header?: 'ja' | 'en' | null;
  outer?: boolean;
  trailer?: boolean;
  japanese?: boolean;
  seed?: number;
}
export declare function toMarkdown(text: string, options?: MarkdownOptions): string;
