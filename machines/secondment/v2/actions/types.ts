import type { Draft } from '../draft';
import type { EventOf, EventType, SecondmentEvent } from '../events';

/** A named action: changes the draft, collects effects. Params come from the chart's edge. */
export type Action = (d: Draft, e: SecondmentEvent, params: Record<string, string> | undefined) => void;

/** The event as the type its edge guarantees (the chart only routes events of that type here). */
export const as = <K extends EventType>(_type: K, e: SecondmentEvent): EventOf<K> => e as EventOf<K>;
