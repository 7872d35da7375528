import { getAuditTrail } from '../../../store';
import { P } from '../../machines/v2/support/fixtures';
import type { Res } from './support/http';
import {
  call,
  createApiWorld,
  login,
  waitForProjection,
  type ApiWorld,
  type Session,
} from './support/apiWorld';
import { A_UNITS, nominationBody } from './support/cases';

/**
 * The united front department (统战部) logs in, sees the 党外 cases of its jurisdiction, owes and
 * acknowledges their copies (posting.unitedFront) — the duty is theirs, no longer reassigned to the
 * organization department by hand — and reads the copies in its notifications.
 */
jest.setTimeout(120_000);

let api: ApiWorld;
const s: Record<string, Session> = {};
let caseId = '';
const ok = (res: Res) => {
  if (res.statusCode >= 300) throw new Error(`${res.statusCode}: ${res.body}`);
  return res;
};

beforeAll(async () => {
  api = await createApiWorld();
  for (const u of ['admin', 'sender', 'receiver', 'united-front']) s[u] = await login(api.http, u);
  // A's cadre 冯雅琴 is 党外 (中国民主同盟)
  caseId = (
    ok(await call(api.http, s.sender!, 'POST', '/api/cases', nominationBody(A_UNITS))).json() as {
      case: { caseId: string };
    }
  ).case.caseId;
  await waitForProjection(api, caseId);
  ok(await call(api.http, s.admin!, 'POST', `/api/cases/${caseId}/events/approval.approve`, {}));
  ok(
    await call(api.http, s.receiver!, 'POST', `/api/cases/${caseId}/events/posting.post.arrange`, P.arrange),
  );
  ok(
    await call(
      api.http,
      s.receiver!,
      'POST',
      `/api/cases/${caseId}/events/posting.appointment.file`,
      P.appointment,
    ),
  );
});
afterAll(async () => {
  await api?.close();
});

test('the 统战部 owes the copy of a 党外 cadre’s appointment, acknowledges it as itself, and reads the copy', async () => {
  type Duties = {
    items: { caseId: string; duty: { kind: string; owner: { role: string; unit: string } } }[];
  };
  const mine = ok(await call(api.http, s['united-front']!, 'GET', '/api/my/duties')).json() as Duties;
  expect(mine.items.map((i) => [i.caseId, i.duty.kind, i.duty.owner.unit])).toEqual([
    [caseId, 'posting.unitedFront', A_UNITS.unitedFront],
  ]);
  const detail = ok(await call(api.http, s['united-front']!, 'GET', `/api/cases/${caseId}`)).json() as {
    allowedEvents: { type: string }[];
  };
  expect(detail.allowedEvents.map((e) => e.type)).toEqual(['posting.unitedFront.acknowledge']);
  ok(
    await call(
      api.http,
      s['united-front']!,
      'POST',
      `/api/cases/${caseId}/events/posting.unitedFront.acknowledge`,
      {
        documentNo: '清组干〔2026〕12号',
      },
    ),
  );
  const trail = await getAuditTrail(api.world.db, caseId);
  expect(trail.at(-1)).toMatchObject({
    eventType: 'posting.unitedFront.acknowledge',
    actorId: 'united-front',
    actorRole: 'united_front',
    actorUnit: A_UNITS.unitedFront,
  });
  const mail = ok(await call(api.http, s['united-front']!, 'GET', '/api/my/notifications')).json() as {
    items: { caseId: string; template: string; subject: string }[];
  };
  const copy = mail.items.find((n) => n.template === 'case.unitedFrontCopy');
  expect(copy?.caseId).toBe(caseId);
  expect(copy?.subject).toContain('冯雅琴');
});
