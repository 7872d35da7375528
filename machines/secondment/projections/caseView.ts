import { MACHINE_VERSION } from '../v1/machine';
import { openDuties, searchAttributes, statusCode, type SecondmentSnapshot } from '../v1/snapshot';
import { statusLabels } from '../v1/status';
import type { CaseView } from './views';

/**
 * The external view of a case, from the machine's snapshot alone. Pure, so the workflow (Update
 * results, queries) and the database read model (case_state) give the same answer.
 */
export function caseViewOf(snapshot: SecondmentSnapshot, lastSeq: number, run: number): CaseView {
  const sa = searchAttributes(snapshot);
  const status = statusCode(snapshot);
  return {
    caseId: snapshot.context.caseId,
    status,
    statusLabel: statusLabels[status],
    kind: snapshot.context.kind,
    year: snapshot.context.year,
    sendingUnit: sa.sendingUnit,
    receivingUnit: sa.receivingUnit,
    openDuties: openDuties(snapshot).map((d) => ({
      id: d.id,
      key: d.key,
      kind: d.kind,
      what: d.what,
      owner: d.owner,
      dueAt: d.dueAt,
      nextAlarmAt: d.nextAlarmAt,
      escalations: d.escalations,
      stuck: d.stuck,
      paused: d.pausedAt !== null,
    })),
    nextDeadline: sa.nextDeadline,
    overdue: sa.overdue,
    stuck: sa.stuck,
    closed: snapshot.status === 'done',
    lastSeq,
    machineVersion: MACHINE_VERSION,
    run,
  };
}
