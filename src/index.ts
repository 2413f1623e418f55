export { parseDigest } from './parse/parse.js';
export type { ParseOptions, ParseResult } from './parse/parse.js';
export { BUILTIN_OUTLETS } from './parse/source.js';
export type { OutletSpec } from './parse/source.js';
export { DigestRecord, RelatedRef, Span } from './schema.js';
export { DIAGNOSTIC_CODES, DigestParseError } from './diagnostics.js';
export type { Diagnostic, DiagnosticCode, Severity } from './diagnostics.js';
