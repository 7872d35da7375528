import type { CaseProjection, CaseReadout } from './views';

/** The case's row in the list projection after a transition: the next duty due, flags, stuck reason. */
export function caseProjectionOf(r: CaseReadout): CaseProjection {
  const open = r.openDuties.filter((d) => !d.paused);
  const next = [...open].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0];
  const stuckDuty = open.find((d) => d.stuck);
  return {
    status: r.status,
    kind: r.kind,
    year: r.year,
    sendingUnit: r.sendingUnit,
    receivingUnit: r.receivingUnit,
    nextDuty: next
      ? {
          id: next.id,
          label: `${next.what.zh} / ${next.what.en}`,
          ownerRole: next.owner.role,
          ownerUnit: next.owner.unit,
          dueAt: next.dueAt,
        }
      : null,
    nextDeadline: r.nextDeadline,
    overdue: r.overdue,
    stuck: r.stuck,
    stuckReason: stuckDuty
      ? `${stuckDuty.what.zh}逾期未办，已升级至组织部 / ${stuckDuty.what.en}: overdue past the last escalation step (${stuckDuty.owner.role}@${stuckDuty.owner.unit})`
      : null,
    provisional: [...r.openDuties, ...r.plannedDuties].some((d) => d.provisional),
    machineVersion: r.machineVersion,
  };
}
