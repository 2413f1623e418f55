import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';

describe('public API', () => {
  it('exports exactly these names', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'BUILTIN_OUTLETS',
        'DEFAULT_BOOSTS',
        'DIAGNOSTIC_CODES',
        'DigestIndex',
        'DigestIndexError',
        'DigestParseError',
        'DigestRecord',
        'RelatedRef',
        'Span',
        'addRecords',
        'buildIndex',
        'buildIndexAsync',
        'escapeHtml',
        'loadIndex',
        'loadIndexAsync',
        'normalizeText',
        'parseDigest',
        'removeRecords',
        'search',
        'searchPage',
        'segment',
        'serializeIndex',
        'toRecord',
        'tokenize',
        'upsertRecords',
      ].sort(),
    );
  });

  it('keeps the contract names callable', () => {
    for (const name of ['parseDigest', 'buildIndex', 'search', 'serializeIndex', 'loadIndex'] as const) {
      expect(typeof api[name]).toBe('function');
    }
  });
});
