import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../harness/paths';

const READY = /secondment engine is up/;

/**
 * `npm start`'s entry point (`tsx stack/start.ts`: worker and API in one process) as a child of
 * the test, against an existing Temporal (TEMPORAL_ADDRESS) — the process a database outage once
 * killed. Its output is kept line by line (and in a log file); an exit is recorded, never hidden.
 */
export class StackProcess {
  private child: ChildProcess | null = null;
  private readonly log: WriteStream;
  readonly lines: string[] = [];
  exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  private exited: Promise<void> = Promise.resolve();

  constructor(private readonly opts: { env: NodeJS.ProcessEnv; logFile: string; readyTimeoutMs?: number }) {
    this.log = createWriteStream(opts.logFile, { flags: 'a' });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['stack/start.ts'], {
      cwd: ROOT,
      env: this.opts.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let buffered = '';
    let ready = false;
    const readyOrExit = new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        this.log.write(chunk);
        buffered += chunk.toString();
        const parts = buffered.split('\n');
        buffered = parts.pop() ?? '';
        this.lines.push(...parts);
        if (!ready && parts.some((l) => READY.test(l))) {
          ready = true;
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code, signal) =>
        reject(new Error(`stack exited (code ${code}, signal ${signal}) before it was up:\n${this.tail()}`)),
      );
    });
    this.exited = new Promise<void>((resolve) =>
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        this.child = null;
        resolve();
      }),
    );
    const timeoutMs = this.opts.readyTimeoutMs ?? 120_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        readyOrExit,
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`stack not up after ${timeoutMs} ms:\n${this.tail()}`)),
            timeoutMs,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  tail(n = 40): string {
    return this.lines.slice(-n).join('\n');
  }

  /** Ctrl-C as `npm start` gets it: SIGINT to the group, then whatever is left is killed. */
  async stop(timeoutMs = 30_000): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    const pgid = child.pid;
    try {
      process.kill(-pgid, 'SIGINT');
    } catch {
      // already gone
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.exited,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // the group is gone
    }
    await this.exited;
    await new Promise<void>((resolve) => this.log.end(resolve));
  }
}
