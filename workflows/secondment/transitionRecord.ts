import type { TransitionRecordInput } from '../../activities/transition-record';
import {
  MACHINE_VERSION,
  openDuties,
  searchAttributes,
  toPersisted,
  type Effect,
  type SecondmentSnapshot,
} from '../../machines/secondment';

type Principal = { id: string; role: string; unit: string };

/** How an on-behalf-of principal is written into the audit trail: readable and unambiguous. */
export const principalLabel = (p: Principal): string => `${p.role}@${p.unit}/${p.id}`;

/**
 * Folds the effects of one accepted transition into the single record the database applies in
 * one transaction: one activity per transition keeps history small.
 */
export function transitionRecordOf(
  effects: readonly Effect[],
  after: SecondmentSnapshot,
  run: number,
): TransitionRecordInput | null {
  const record = effects.find((e) => e.type === 'record');
  if (!record || record.type !== 'record') return null;
  const r = record.params;
  const sa = searchAttributes(after);
  const open = openDuties(after).filter((d) => d.pausedAt === null);
  const next = [...open].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0];
  const stuckDuty = open.find((d) => d.stuck);
  return {
    caseId: r.caseId,
    seq: r.seq,
    event: {
      type: r.eventType,
      actor: {
        id: r.actor.id,
        role: r.actor.role,
        unit: r.actor.unit,
        onBehalfOf: r.onBehalfOf ? principalLabel(r.onBehalfOf) : null,
      },
      reason: r.reason,
      payload: r.payload,
      at: r.at,
    },
    fromState: r.fromState ?? 'NONE',
    toState: r.toState,
    projection: {
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
    },
    personnelFile: effects.flatMap((e) =>
      e.type === 'personnelFile'
        ? [
            {
              kind: e.params.kind,
              content: { ...e.params.content, cadreId: e.params.cadreId, at: e.params.at },
            },
          ]
        : [],
    ),
    notifications: effects.flatMap((e) =>
      e.type === 'notify'
        ? [{ recipients: e.params.recipients, template: e.params.template, vars: e.params.vars }]
        : [],
    ),
    state: { run, machineVersion: MACHINE_VERSION, snapshot: { ...toPersisted(after) } },
  };
}
