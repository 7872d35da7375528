import type { SecondmentContext } from './context';
import type { EventOf, EventType } from './events';
import type { EffectCollector } from './effectCollector';
import type { Refusal } from './refusal';
import type { Role } from './roles';
import type { DutyKind } from './vocabulary';

/** How one event type is judged and applied. */
export interface EventSpec<K extends EventType> {
  /** Roles that may send it (permission table in docs/lifecycle.md). */
  roles: readonly Role[];
  /** Duties this event discharges: after a reassignment their new owner may send it too. */
  discharges?: readonly DutyKind[];
  /** Payload-independent precondition (also used by allowedEvents). */
  pre?: (c: SecondmentContext) => Refusal | null;
  /** Payload-dependent rule. */
  check?: (c: SecondmentContext, e: EventOf<K>, now: string) => Refusal | null;
  /** Mutates a private copy of the context and collects effects. */
  apply: (c: SecondmentContext, e: EventOf<K>, out: EffectCollector) => void;
}
export type SpecMap<K extends EventType> = { [P in K]: EventSpec<P> };
