/**
 * A generated digest of records without IDs, one per line
 * (`2025.04.05 17:54 共同通信 見出しN 本文N。`), every record distinct. The
 * shape of issue 10's quadratic-CLI repro: each record gets a generated
 * `noid-` ID, which never occurs in the text.
 */
export function noIdDigest(minBytes: number): string {
  const lines: string[] = [];
  let bytes = 0;
  for (let n = 0; bytes < minBytes; n++) {
    const line = `2025.04.05 17:54 共同通信 見出し${n} 本文${n}。\n`;
    lines.push(line);
    bytes += Buffer.byteLength(line);
  }
  return lines.join('');
}
