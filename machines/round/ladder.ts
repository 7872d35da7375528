// The escalation ladder (提醒 → 逾期 → 单位负责人督办 → 组织部督办 → 停滞) as the round's duties climb
// it: the same steps and the same policy times as a case's duties. Machine v1 is frozen (its
// duties module takes only a case's context), so the two functions the round needs live here,
// on the same policy schema and due-date arithmetic the round's policy copy was written with.
import { addDuration } from '../secondment/v1/calendar';
import type { Policy } from '../secondment/v1/policy/schema';
import { LADDER_STEPS, type LadderStep } from '../secondment/v2/context';
import { ms } from '../secondment/v2/time';
import type { RoundDuty } from './context';

/** The moment of a ladder step of a duty under the round's policy. */
export function stepTime(c: { policy: Policy }, d: Pick<RoundDuty, 'dueAt'>, step: LadderStep): string {
  const e = c.policy.escalation;
  switch (step) {
    case 'reminder':
      return addDuration(d.dueAt, e.reminderBefore, c.policy, -1);
    case 'overdue':
      return addDuration(d.dueAt, e.overdueAfter, c.policy);
    case 'unitHead':
      return addDuration(d.dueAt, e.unitHeadAfter, c.policy);
    case 'orgDept':
      return addDuration(d.dueAt, e.orgDeptAfter, c.policy);
    case 'stuck':
      return addDuration(d.dueAt, e.stuckAfter, c.policy);
  }
}

/** Point nextAlarmAt at the duty's next ladder step; a reminder whose moment has passed is skipped. */
export function arm(c: { policy: Policy }, d: RoundDuty, now: string): void {
  if (d.state !== 'open' || d.pausedAt !== null || d.stuck) {
    d.nextAlarmAt = null;
    return;
  }
  if (d.ladder === 0 && ms(stepTime(c, d, 'reminder')) <= ms(now)) d.ladder = 1;
  const step = LADDER_STEPS[d.ladder];
  d.nextAlarmAt = step ? stepTime(c, d, step) : null;
}
