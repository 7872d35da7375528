// Read-side helpers over a snapshot: what the host and the console ask.
import type { SnapshotFrom } from 'xstate';
import type { Duty } from './context';
import { openDutiesOf } from './duties';
import { mayOffer, searchAttributesOf } from './engine';
import { EVENT_TYPES, type EventType } from './events';
import type { secondmentMachine } from './machine';
import { EDGES } from './machine';
import type { Role } from './roles';
import { STATE_KEYS, type StateKey, type StatusCode } from './status';

export type SecondmentSnapshot = SnapshotFrom<typeof secondmentMachine>;

export function stateKeyOf(snapshot: SecondmentSnapshot): StateKey {
  const v = snapshot.value as unknown;
  if (typeof v === 'string' && (STATE_KEYS as readonly string[]).includes(v)) return v as StateKey;
  throw new Error(`unexpected state value ${JSON.stringify(v)}`);
}

/** Stable external status code (never an internal state path). */
export function statusCode(snapshot: SecondmentSnapshot): StatusCode {
  const key = stateKeyOf(snapshot);
  if (key === 'service') return snapshot.context.extensionMonths > 0 ? 'EXTENDED' : 'IN_SERVICE';
  const byState: Record<Exclude<StateKey, 'service'>, StatusCode> = {
    nominated: 'NOMINATED',
    posting: 'POSTING',
    extensionRequested: 'EXTENSION_REQUESTED',
    extensionConsented: 'EXTENSION_CONSENTED',
    recallRequested: 'RECALL_REQUESTED',
    onHold: 'ON_HOLD',
    finalAssessment: 'FINAL_ASSESSMENT',
    assessed: 'ASSESSED',
    returning: 'RETURNING',
    tracking: 'TRACKING',
    closedReturned: 'CLOSED_RETURNED',
    promoted: 'CLOSED_PROMOTED',
    rejected: 'REJECTED',
    withdrawn: 'WITHDRAWN',
    recalled: 'RECALLED',
  };
  return byState[key];
}

/** Event types the machine handles in the snapshot's state (before any role or rule). */
export function eventsInState(snapshot: SecondmentSnapshot): EventType[] {
  const edges = EDGES[stateKeyOf(snapshot)];
  return EVENT_TYPES.filter((t) => edges[t] !== undefined);
}

/** Open duties, including stuck ones and ones paused by a hold. */
export function openDuties(snapshot: SecondmentSnapshot): Duty[] {
  return openDutiesOf(snapshot.context);
}

/** Event types this role, acting for this unit, may send now (the console builds its forms from it). */
export function allowedEvents(snapshot: SecondmentSnapshot, role: Role, unit: string): EventType[] {
  return eventsInState(snapshot).filter((t) => mayOffer(snapshot.context, t, role, unit));
}

export function searchAttributes(snapshot: SecondmentSnapshot) {
  return searchAttributesOf(snapshot.context);
}
