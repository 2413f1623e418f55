// A deterministic synthetic digest made from the real fixture's material: its
// titles, sentences and sources recombined, with unique, consistent IDs.
import { readFileSync } from 'node:fs';

/** mulberry32: a small seeded PRNG, so every run makes the same digest. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** Splits the seed into its parts without the parser: titles, sentences, sources. */
export function material(seedText) {
  const body = seedText.replace(/\n[^]*$/, '');
  const parts = body.split(/(?=\d{4}[.:]\d{2}[.:]\d{2} )/).slice(1);
  const titles = [];
  const sentences = [];
  const sources = new Set();
  for (const p of parts) {
    const m = /^\S+ (?:\d\d:\d\d )?(.*?) <\d{4}-\d{6}> (.*)$/s.exec(p.trim());
    if (!m) continue;
    const head = m[1];
    const src = /^(.*?\))|^(\S+ \S+記事)|^(Jane's 360)|^(\S+)/.exec(head);
    const source = (src?.[1] ?? src?.[2] ?? src?.[3] ?? src?.[4] ?? '').trim();
    sources.add(source);
    titles.push(head.slice(source.length).trim());
    for (const s of m[2].split(/(?<=。)\s*/)) if (s.trim()) sentences.push(s.trim().replace(/\/td>$/, ''));
  }
  return { titles, sentences, sources: [...sources] };
}

/** `n` records, newest first like the real digest, one per line. */
export function syntheticDigest(n, seedText = readFileSync(new URL('../fixtures/seed-digest.txt', import.meta.url), 'utf8'), seed = 42) {
  const { titles, sentences, sources } = material(seedText);
  const rand = rng(seed);
  const pick = (arr) => arr[Math.floor(rand() * arr.length)];
  const lines = ['年 月 日 出 典 標 題 要 旨'];
  // About ten records a day, walking back from 2025-06-30.
  let day = Date.UTC(2025, 5, 30);
  let seq = 0;
  for (let i = 0; i < n; i++) {
    if (seq >= 10 || (seq > 0 && rand() < 0.15)) {
      day -= 86400000;
      seq = 0;
    }
    seq++;
    const d = new Date(day);
    const y = d.getUTCFullYear();
    const mo = d.getUTCMonth() + 1;
    const da = d.getUTCDate();
    const digest = new Date(Date.UTC(y, mo, 1)); // the digest of the following month
    const id = `${pad(digest.getUTCFullYear() % 100)}${pad(digest.getUTCMonth() + 1)}-${pad(mo)}${pad(da)}${pad(seq)}`;
    const time = rand() < 0.85 ? ` ${pad(Math.floor(rand() * 24))}:${pad(Math.floor(rand() * 60))}` : '';
    const count = 2 + Math.floor(rand() * 5);
    const summary = Array.from({ length: count }, () => pick(sentences)).join(' ');
    lines.push(`${y}.${pad(mo)}.${pad(da)}${time} ${pick(sources)} ${pick(titles)} <${id}> ${summary}`);
  }
  return `${lines.join('\n')}\n`;
}
