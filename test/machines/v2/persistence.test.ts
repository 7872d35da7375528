// A persisted v2 snapshot is plain JSON with its machine version; restored, it behaves exactly like
// the original — a held case included, whose deep history says where resume goes.
import {
  advance,
  fromPersisted,
  MACHINE_VERSION,
  statusCode,
  toPersisted,
  type SecondmentSnapshot,
} from '../../../machines/secondment/v2';
import { actor, nomination } from './support/fixtures';
import { usefulEvents } from './support/generators';
import { posted } from './support/scenarios';

const roundTrip = (s: SecondmentSnapshot) =>
  fromPersisted(JSON.parse(JSON.stringify(toPersisted(s))) as ReturnType<typeof toPersisted>);

describe('persistence (v2)', () => {
  test('a persisted snapshot is plain JSON with the machine version', () => {
    const p = toPersisted(posted().snapshot);
    expect(p.machineVersion).toBe(MACHINE_VERSION);
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });

  test('a restored snapshot behaves exactly like the original, step by step', () => {
    let a = posted(nomination({ policy: 'demo' })).snapshot;
    let b = roundTrip(a);
    for (let i = 0; i < 12; i += 1) {
      const e = usefulEvents(a).find((x) => advance(a, x) !== null)!;
      const sa = advance(a, e)!;
      const sb = advance(b, e)!;
      expect(sb.effects).toEqual(sa.effects);
      expect(sb.snapshot.value).toEqual(sa.snapshot.value);
      expect(sb.snapshot.context).toEqual(sa.snapshot.context);
      a = sa.snapshot;
      b = roundTrip(sb.snapshot);
    }
  });

  test('a held case keeps its history across persistence: resume goes back to the same regions', () => {
    const d = posted();
    d.send('service.leave.request', { from: '2026-02-02', to: '2026-02-03', reason: '探亲' });
    d.send('service.leave.decide', { requestId: 'L1', approved: true });
    d.send('recall.request', { ground: 'other', reason: '单位人手紧张' });
    d.send('admin.case.hold', { reason: '干部病假' });
    const restored = roundTrip(d.snapshot);
    const resume = {
      type: 'admin.case.resume' as const,
      actor: actor('org_admin'),
      at: d.now,
      reason: '病愈返岗',
    };
    const next = advance(restored, resume)!;
    expect(statusCode(next.snapshot)).toBe('RECALL_REQUESTED');
    expect(next.snapshot.value).toMatchObject({
      active: { serving: { attendance: 'onLeave', negotiation: 'recallRequested' } },
    });
  });
});
