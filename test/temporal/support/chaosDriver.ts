import type { Connection } from '@temporalio/client';
import {
  SecondmentError,
  type NominationRequest,
  type SecondmentClient,
} from '../../../client/secondmentClient';
import type { CaseView } from '../../../workflows/secondment/definitions';
import { argsOf, stepFor, type Disposition } from './diligentParties';

/** mulberry32: a tiny seeded PRNG, so a failing chaos schedule can be replayed with CHAOS_SEED. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What the parties went through: how often they acted, were refused, or hit an outage. */
export class DriverStats {
  actions = 0;
  refusals = 0;
  readonly transient = new Map<string, number>();
  /** the first message seen per kind of transient error, for the report */
  readonly firstMessage = new Map<string, string>();

  noteTransient(err: unknown): void {
    const key = describeError(err);
    this.transient.set(key, (this.transient.get(key) ?? 0) + 1);
    if (!this.firstMessage.has(key)) {
      this.firstMessage.set(key, (err instanceof Error ? err.message : String(err)).slice(0, 200));
    }
  }

  get transientTotal(): number {
    return [...this.transient.values()].reduce((a, b) => a + b, 0);
  }
}

function describeError(err: unknown): string {
  if (!(err instanceof Error)) return typeof err;
  const code = (err as { code?: unknown }).code ?? (err.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' || typeof code === 'number' ? `${err.name}(${code})` : err.name;
}

class CallTimeout extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'CallTimeout';
  }
}

/**
 * Runs `fn` with its gRPC calls cancelled after `ms`. The race matters too: the SDK attaches the
 * abort listener per call, so a call started after the abort would not see it.
 */
export async function bounded<T>(connection: Connection, ms: number, fn: () => Promise<T>): Promise<T> {
  const ctrl = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const work = connection.withAbortSignal(ctrl.signal, fn);
  work.catch(() => undefined); // may settle after the race is lost
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          ctrl.abort();
          reject(new CallTimeout(ms));
        }, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export interface DriveContext {
  cases: SecondmentClient;
  connection: Connection;
  stats: DriverStats;
  /** epoch ms after which a case that is still open fails the test */
  deadline: number;
}

function checkDeadline(ctx: DriveContext, what: string): void {
  if (Date.now() > ctx.deadline) throw new Error(`${what}: still not done at the deadline`);
}

/** Errors that say the case or the request is wrong, not that a server or worker is away. */
function isFatal(err: unknown): boolean {
  return err instanceof SecondmentError && err.code !== 'EVENT_REFUSED' && err.code !== 'CASE_EXISTS';
}

class Backoff {
  private ms = 250;
  reset(): void {
    this.ms = 250;
  }
  async wait(): Promise<void> {
    await sleep(this.ms * (0.75 + Math.random() / 2));
    this.ms = Math.min(this.ms * 2, 4000);
  }
}

/** Starts a case, riding out outages; a start that succeeded before its answer was lost is fine. */
export async function nominateDurably(
  ctx: DriveContext,
  request: NominationRequest & { caseId: string },
): Promise<void> {
  const backoff = new Backoff();
  for (;;) {
    checkDeadline(ctx, `nominate ${request.caseId}`);
    try {
      await bounded(ctx.connection, 30_000, () => ctx.cases.nominate(request));
      return;
    } catch (err) {
      if (err instanceof SecondmentError && err.code === 'CASE_EXISTS') return;
      if (isFatal(err)) throw err;
      ctx.stats.noteTransient(err);
      await backoff.wait();
    }
  }
}

/** Closed per Temporal itself (no worker needed); throws if the case ended any other way. */
async function closedPerServer(ctx: DriveContext, caseId: string): Promise<boolean> {
  try {
    const d = await bounded(ctx.connection, 10_000, () => ctx.cases.handle(caseId).describe());
    if (d.status.name === 'RUNNING') return false;
    if (d.status.name === 'COMPLETED') return true;
    throw new Error(`case ${caseId} ended as ${d.status.name}`);
  } catch (err) {
    if (err instanceof Error && /ended as/.test(err.message)) throw err;
    return false;
  }
}

/**
 * Every party of one case, doing each open duty as soon as it can, against a server and a worker
 * that come and go: a refusal is normal (not yet due, or the duty just closed); any other error is
 * an outage to wait out with backoff. The parties look at the case again before every step, so a
 * step whose answer was lost is never blindly repeated.
 */
export async function driveCase(
  ctx: DriveContext,
  caseId: string,
  disposition: Disposition,
): Promise<CaseView> {
  const backoff = new Backoff();
  // duty@seq -> when it was refused: not asked again until the case moved or a moment passed
  const refused = new Map<string, number>();
  for (;;) {
    checkDeadline(ctx, `case ${caseId}`);
    let view: CaseView;
    try {
      view = await bounded(ctx.connection, 20_000, () => ctx.cases.status(caseId));
    } catch (err) {
      ctx.stats.noteTransient(err);
      if (await closedPerServer(ctx, caseId)) break;
      await backoff.wait();
      continue;
    }
    if (view.closed) break;
    let progressed = false;
    for (const duty of view.openDuties) {
      const step = stepFor(duty, disposition, new Date().toISOString());
      if (!step) continue;
      const key = `${duty.id}@${view.lastSeq}`;
      if (Date.now() - (refused.get(key) ?? 0) < 3000) continue;
      try {
        await bounded(ctx.connection, 60_000, () => ctx.cases.send(caseId, step.type, argsOf(step)));
        ctx.stats.actions += 1;
        backoff.reset();
        progressed = true;
        break;
      } catch (err) {
        if (err instanceof SecondmentError && err.code === 'EVENT_REFUSED') {
          ctx.stats.refusals += 1;
          refused.set(key, Date.now());
          continue;
        }
        if (isFatal(err)) throw err;
        ctx.stats.noteTransient(err);
        await backoff.wait();
        progressed = true; // look again: the step may or may not have been applied
        break;
      }
    }
    if (progressed) continue;
    // Nobody can act: wait for the next alarm (a new period, an escalation), but look often.
    const alarms = view.openDuties.flatMap((d) => (d.nextAlarmAt ? [Date.parse(d.nextAlarmAt)] : []));
    const nextAlarm = alarms.length > 0 ? Math.min(...alarms) : Date.now() + 2000;
    await sleep(Math.min(2000, Math.max(300, nextAlarm - Date.now() + 300)));
  }
  return awaitResult(ctx, caseId);
}

/** The workflow's own result (its final view), through any outage. */
export async function awaitResult(ctx: DriveContext, caseId: string): Promise<CaseView> {
  const backoff = new Backoff();
  for (;;) {
    checkDeadline(ctx, `result of ${caseId}`);
    try {
      return await bounded(ctx.connection, 30_000, () => ctx.cases.result(caseId));
    } catch (err) {
      if (isFatal(err) || (err instanceof Error && err.name === 'WorkflowFailedError')) throw err;
      ctx.stats.noteTransient(err);
      await backoff.wait();
    }
  }
}
