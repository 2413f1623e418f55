import { z } from 'zod';

/** A cross-reference read from `【関連記事:2306-050317 (時事 2023.05.03)】`. */
export const RelatedRef = z.object({
  id: z.string(),
  source: z.string().optional(),
  date: z.string().optional(),
});
export type RelatedRef = z.infer<typeof RelatedRef>;

/** UTF-16 offsets into the original input: `start` inclusive, `end` exclusive. */
export const Span = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Span = z.infer<typeof Span>;

/** One digest entry. `source`, `title` and `summary` keep the text as written, whitespace collapsed. */
export const DigestRecord = z.object({
  id: z.string().min(1),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  time: z.string().regex(/^\d{2}:\d{2}$/).nullable(),
  source: z.string(),
  outlet: z.string(),
  via: z.string().nullable(),
  title: z.string(),
  summary: z.string(),
  related: z.array(RelatedRef),
  notes: z.array(z.string()),
  position: Span,
});
export type DigestRecord = z.infer<typeof DigestRecord>;
