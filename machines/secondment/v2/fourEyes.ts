// 双人复核 (four eyes) as the policy states it: which interventions a second admin must let through,
// and a proposal's deadline and stuck moment on the policy's own clock and escalation ladder.
import type { Calendar } from '../../calendar';
import { addDuration } from './clock';
import { LADDER_STEPS, type LadderStep } from './context';
import type { Policy } from './policy/schema';
import { ms } from './time';

/** Whether this policy copy names this intervention (a copy from before four eyes names none). */
export const needsSecondAdmin = (policy: Pick<Policy, 'fourEyes'>, type: string): boolean =>
  policy.fourEyes?.interventions.includes(type) ?? false;

/** Whether a bulk run changing this many cases needs a second admin under this policy. */
export const bulkNeedsSecondAdmin = (policy: Pick<Policy, 'fourEyes'>, willChange: number): boolean => {
  const over = policy.fourEyes?.bulkOver;
  return over !== undefined && over !== null && willChange > over;
};

/** When the other admins must have decided, and when the ladder flags the proposal stuck. */
export function proposalDeadlines(
  policy: Policy,
  calendar: Calendar,
  from: string,
): { dueAt: string; stuckAt: string } {
  const within = policy.fourEyes?.decideWithin ?? { amount: 3, unit: 'workingDays' as const };
  const dueAt = addDuration(from, within, policy, calendar).at;
  return { dueAt, stuckAt: addDuration(dueAt, policy.escalation.stuckAfter, policy, calendar).at };
}

/**
 * The proposal's escalation ladder: the same steps and policy times as a case's duty, from its
 * deadline. A reminder whose moment has already passed is skipped, as for a duty.
 */
export function proposalLadder(
  policy: Policy,
  calendar: Calendar,
  dueAt: string,
  now: string,
): { step: LadderStep; at: string }[] {
  const e = policy.escalation;
  const after = (d: typeof e.overdueAfter, sign: 1 | -1 = 1) =>
    addDuration(dueAt, d, policy, calendar, sign).at;
  const at: Record<LadderStep, string> = {
    reminder: after(e.reminderBefore, -1),
    overdue: after(e.overdueAfter),
    unitHead: after(e.unitHeadAfter),
    orgDept: after(e.orgDeptAfter),
    stuck: after(e.stuckAfter),
  };
  return LADDER_STEPS.map((step) => ({ step, at: at[step] })).filter(
    (x) => x.step !== 'reminder' || ms(x.at) > ms(now),
  );
}
