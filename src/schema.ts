// zod/mini: the same schemas as `zod`, tree-shakable, so browsers do not download all of zod.
import * as z from 'zod/mini';

/** A cross-reference read from `【関連記事:2306-050317 (時事 2023.05.03)】`. */
export const RelatedRef = z.object({
  id: z.string(),
  source: z.optional(z.string()),
  date: z.optional(z.string()),
});
export type RelatedRef = z.infer<typeof RelatedRef>;

/** UTF-16 offsets into the original input: `start` inclusive, `end` exclusive. */
export const Span = z.object({
  start: z.int().check(z.nonnegative()),
  end: z.int().check(z.nonnegative()),
});
export type Span = z.infer<typeof Span>;

/** One digest entry. `source`, `title` and `summary` keep the text as written, whitespace collapsed. */
export const DigestRecord = z.object({
  id: z.string().check(z.minLength(1)),
  date: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  time: z.nullable(z.string().check(z.regex(/^\d{2}:\d{2}$/))),
  source: z.string(),
  outlet: z.string(),
  via: z.nullable(z.string()),
  title: z.string(),
  summary: z.string(),
  related: z.array(RelatedRef),
  notes: z.array(z.string()),
  position: Span,
});
export type DigestRecord = z.infer<typeof DigestRecord>;
