import type { CaseReadout, CaseView } from './views';

/**
 * The external view of a case, from the machine's snapshot alone. Pure, so the workflow (Update
 * results, queries) and the database read model (case_state) give the same answer.
 */
export function caseViewOf(r: CaseReadout, lastSeq: number, run: number): CaseView {
  return {
    caseId: r.caseId,
    status: r.status,
    statusLabel: r.statusLabel,
    kind: r.kind,
    year: r.year,
    sendingUnit: r.sendingUnit,
    receivingUnit: r.receivingUnit,
    openDuties: r.openDuties,
    plannedDuties: r.plannedDuties,
    provisional: [...r.openDuties, ...r.plannedDuties].filter((d) => d.provisional).length,
    nextDeadline: r.nextDeadline,
    overdue: r.overdue,
    stuck: r.stuck,
    closed: r.closed,
    lastSeq,
    machineVersion: r.machineVersion,
    run,
  };
}
