/** Why a saved index was refused: see DigestIndexError. */
export type DigestIndexErrorReason = 'foreign' | 'version' | 'truncated' | 'checksum' | 'corrupt';

/**
 * Thrown by `loadIndex` and `loadIndexAsync` for input that is not a whole,
 * valid saved index. `reason` says which check failed: `foreign` (not an index
 * of this library: no JDSX magic, not JSON, another format), `version` (a
 * format version or flags this library does not read), `truncated` (shorter
 * than its header says), `checksum` (bytes changed since it was saved),
 * `corrupt` (well-formed but inconsistent: a record that is not a DigestRecord,
 * a length or number out of range, a repeated ID).
 */
export class DigestIndexError extends Error {
  override readonly name = 'DigestIndexError';
  readonly reason: DigestIndexErrorReason;
  constructor(message: string, reason: DigestIndexErrorReason = 'corrupt') {
    super(message);
    this.reason = reason;
  }
}
