import type { Output } from './output';
import { truncate } from './table';

export interface Progress {
  /** one case finished; `line` says which and how */
  step(line: string): void;
  done(): void;
}

export function renderBar(done: number, total: number, width: number): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${String(pct).padStart(3)}%`;
}

/**
 * Progress of a long run on stderr: a bar redrawn in place when stderr is a terminal; otherwise one
 * plain line per case (logs and CI keep them), except with --json, where stderr is reserved for the
 * error document a script may parse.
 */
export function progress(total: number, out: Output): Progress {
  let done = 0;
  const stderr = out.stderr;
  if (stderr.isTTY) {
    const width = Math.max(10, Math.min(30, (stderr.columns ?? 80) - 50));
    const draw = (line: string) =>
      stderr.write(
        `\r\x1b[2K${renderBar(done, total, width)}  ${truncate(line, Math.max(10, (stderr.columns ?? 80) - width - 20))}`,
      );
    draw('');
    return {
      step(line) {
        done++;
        draw(line);
      },
      done() {
        stderr.write('\n');
      },
    };
  }
  return {
    step(line) {
      done++;
      if (!out.json) stderr.write(`[${done}/${total}] ${line}\n`);
    },
    done() {},
  };
}
