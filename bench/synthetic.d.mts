/** Types for synthetic.mjs, which the tests import too. */
export function rng(seed: number): () => number;
export function material(seedText: string): { titles: string[]; sentences: string[]; sources: string[] };
export function syntheticDigest(n: number, seedText?: string, seed?: number): string;
