import type { TransitionRecordInput } from '../../activities';
import {
  MACHINE_VERSION,
  toPersisted,
  type Effect,
  type SecondmentSnapshot,
} from '../../machines/secondment';
import { caseProjectionOf, principalLabel } from '../../machines/secondment/projections';

/**
 * Folds the effects of one accepted transition into the input of the applyTransition activity:
 * one activity per transition keeps history small. Null when the machine recorded nothing.
 */
export function applyTransitionInputOf(
  effects: readonly Effect[],
  after: SecondmentSnapshot,
  run: number,
): TransitionRecordInput | null {
  const record = effects.find((e) => e.type === 'record');
  if (!record || record.type !== 'record') return null;
  const r = record.params;
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
    projection: caseProjectionOf(after),
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
