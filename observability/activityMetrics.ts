import { ApplicationFailure } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { z } from 'zod';
import { NON_RETRYABLE_ACTIVITY_FAILURES } from '../contract';
import type { LadderStep, TemplateId } from '../machines/secondment';
import type { SecondmentMetrics } from './metrics';

/**
 * The notification template each ladder step sends (machines/secondment/specs/admin.ts). A
 * deadline alarm's transition says which steps it took through these: one template per step.
 */
export const LADDER_STEP_TEMPLATES: Record<LadderStep, TemplateId> = {
  reminder: 'duty.reminder',
  overdue: 'duty.overdue',
  unitHead: 'duty.escalated.unitHead',
  orgDept: 'duty.escalated.orgDept',
  stuck: 'duty.stuck',
};
const STEP_OF_TEMPLATE = new Map<string, LadderStep>(
  Object.entries(LADDER_STEP_TEMPLATES).map(([step, template]) => [template, step as LadderStep]),
);

/** Just what the counters read of an applyTransition input; the rest is the activity's to check. */
const transitionShape = z.object({
  event: z.object({ type: z.string() }),
  notifications: z.array(z.object({ template: z.string() })).default([]),
});

/** An activity failing this many attempts in a row puts its case in the technically-stuck gauge. */
const STUCK_ATTEMPTS = 3;
/**
 * Retries come at least once a minute (the workflow's maximumInterval); an entry not refreshed
 * for three is a case whose activity now succeeds on another worker, or whose workflow is gone.
 */
const STUCK_TTL_MS = 3 * 60_000;

function isNonRetryable(err: unknown): boolean {
  return (
    err instanceof ApplicationFailure &&
    (err.nonRetryable ||
      (err.type !== undefined && err.type !== null && NON_RETRYABLE_ACTIVITY_FAILURES.includes(err.type)))
  );
}

/**
 * Counters where the events happen: each completed applyTransition is an accepted event of its
 * type, and a deadline alarm's steps are escalations; every attempt is counted by outcome and
 * timed. The technically-stuck gauge is this worker's view: cases whose activity has failed
 * STUCK_ATTEMPTS times or more and not yet succeeded.
 */
export function activityMetrics(
  metrics: SecondmentMetrics,
  opts: { stuckAttempts?: number; now?: () => number } = {},
): ActivityInterceptorsFactory {
  const stuckAttempts = opts.stuckAttempts ?? STUCK_ATTEMPTS;
  const now = opts.now ?? Date.now;
  const failing = new Map<string, number>();
  metrics.gauge({
    name: 'secondment_cases_technically_stuck',
    help: `Cases whose activity has failed ${stuckAttempts}+ attempts in a row on this worker`,
    collect() {
      for (const [id, at] of failing) if (now() - at > STUCK_TTL_MS) failing.delete(id);
      this.set(failing.size);
    },
  });

  return (ctx) => ({
    inbound: {
      async execute(input, next) {
        const { activityType, attempt, workflowExecution } = ctx.info;
        const key = workflowExecution?.workflowId ?? ctx.info.activityId;
        const end = metrics.activityDuration.startTimer({ activity: activityType });
        try {
          const result = await next(input);
          end();
          metrics.activityExecutions.inc({ activity: activityType, outcome: 'ok' });
          failing.delete(key);
          if (activityType === 'applyTransition') countTransition(metrics, input.args[0]);
          return result;
        } catch (err) {
          end();
          const nonRetryable = isNonRetryable(err);
          metrics.activityExecutions.inc({
            activity: activityType,
            outcome: nonRetryable ? 'non_retryable' : 'retryable',
          });
          if (nonRetryable) failing.delete(key);
          else if (attempt >= stuckAttempts) failing.set(key, now());
          throw err;
        }
      },
    },
  });
}

function countTransition(metrics: SecondmentMetrics, input: unknown): void {
  const parsed = transitionShape.safeParse(input);
  if (!parsed.success) return;
  const { event, notifications } = parsed.data;
  metrics.eventsAccepted.inc({ type: event.type });
  if (event.type !== 'deadline.reached') return;
  for (const n of notifications) {
    const step = STEP_OF_TEMPLATE.get(n.template);
    if (step) metrics.escalations.inc({ step });
  }
}
