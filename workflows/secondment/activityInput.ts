import type { TransitionRecordInput } from '../../activities';
import type { AnyPersisted, Effect } from '../../machines/secondment';
import { caseProjectionOf, principalLabel, type CaseReadout } from '../../machines/secondment/projections';

/** The effects both machine versions emit that the activity writes (same shapes in v1 and v2). */
type WrittenEffect = Extract<Effect, { type: 'record' | 'personnelFile' | 'notify' }> | { type: string };

/**
 * Folds the effects of one accepted transition into the input of the applyTransition activity:
 * one activity per transition keeps history small. Null when the machine recorded nothing.
 */
export function applyTransitionInputOf(
  effects: readonly WrittenEffect[],
  after: CaseReadout,
  persisted: AnyPersisted,
  run: number,
): TransitionRecordInput | null {
  const fx = effects as readonly Effect[];
  const record = fx.find((e) => e.type === 'record');
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
    personnelFile: fx.flatMap((e) =>
      e.type === 'personnelFile'
        ? [
            {
              kind: e.params.kind,
              content: { ...e.params.content, cadreId: e.params.cadreId, at: e.params.at },
            },
          ]
        : [],
    ),
    notifications: fx.flatMap((e) =>
      e.type === 'notify'
        ? [{ recipients: e.params.recipients, template: e.params.template, vars: e.params.vars }]
        : [],
    ),
    state: {
      run,
      machineVersion: persisted.machineVersion,
      snapshot: { ...persisted },
    },
  };
}
