// The host contract: effects as validated plain data, one record per accepted transition,
// status codes, search attributes without personal data, allowedEvents for the console.
import { initialTransition, transition } from 'xstate';
import {
  EVENT_TYPES,
  STATUS_CODES,
  allowedEvents,
  effectSchema,
  eventLabels,
  eventPayloadSchemas,
  secondmentMachine,
  statusCode,
  statusLabels,
  toEffects,
} from '../../../machines/secondment/v1';
import { ofType } from './support/driver';
import { P, UNITS, actor, nomination } from './support/fixtures';
import { approved, posted, tracking } from './support/scenarios';

describe('host contract', () => {
  test('initialTransition returns the nomination’s effects as plain, valid data', () => {
    const [, actions] = initialTransition(secondmentMachine, nomination());
    const fx = toEffects(actions);
    expect(fx.map((f) => f.type)).toEqual(
      expect.arrayContaining(['record', 'notify', 'deadline.set', 'searchAttributes']),
    );
    expect(ofType(fx, 'record')).toHaveLength(1);
    for (const a of actions)
      expect(effectSchema.safeParse({ type: a.type, params: a.params }).success).toBe(true);
  });

  test('every accepted transition of a full lifecycle returns exactly one record with a gap-free sequence', () => {
    const d = tracking();
    const seqs: number[] = [];
    let [s, actions] = initialTransition(secondmentMachine, nomination());
    seqs.push(...ofType(toEffects(actions), 'record').map((r) => r.params.seq));
    const e = {
      type: 'approval.approve',
      actor: actor('org_admin'),
      at: '2026-01-06T00:00:00Z',
      ...P.approve,
    } as const;
    [s, actions] = transition(secondmentMachine, s, e);
    seqs.push(...ofType(toEffects(actions), 'record').map((r) => r.params.seq));
    expect(seqs).toEqual([1, 2]);
    expect(d.ctx.seq).toBeGreaterThan(10);
    expect(ofType(d.effects, 'record')).toHaveLength(1);
  });

  test('search attributes carry no personal data', () => {
    const d = posted();
    const sa = ofType(d.effects, 'searchAttributes')[0]?.params;
    expect(sa).toEqual({
      status: 'IN_SERVICE',
      kind: 'down',
      sendingUnit: UNITS.sending,
      receivingUnit: UNITS.receiving,
      nextDeadline: expect.any(String) as unknown,
      overdue: false,
      stuck: false,
    });
    expect(JSON.stringify(sa)).not.toContain('张三');
  });

  test('every status code and event type has a Chinese and an English label; every event has a payload schema', () => {
    for (const code of STATUS_CODES) expect(statusLabels[code].zh && statusLabels[code].en).toBeTruthy();
    for (const t of EVENT_TYPES) {
      expect(eventLabels[t].zh && eventLabels[t].en).toBeTruthy();
      expect(eventPayloadSchemas[t]).toBeDefined();
    }
  });

  test('statusCode is a stable code, never a state path', () => {
    const d = posted();
    expect(statusCode(d.snapshot)).toBe('IN_SERVICE');
    expect(d.ctx.status).toBe(statusCode(d.snapshot));
  });

  test('allowedEvents lists what each party may send now', () => {
    const d = approved();
    expect(allowedEvents(d.snapshot, 'sending_officer', UNITS.sending)).toEqual([
      'posting.introduction.send',
    ]);
    expect(allowedEvents(d.snapshot, 'cadre', UNITS.receiving)).toEqual(['posting.party.transfer']);
    expect(allowedEvents(d.snapshot, 'receiving_officer', UNITS.receiving)).toEqual(
      expect.arrayContaining(['posting.post.arrange', 'posting.mentor.name', 'posting.arrival.confirm']),
    );
    expect(allowedEvents(d.snapshot, 'receiving_officer', UNITS.receiving)).not.toContain(
      'posting.appointment.file',
    );
    expect(allowedEvents(d.snapshot, 'receiving_officer', UNITS.other)).toEqual([]);
    expect(allowedEvents(d.snapshot, 'auditor', 'audit')).toEqual([]);
    expect(allowedEvents(d.snapshot, 'org_admin', UNITS.org)).toEqual(
      expect.arrayContaining(['admin.case.hold', 'admin.case.force', 'admin.deadline.extend']),
    );
  });

  test('a refused event leaves the snapshot unchanged and returns no actions', () => {
    const [s] = initialTransition(secondmentMachine, nomination());
    const [next, actions] = transition(secondmentMachine, s, {
      type: 'approval.approve',
      actor: actor('cadre'),
      at: '2026-01-06T00:00:00Z',
      ...P.approve,
    });
    expect(next).toBe(s);
    expect(actions).toEqual([]);
  });
});
