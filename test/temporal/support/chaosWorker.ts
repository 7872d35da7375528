import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../harness/paths';

const READY = /worker polling task queue/;

export interface WorkerProcessOptions {
  /** The complete environment of the child (TEMPORAL_ADDRESS, TEMPORAL_TASK_QUEUE, DATABASE_URL, …). */
  env: NodeJS.ProcessEnv;
  /** Everything the worker prints goes here, one file across all its lives. */
  logFile: string;
  readyTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** True while any process of the group led by `pgid` exists. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is gone already
  }
}

/**
 * The standalone worker process (`tsx worker/main.ts`, the production entry point) as a child
 * that can be SIGKILLed and started again. tsx runs the script in a grandchild node process, so
 * the child leads its own process group and a kill takes the whole group: a "killed" worker must
 * not keep polling from an orphaned grandchild.
 */
export class WorkerProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private intentional = false;
  private closed = false;
  private readonly log: WriteStream;
  /** Set while a restart after an unexpected exit is under way. */
  private recovering: Promise<void> | null = null;
  starts = 0;
  kills = 0;
  unexpectedExits = 0;

  constructor(private readonly opts: WorkerProcessOptions) {
    this.log = createWriteStream(opts.logFile, { flags: 'a' });
  }

  get running(): boolean {
    return this.child !== null;
  }

  private note(line: string): void {
    this.log.write(`${new Date().toISOString()} [chaos] ${line}\n`);
  }

  /** Spawns the worker and waits until it polls; retries a start that dies before it is ready. */
  async up(): Promise<void> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= 5; attempt++) {
      if (this.closed) throw new Error('worker supervisor closed');
      try {
        await this.spawnOnce();
        return;
      } catch (err) {
        lastError = err;
        this.note(`start attempt ${attempt} failed: ${String(err)}`);
        await this.killGroup();
        await sleep(1000 * attempt);
      }
    }
    throw new Error(`worker did not start: ${String(lastError)} (log: ${this.opts.logFile})`);
  }

  private async spawnOnce(): Promise<void> {
    this.intentional = false;
    const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['worker/main.ts'], {
      cwd: ROOT,
      env: this.opts.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.starts += 1;
    this.note(`worker #${this.starts} spawned, pid ${String(child.pid)}`);
    let tail = '';
    let isReady = false;
    const ready = new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        this.log.write(chunk);
        tail = (tail + chunk.toString()).slice(-8000);
        if (!isReady && READY.test(tail)) {
          isReady = true;
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('error', reject);
      child.once('exit', (code, signal) =>
        reject(new Error(`worker exited (code ${code}, signal ${signal}) before it was ready:\n${tail}`)),
      );
    });
    this.exited = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        this.note(`worker pid ${String(child.pid)} exited (code ${code}, signal ${signal})`);
        if (this.child === child) this.child = null;
        // A worker that dies on its own (not killed here) is restarted, as a supervisor would.
        if (isReady && !this.intentional && !this.closed) {
          this.unexpectedExits += 1;
          if (child.pid) signalGroup(child.pid, 'SIGKILL');
          this.recovering = this.up()
            .catch((err: unknown) => this.note(`restart after unexpected exit failed: ${String(err)}`))
            .finally(() => {
              this.recovering = null;
            });
        }
        resolve();
      });
    });
    const timeoutMs = this.opts.readyTimeoutMs ?? 90_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        ready,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`worker not ready after ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Waits for a restart after an unexpected exit, if one is under way. */
  async settled(): Promise<void> {
    while (this.recovering) await this.recovering;
  }

  /** SIGKILL to the whole process group: no shutdown hook, no drain, no goodbye. */
  async kill(): Promise<void> {
    await this.settled();
    if (!this.child) return;
    this.kills += 1;
    this.note(`SIGKILL #${this.kills}`);
    await this.killGroup();
  }

  private async killGroup(): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    this.intentional = true;
    signalGroup(child.pid, 'SIGKILL');
    await this.exited;
    // The grandchild dies with the same signal; give the kernel a moment to reap it.
    for (let i = 0; i < 50 && groupAlive(child.pid); i++) await sleep(100);
  }

  /** Graceful stop (SIGTERM, relayed by tsx): the worker drains and the outbox relay stops. */
  async stop(timeoutMs = 30_000): Promise<void> {
    await this.settled();
    const child = this.child;
    if (!child?.pid) return;
    this.intentional = true;
    this.note('SIGTERM (graceful stop)');
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const graceful = await Promise.race([
      this.exited.then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (!graceful) this.note(`no exit ${timeoutMs} ms after SIGTERM: killing`);
    // Leftovers (esbuild service) go too.
    signalGroup(child.pid, 'SIGKILL');
    await this.exited;
  }

  /** For afterAll: whatever state it is in, nothing of it survives the test. */
  async close(): Promise<void> {
    this.closed = true;
    await this.recovering?.catch(() => undefined);
    await this.killGroup();
    await new Promise<void>((resolve) => this.log.end(resolve));
  }
}
