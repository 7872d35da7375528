import { openDuties, searchAttributes, type SecondmentSnapshot } from '../v1/snapshot';
import type { CaseProjection } from './views';

/** The case's row in the list projection after a transition: the next duty due, flags, stuck reason. */
export function caseProjectionOf(after: SecondmentSnapshot): CaseProjection {
  const sa = searchAttributes(after);
  const open = openDuties(after).filter((d) => d.pausedAt === null);
  const next = [...open].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0];
  const stuckDuty = open.find((d) => d.stuck);
  return {
    status: sa.status,
    kind: sa.kind,
    year: after.context.year,
    sendingUnit: sa.sendingUnit,
    receivingUnit: sa.receivingUnit,
    nextDuty: next
      ? {
          id: next.id,
          label: `${next.what.zh} / ${next.what.en}`,
          ownerRole: next.owner.role,
          ownerUnit: next.owner.unit,
          dueAt: next.dueAt,
        }
      : null,
    nextDeadline: sa.nextDeadline,
    overdue: sa.overdue,
    stuck: sa.stuck,
    stuckReason: stuckDuty
      ? `${stuckDuty.what.zh}逾期未办，已升级至组织部 / ${stuckDuty.what.en}: overdue past the last escalation step (${stuckDuty.owner.role}@${stuckDuty.owner.unit})`
      : null,
  };
}
