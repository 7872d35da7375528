// A small harness over the v2 host API: start a case, send events with a moving clock, and fail
// loudly (with the machine's own refusal message) when an arranged step is refused.
import {
  advance,
  checkEvent,
  liveDuties,
  start,
  type Actor,
  type CheckResult,
  type Duty,
  type Effect,
  type EventOf,
  type EventPayload,
  type EventType,
  type SecondmentInputDraft,
  type SecondmentSnapshot,
} from '../../../../machines/secondment/v2';
import { event } from './fixtures';

export class CaseDriver {
  snapshot: SecondmentSnapshot;
  effects: Effect[];
  clock: number;

  constructor(input: SecondmentInputDraft) {
    const s = start(input);
    this.snapshot = s.snapshot;
    this.effects = s.effects;
    this.clock = Date.parse(s.snapshot.context.lastAt);
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

  make<K extends EventType>(type: K, payload: EventPayload<K> & { facts?: unknown }, by?: Actor): EventOf<K> {
    return event(type, payload, this.now, by);
  }

  send<K extends EventType>(type: K, payload: EventPayload<K> & { facts?: unknown }, by?: Actor): Effect[] {
    return this.sendRaw(this.make(type, payload, by));
  }

  sendRaw(e: unknown): Effect[] {
    const verdict = checkEvent(this.snapshot, e);
    if (!verdict.ok) throw new Error(`refused ${(e as { type: string }).type}: ${verdict.message.en}`);
    const step = advance(this.snapshot, e as never);
    if (!step)
      throw new Error(`checkEvent allowed ${(e as { type: string }).type} but the machine did not move`);
    this.snapshot = step.snapshot;
    this.effects = step.effects;
    return this.effects;
  }

  refuse<K extends EventType>(
    type: K,
    payload: EventPayload<K> & { facts?: unknown },
    by?: Actor,
  ): Exclude<CheckResult, { ok: true }> {
    return this.refuseRaw(this.make(type, payload, by));
  }

  refuseRaw(e: unknown): Exclude<CheckResult, { ok: true }> {
    const verdict = checkEvent(this.snapshot, e);
    if (verdict.ok) throw new Error(`expected refusal of ${(e as { type: string }).type}`);
    if (advance(this.snapshot, e as never) !== null) throw new Error('a refused event changed the snapshot');
    return verdict;
  }

  /** An open or planned duty by key or kind. */
  duty(kindOrKey: string): Duty {
    const d = liveDuties(this.snapshot).find((x) => x.key === kindOrKey || x.kind === kindOrKey);
    if (!d)
      throw new Error(
        `no live duty ${kindOrKey}; live: ${liveDuties(this.snapshot)
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
