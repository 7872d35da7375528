// A small harness over the pure API: start a case, send events with a moving clock, and fail
// loudly (with the machine's own refusal message) when an arranged step is refused.
import { initialTransition, transition } from 'xstate';
import {
  checkEvent,
  openDuties,
  secondmentMachine,
  toEffects,
  type Duty,
  type Effect,
  type EventOf,
  type EventPayload,
  type EventType,
  type SecondmentInputDraft,
  type SecondmentSnapshot,
  type Actor,
  type CheckResult,
} from '../../../../machines/secondment/v1';
import { event } from './fixtures';

export class CaseDriver {
  snapshot: SecondmentSnapshot;
  effects: Effect[];
  clock: number;

  constructor(input: SecondmentInputDraft) {
    const [s, actions] = initialTransition(secondmentMachine, input);
    this.snapshot = s;
    this.effects = toEffects(actions);
    this.clock = Date.parse(s.context.lastAt);
  }

  get ctx() {
    return this.snapshot.context;
  }
  get now(): string {
    return new Date(this.clock).toISOString();
  }

  /** Move the clock forward (ms), or to an ISO instant. */
  advance(by: number | string): this {
    this.clock = typeof by === 'number' ? this.clock + by : Math.max(this.clock, Date.parse(by));
    return this;
  }

  make<K extends EventType>(type: K, payload: EventPayload<K>, by?: Actor): EventOf<K> {
    return event(type, payload, this.now, by);
  }

  /** Send and require acceptance. */
  send<K extends EventType>(type: K, payload: EventPayload<K>, by?: Actor): Effect[] {
    return this.sendRaw(this.make(type, payload, by));
  }

  sendRaw(e: unknown): Effect[] {
    const verdict = checkEvent(this.snapshot, e);
    if (!verdict.ok) throw new Error(`refused ${(e as { type: string }).type}: ${verdict.message.en}`);
    const [next, actions] = transition(secondmentMachine, this.snapshot, e as never);
    if (next === this.snapshot)
      throw new Error(`checkEvent allowed ${(e as { type: string }).type} but the machine did not move`);
    this.snapshot = next;
    this.effects = toEffects(actions);
    return this.effects;
  }

  /** Send expecting refusal: returns the refusal, asserts the snapshot is untouched. */
  refuse<K extends EventType>(
    type: K,
    payload: EventPayload<K>,
    by?: Actor,
  ): Exclude<CheckResult, { ok: true }> {
    return this.refuseRaw(this.make(type, payload, by));
  }

  refuseRaw(e: unknown): Exclude<CheckResult, { ok: true }> {
    const verdict = checkEvent(this.snapshot, e);
    if (verdict.ok) throw new Error(`expected refusal of ${(e as { type: string }).type}`);
    const [next, actions] = transition(secondmentMachine, this.snapshot, e as never);
    if (next !== this.snapshot || actions.length > 0) throw new Error('a refused event changed the snapshot');
    return verdict;
  }

  duty(kindOrKey: string): Duty {
    const d = openDuties(this.snapshot).find((x) => x.key === kindOrKey || x.kind === kindOrKey);
    if (!d)
      throw new Error(
        `no open duty ${kindOrKey}; open: ${openDuties(this.snapshot)
          .map((x) => x.key)
          .join(', ')}`,
      );
    return d;
  }

  /** Deliver the alarm for a duty at its nextAlarmAt (what the host's timer does). */
  fire(kindOrKey: string): Effect[] {
    const d = this.duty(kindOrKey);
    if (d.nextAlarmAt === null) throw new Error(`duty ${d.id} has no alarm`);
    this.advance(d.nextAlarmAt);
    return this.send('deadline.reached', { dutyId: d.id }, { id: 'system', role: 'system', unit: 'system' });
  }
}

export const ofType = <T extends Effect['type']>(fx: Effect[], type: T): Extract<Effect, { type: T }>[] =>
  fx.filter((f): f is Extract<Effect, { type: T }> => f.type === type);

const DAY = 86_400_000;
export const days = (n: number): number => n * DAY;
