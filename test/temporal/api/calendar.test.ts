import type { CalendarList, CalendarLoadAnswer, CalendarReplanAnswer, Stats } from '../../../contract';
import { getAuditTrail } from '../../../store';
import { P } from '../../machines/v2/support/fixtures';
import { FIXTURE_2027 } from '../../machines/calendar/fixture2027';
import {
  call,
  createApiWorld,
  login,
  waitForProjection,
  type ApiWorld,
  type Session,
} from './support/apiWorld';
import type { Res } from './support/http';
import { A_UNITS, nominationBody } from './support/cases';

/**
 * The holiday calendar as data, through the API on the dev server: a case of December 2026 has its
 * 2027 deadlines computed on weekdays and marked provisional (the repository ships tables up to
 * 2026); an org admin loads the 2027 table (a labelled test fixture), and the re-plan run moves
 * those deadlines onto 2027's working days, each case with an audit entry.
 */
jest.setTimeout(120_000);

let api: ApiWorld;
const s: Record<string, Session> = {};
let caseId = '';
const json = <T>(res: Res): T => res.json() as T;
const ok = (res: Res) => {
  if (res.statusCode >= 300) throw new Error(`${res.statusCode}: ${res.body}`);
  return res;
};

interface DutyOut {
  id: string;
  kind: string;
  dueAt: string;
  provisional: boolean;
  calendarVersion: string | null;
}
interface Detail {
  openDuties: DutyOut[];
  live: { plannedDuties: DutyOut[]; provisional: number };
  summary: { provisional: boolean };
}
const detail = async () => json<Detail>(ok(await call(api.http, s.admin!, 'GET', `/api/cases/${caseId}`)));
const duties = (d: Detail) => [...d.openDuties, ...d.live.plannedDuties];
/** A deadline counted in working days that falls in 2027 (the term's end is a calendar date: never provisional). */
const in2027 = (d: DutyOut) =>
  d.calendarVersion !== null && d.dueAt >= '2027-01-01' && d.dueAt < '2028-01-01';

beforeAll(async () => {
  api = await createApiWorld();
  for (const u of ['admin', 'sender', 'receiver', 'cadre', 'united-front']) s[u] = await login(api.http, u);
  const created = ok(await call(api.http, s.sender!, 'POST', '/api/cases', nominationBody(A_UNITS)));
  caseId = json<{ case: { caseId: string } }>(created).case.caseId;
  await waitForProjection(api, caseId);
  const send = async (who: string, type: string, payload: object) =>
    ok(await call(api.http, s[who]!, 'POST', `/api/cases/${caseId}/events/${type}`, payload));
  await send('admin', 'approval.approve', P.approve);
  // posted: the term runs from the arrival, so its reviews and its end fall in 2027
  await send('receiver', 'posting.post.arrange', P.arrange);
  await send('receiver', 'posting.appointment.file', P.appointment);
  // the demo cadre (冯雅琴) is 党外: the 统战部 acknowledges the copy instead of a party transfer
  await send('united-front', 'posting.unitedFront.acknowledge', { documentNo: '统战〔2026〕5号' });
  await send('sender', 'posting.introduction.send', P.intro);
  await send('receiver', 'posting.mentor.name', P.mentor);
  await send('receiver', 'posting.duties.assign', P.duties);
  await send('receiver', 'posting.arrival.confirm', P.arrival(new Date().toISOString().slice(0, 10)));
});
afterAll(async () => {
  await api?.close();
});

test('without a 2027 table, 2027 deadlines are provisional: on the duty, in the list and on the dashboard', async () => {
  const list = json<CalendarList>(ok(await call(api.http, s.sender!, 'GET', '/api/calendar')));
  expect(list.lastYear).toBe(2026);
  expect(list.years.find((y) => y.year === 2026)).toMatchObject({ version: 1, loadedBy: 'system' });
  expect(list.years.some((y) => y.year === 2027)).toBe(false);

  const d = await detail();
  const later = duties(d).filter(in2027);
  expect(later.length).toBeGreaterThan(0);
  for (const x of later)
    expect(x).toMatchObject({
      provisional: true,
      calendarVersion: expect.stringContaining('2027:none') as unknown,
    });
  // the December 2026 ones are computed with the shipped 2026 table
  for (const x of duties(d).filter((y) => y.calendarVersion !== null && y.dueAt < '2027-01-01'))
    expect(x).toMatchObject({
      provisional: false,
      calendarVersion: expect.stringContaining('2026:1') as unknown,
    });
  expect(d.summary.provisional).toBe(true);
  expect(d.live.provisional).toBe(later.length);

  const flagged = json<{ items: { caseId: string }[] }>(
    ok(await call(api.http, s.admin!, 'GET', '/api/cases?provisional=true')),
  );
  expect(flagged.items.map((c) => c.caseId)).toContain(caseId);
  expect(json<Stats>(ok(await call(api.http, s.admin!, 'GET', '/api/stats'))).provisional).toBe(1);
});

test('loading a year: only org admins, and a table that contradicts itself is refused naming the entry', async () => {
  const body = { table: FIXTURE_2027, source: '测试数据 / test fixture for 2027' };
  expect((await call(api.http, s.sender!, 'POST', '/api/calendar', body)).statusCode).toBe(403);
  const weekday = { ...FIXTURE_2027, workdays: [{ date: '2027-03-03', name: '错' }] };
  const bad = await call(api.http, s.admin!, 'POST', '/api/calendar', { ...body, table: weekday });
  expect(bad.statusCode).toBe(400);
  expect(json<{ error: { field: string; message: string } }>(bad).error).toMatchObject({
    field: 'body.table.workdays.0.date',
    message: expect.stringContaining('Saturday or Sunday') as unknown,
  });
  const noSource = await call(api.http, s.admin!, 'POST', '/api/calendar', {
    table: FIXTURE_2027,
    source: '',
  });
  expect(json<{ error: { field: string } }>(noSource).error.field).toBe('body.source');
  expect(json<CalendarList>(ok(await call(api.http, s.admin!, 'GET', '/api/calendar'))).lastYear).toBe(2026);
});

test('loading the 2027 table re-plans the provisional deadlines onto 2027 working days, with an audit entry per case', async () => {
  const before = await detail();
  const res = ok(
    await call(api.http, s.admin!, 'POST', '/api/calendar', {
      table: FIXTURE_2027,
      source: '测试数据 / test fixture for 2027',
    }),
  );
  expect(res.statusCode).toBe(201);
  const answer = json<CalendarLoadAnswer>(res);
  expect(answer.loaded).toMatchObject({ year: 2027, version: 1, loadedBy: 'admin' });
  expect(answer.replan).toMatchObject({ considered: 1, changed: 1, skipped: 0, failed: 0 });
  expect(answer.replan.items[0]).toMatchObject({
    caseId,
    outcome: 'changed',
    change: expect.stringContaining('no longer provisional (2027:1)') as unknown,
  });

  const after = await detail();
  const byId = new Map(duties(after).map((x) => [x.id, x]));
  for (const x of duties(before).filter(in2027)) {
    const y = byId.get(x.id)!;
    expect(y).toMatchObject({
      provisional: false,
      calendarVersion: expect.stringContaining('2027:1') as unknown,
    });
    // never on a 2027 holiday
    const day = new Date(Date.parse(y.dueAt) + 8 * 3600_000).toISOString().slice(0, 10);
    for (const h of FIXTURE_2027.holidays) expect(day >= h.from && day <= h.to).toBe(false);
  }
  expect(after.summary.provisional).toBe(false);
  const trail = await getAuditTrail(api.world.db, caseId);
  expect(trail.at(-1)).toMatchObject({
    eventType: 'calendar.update',
    actorId: 'calendar:admin',
    actorRole: 'system',
    reason: expect.stringContaining('test fixture for 2027') as unknown,
    payload: expect.objectContaining({ year: 2027, version: 1 }) as unknown,
  });
  const flagged = json<{ items: { caseId: string }[] }>(
    ok(await call(api.http, s.admin!, 'GET', '/api/cases?provisional=true')),
  );
  expect(flagged.items.map((c) => c.caseId)).not.toContain(caseId);

  // run again: nothing to do, nothing recorded
  const again = json<CalendarReplanAnswer>(
    ok(await call(api.http, s.admin!, 'POST', '/api/calendar/2027/replan', {})),
  );
  expect(again).toMatchObject({ year: 2027, version: 1, changed: 0, skipped: 1 });
  expect(again.items[0]).toMatchObject({
    outcome: 'skipped',
    reason: expect.stringContaining('calendar.noChange') as unknown,
  });
  expect((await getAuditTrail(api.world.db, caseId)).length).toBe(trail.length);
  expect((await call(api.http, s.admin!, 'POST', '/api/calendar/2031/replan', {})).statusCode).toBe(404);
});
