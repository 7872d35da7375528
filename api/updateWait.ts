import type { Queryable } from '../db';
import { ApiError } from './errors';

/** How long an event's answer is awaited before the database is asked whether it is there at all. */
export const UPDATE_CHECK_AFTER_MS = 15_000;
const PROBE_TIMEOUT_MS = 3_000;
/**
 * The longest an event's answer is awaited while the database answers: a case whose activity or
 * workflow task keeps failing would otherwise hold the request (and a bulk run) forever.
 */
export const EVENT_ANSWER_WITHIN_MS = 60_000;

async function databaseAnswers(db: Queryable): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      db.query('SELECT 1').then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
      }),
    ]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * An accepted event is answered once its transition is written, so while the database is down
 * the answer would wait for the whole outage. After UPDATE_CHECK_AFTER_MS without an answer the
 * database is probed: if it does not answer, the caller gets 503 DATABASE_UNAVAILABLE at once
 * (the event may already be accepted and is then written when the database is back, exactly once:
 * look at the case before sending it again); if it answers, the wait goes on.
 */
export async function awaitUnlessDatabaseDown<T>(
  db: Queryable,
  work: Promise<T>,
  opts: {
    checkAfterMs?: number;
    answerWithinMs?: number;
    /** what Temporal says keeps the case from answering (a failing activity, its error) */
    whyNot?: () => Promise<string | null>;
  } = {},
): Promise<T> {
  const checkAfterMs = opts.checkAfterMs ?? UPDATE_CHECK_AFTER_MS;
  const answerWithinMs = opts.answerWithinMs ?? EVENT_ANSWER_WITHIN_MS;
  const started = Date.now();
  work.catch(() => undefined); // may settle after the caller has been answered
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      work.then((value) => ({ done: true as const, value })),
      new Promise<{ done: false }>((resolve) => {
        timer = setTimeout(
          () => resolve({ done: false }),
          Math.max(0, Math.min(checkAfterMs, answerWithinMs - (Date.now() - started))),
        );
      }),
    ]).finally(() => clearTimeout(timer));
    if (outcome.done) return outcome.value;
    if (!(await databaseAnswers(db))) {
      throw new ApiError(
        'DATABASE_UNAVAILABLE',
        '数据库暂不可用：事件若已受理，将在数据库恢复后写入；重发前请先查看案件 / the database is unavailable: ' +
          'if the event was accepted it is written once the database is back; look at the case before sending it again',
      );
    }
    if (Date.now() - started >= answerWithinMs) {
      const why = await opts.whyNot?.().catch(() => null);
      const seconds = Math.round(answerWithinMs / 1000);
      throw new ApiError(
        'CASE_NOT_ANSWERING',
        `案件 ${seconds} 秒内未应答${why ? `：${why}` : ''}；事件若已受理，将在恢复后写入，重发前请先查看案件 / ` +
          `the case did not answer within ${seconds} s${why ? `: ${why}` : ''}; if the event was accepted it is written once the case recovers, look at the case before sending it again`,
      );
    }
  }
}
