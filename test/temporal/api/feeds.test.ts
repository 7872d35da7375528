import ICAL from 'ical.js';
import { stepTime } from '../../../machines/secondment';
import { getCaseState } from '../../../store';
import {
  call,
  createApiWorld,
  login,
  waitForProjection,
  type ApiWorld,
  type Session,
} from './support/apiWorld';
import { A_UNITS, nominationBody } from './support/cases';
import type { Res } from './support/http';

/**
 * Calendar feeds (日历订阅) on the dev server: a user makes a feed URL, a calendar client fetches it
 * without a session, and it holds exactly the duties /api/my/duties lists for that user, with the
 * reminder at the first step of the case's escalation ladder; an extension moves the event (same
 * UID, higher SEQUENCE); revoking makes the URL 404, regenerating gives a new one. Parsed back with
 * Mozilla's ical.js.
 */
jest.setTimeout(180_000);

let api: ApiWorld;
let admin: Session;
let sender: Session;
let caseId = '';

interface Parsed {
  uid: string;
  start: string;
  sequence: number;
  summary: string;
  alarms: string[];
}

function parse(text: string): { name: string; events: Parsed[] } {
  const cal = new ICAL.Component(ICAL.parse(text) as unknown[]);
  return {
    name: String(cal.getFirstPropertyValue('x-wr-calname')),
    events: cal.getAllSubcomponents('vevent').map((v) => {
      const e = new ICAL.Event(v);
      return {
        uid: e.uid,
        start: e.startDate.toJSDate().toISOString(),
        sequence: e.sequence,
        summary: e.summary,
        alarms: v.getAllSubcomponents('valarm').map((a) => {
          const value = a.getFirstProperty('trigger')?.getFirstValue();
          return value instanceof ICAL.Time ? value.toJSDate().toISOString() : `relative:${String(value)}`;
        }),
      };
    }),
  };
}

/** Fetched as a calendar client does: no cookie, no CSRF, only the URL. */
const fetchFeed = (path: string): Promise<Res> => api.http.inject({ method: 'GET', url: path });

async function myDuties(s: Session) {
  const res = await call(api.http, s, 'GET', '/api/my/duties');
  return (res.json() as { items: { caseId: string; duty: { id: string; dueAt: string } }[] }).items;
}

const toSecond = (iso: string) => new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString();

const uidOf = (d: { caseId: string; duty: { id: string } }) =>
  `${d.caseId}.${encodeURIComponent(d.duty.id)}@secondment.invalid`;

beforeAll(async () => {
  api = await createApiWorld();
  admin = await login(api.http, 'admin');
  sender = await login(api.http, 'sender');
  const res = await call(api.http, sender, 'POST', '/api/cases', nominationBody(A_UNITS));
  expect(res.statusCode).toBe(201);
  caseId = (res.json() as { case: { caseId: string } }).case.caseId;
  await waitForProjection(api, caseId);
});

afterAll(async () => {
  await api?.close();
});

test('a feed holds exactly the duties the user owes, with the ladder’s first step as alarm, and follows an extension', async () => {
  const made = await call(api.http, admin, 'POST', '/api/my/feeds', { purpose: 'duties' });
  expect(made.statusCode).toBe(201);
  const { path, token } = made.json() as { path: string; token: string };
  expect(path).toBe(`/api/feeds/${token}.ics`);
  // only the token's hash is stored
  const rows = await api.world.db.query<{ token_hash: string }>('SELECT token_hash FROM feed_tokens');
  expect(JSON.stringify(rows)).not.toContain(token);

  const res = await fetchFeed(path);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('text/calendar');
  const feed = parse(res.body);
  expect(feed.name).toContain('挂职工作待办');
  const owed = await myDuties(admin);
  expect(owed.length).toBeGreaterThan(0);
  expect(feed.events.map((e) => e.uid).sort()).toEqual(owed.map(uidOf).sort());
  // the reminder is the first step of the case's own policy (3 working days before, by its holiday table)
  const state = await getCaseState(api.world.db, caseId);
  const ctx = state!.snapshot.version === 2 ? state!.snapshot.snapshot.context : null;
  for (const d of owed) {
    const event = feed.events.find((e) => e.uid === uidOf(d))!;
    // ICS times are to the second
    expect(event.start).toBe(toSecond(d.duty.dueAt));
    const duty = ctx!.duties.find((x) => x.id === d.duty.id)!;
    expect(event.alarms).toEqual([toSecond(stepTime(ctx!, duty, 'reminder'))]);
    expect(Date.parse(event.alarms[0]!)).toBeLessThan(Date.parse(event.start));
  }
  // the sending officer's feed is theirs: not the department's duties
  const senderFeed = (await call(api.http, sender, 'POST', '/api/my/feeds', {})).json() as { path: string };
  const senders = parse((await fetchFeed(senderFeed.path)).body);
  expect(senders.events.map((e) => e.uid).sort()).toEqual((await myDuties(sender)).map(uidOf).sort());
  for (const e of senders.events) expect(owed.map(uidOf)).not.toContain(e.uid);

  // an extension moves the deadline: the same event, later, with a higher sequence
  const target = owed.find((d) => d.caseId === caseId)!;
  const until = new Date(Date.parse(target.duty.dueAt) + 10 * 86_400_000).toISOString();
  const ext = await call(
    api.http,
    admin,
    'POST',
    `/api/cases/${caseId}/interventions/admin.deadline.extend`,
    {
      dutyId: target.duty.id,
      until,
      reason: '订阅测试顺延',
    },
  );
  expect(ext.statusCode).toBe(200);
  const before = feed.events.find((e) => e.uid === uidOf(target))!;
  let after: Parsed | undefined;
  for (let i = 0; i < 50; i++) {
    after = parse((await fetchFeed(path)).body).events.find((e) => e.uid === uidOf(target));
    if (after && after.start !== before.start) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(after?.start).toBe(toSecond(until));
  expect(after!.sequence).toBeGreaterThan(before.sequence);
});

test('revoking makes the URL answer 404; regenerating gives a new URL and retires the old', async () => {
  const first = (await call(api.http, admin, 'POST', '/api/my/feeds', { purpose: 'duties' })).json() as {
    path: string;
  };
  expect((await fetchFeed(first.path)).statusCode).toBe(200);
  const second = (await call(api.http, admin, 'POST', '/api/my/feeds', { purpose: 'duties' })).json() as {
    path: string;
  };
  expect(second.path).not.toBe(first.path);
  expect((await fetchFeed(first.path)).statusCode).toBe(404);
  expect((await fetchFeed(second.path)).statusCode).toBe(200);
  const listed = (await call(api.http, admin, 'GET', '/api/my/feeds')).json() as {
    feeds: { purpose: string }[];
    available: string[];
  };
  expect(listed.feeds.map((f) => f.purpose)).toEqual(['duties']);
  expect(listed.available).toEqual(['duties', 'overdue']);
  const revoked = await call(api.http, admin, 'POST', '/api/my/feeds/revoke', { purpose: 'duties' });
  expect(revoked.json()).toEqual({ revoked: 1 });
  const gone = await fetchFeed(second.path);
  expect([gone.statusCode, (gone.json() as { error: { code: string } }).error.code]).toEqual([
    404,
    'NOT_FOUND',
  ]);
  // a made-up token is no different
  expect((await fetchFeed(`/api/feeds/${'x'.repeat(32)}.ics`)).statusCode).toBe(404);
});

test('the department feed is for org admins and lists only overdue and stuck items, without alarms', async () => {
  const refused = await call(api.http, sender, 'POST', '/api/my/feeds', { purpose: 'overdue' });
  expect([refused.statusCode, (refused.json() as { error: { field?: string } }).error.field]).toEqual([
    403,
    'body.purpose',
  ]);
  const made = (await call(api.http, admin, 'POST', '/api/my/feeds', { purpose: 'overdue' })).json() as {
    path: string;
  };
  const feed = parse((await fetchFeed(made.path)).body);
  expect(feed.name).toContain('逾期与停滞');
  const now = Date.now();
  const overdue = (await myDuties(admin)).filter((d) => Date.parse(d.duty.dueAt) < now);
  // a freshly nominated case owes nothing overdue yet: every event listed is past due or stuck
  for (const e of feed.events) {
    expect(Date.parse(e.start)).toBeLessThan(now);
    expect(e.alarms).toEqual([]);
  }
  expect(feed.events.length).toBeGreaterThanOrEqual(overdue.length);
});
