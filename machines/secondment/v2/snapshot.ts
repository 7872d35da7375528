// Read-side helpers over a snapshot: what the host, the read model and the console ask.
import type { Duty } from './context';
import { liveDutiesOf, openDutiesOf } from './duties';
import { searchAttributesOf, statusOf, type SecondmentSnapshot } from './step';
import type { StatusCode } from './status';

/** Stable external status code (never an internal state path). */
export const statusCode = (snapshot: SecondmentSnapshot): StatusCode => statusOf(snapshot);

/** Open duties, including stuck ones and ones paused by a hold (not those planned for later). */
export const openDuties = (snapshot: SecondmentSnapshot): Duty[] => openDutiesOf(snapshot.context);

/** Open and planned duties: everything the case still owes, with due dates. */
export const liveDuties = (snapshot: SecondmentSnapshot): Duty[] => liveDutiesOf(snapshot.context);

export const searchAttributes = (snapshot: SecondmentSnapshot) => searchAttributesOf(snapshot);

/** Open or planned duties whose due date is provisional (a year without a holiday table). */
export const provisionalDuties = (snapshot: SecondmentSnapshot): Duty[] =>
  liveDutiesOf(snapshot.context).filter((d) => d.provisional);

/** Is the snapshot in (or inside) this state value, e.g. { active: { serving: { attendance: 'onLeave' } } }? */
export const inState = (snapshot: SecondmentSnapshot, value: string | Record<string, unknown>): boolean =>
  (snapshot as unknown as { matches: (v: unknown) => boolean }).matches(value);
