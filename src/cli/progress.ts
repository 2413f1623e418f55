/**
 * A one-line progress display on stderr, redrawn in place. It is for a
 * person watching a long run, so it stays silent unless stderr is a terminal
 * (a log file or a pipe would only collect carriage returns).
 */

export interface Progress {
  /** `force` for a new phase, which must show even right after another update. */
  update(text: string, force?: boolean): void;
  done(): void;
}

const SILENT: Progress = { update: () => undefined, done: () => undefined };

/** More than this many files, or bytes, is worth a progress line. */
export const PROGRESS_FILES = 5;
export const PROGRESS_BYTES = 1024 * 1024;

export function createProgress(stream: NodeJS.WriteStream, files: number, bytes: number): Progress {
  if (!stream.isTTY || (files <= PROGRESS_FILES && bytes <= PROGRESS_BYTES)) return SILENT;
  let last = 0;
  let shown = false;
  return {
    update(text, force = false) {
      const now = Date.now();
      // Redrawing for each of thousands of small files would cost more than the parse.
      if (shown && !force && now - last < 50) return;
      last = now;
      shown = true;
      stream.write(`\r\u001b[2K${text}`);
    },
    done() {
      if (shown) stream.write('\r\u001b[2K');
      shown = false;
    },
  };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
