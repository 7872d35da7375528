import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { P } from '../../machines/v2/support/fixtures';
import { tamper } from '../../unit/db/support';
import { waitForProjection } from '../api/support/apiWorld';
import { A_UNITS, B_UNITS, nominationBody } from '../api/support/cases';
import { createCliWorld, type CliWorld } from './support/cli';

/** Working cases from the command line: nominate, list, show, send, intervene, audit verify. */
jest.setTimeout(120_000);

let w: CliWorld;
let caseA = '';
let caseB = '';

interface CaseDoc {
  caseId: string;
  event: string;
  status: string;
  case: { caseId: string; status: string; openDuties: unknown[] };
}

beforeAll(async () => {
  w = await createCliWorld();
  for (const user of ['admin', 'county-admin', 'sender', 'receiver', 'auditor']) await w.login(user);
  const file = join(w.home('sender'), 'nomination.json');
  writeFileSync(file, JSON.stringify(nominationBody(A_UNITS)));
  const res = await w.as('sender', ['nominate', '--file', file, '--json']);
  expect(res.code).toBe(0);
  caseA = res.json<{ caseId: string }>().caseId;
  const b = await w.as('county-admin', ['nominate', '--json'], {
    stdin: JSON.stringify(nominationBody(B_UNITS)),
  });
  expect(b.code).toBe(0);
  caseB = b.json<{ caseId: string }>().caseId;
  await waitForProjection(w.api, caseA);
  await waitForProjection(w.api, caseB);
});
afterAll(async () => {
  await w?.close();
});

test('nominate: --json gives the case id and status; plain output is the case id alone, for $(…)', async () => {
  const res = await w.as('sender', ['nominate'], { stdin: JSON.stringify(nominationBody(A_UNITS)) });
  expect(res.code).toBe(0);
  const id = res.stdout.trim();
  expect(id).toMatch(/^[A-Za-z0-9_-]{6,64}$/);
  expect(res.stderr).toContain('NOMINATED');
  const shown = await w.as('sender', ['show', id, '--json']);
  expect(shown.json()).toMatchObject({ caseId: id, status: 'NOMINATED' });
});

test('nominate: bad JSON and an invalid nomination exit 2 naming the input', async () => {
  const file = join(w.home('sender'), 'broken.json');
  writeFileSync(file, '{"cadre": ');
  const broken = await w.as('sender', ['nominate', '--file', file, '--json']);
  expect(broken.code).toBe(2);
  expect(broken.error().message).toContain('broken.json');

  const { personId: _p, ...withoutPerson } = nominationBody(A_UNITS);
  const invalid = await w.as('sender', ['nominate', '--json'], { stdin: JSON.stringify(withoutPerson) });
  expect(invalid.code).toBe(2);
  expect(invalid.error()).toMatchObject({ code: 'INVALID_INPUT', field: 'body.personId' });

  const otherUnit = await w.as('sender', ['nominate', '--json'], {
    stdin: JSON.stringify(nominationBody(B_UNITS)),
  });
  expect([otherUnit.code, otherUnit.error().code]).toEqual([3, 'FORBIDDEN']);
});

test('list: filters reach the API and --json is the API’s page', async () => {
  const mine = await w.as('admin', [
    'list',
    '--status',
    'NOMINATED',
    '--sending-unit',
    A_UNITS.sending,
    '--json',
  ]);
  expect(mine.code).toBe(0);
  const page = mine.json<{ items: { caseId: string }[]; total: number; limit: number; offset: number }>();
  expect(page.items.map((i) => i.caseId)).toContain(caseA);
  expect(page.items.map((i) => i.caseId)).not.toContain(caseB);
  expect(page).toMatchObject({ limit: 50, offset: 0 });

  const posting = await w.as('admin', ['list', '--status', 'POSTING', '--json']);
  expect(posting.json<{ items: { caseId: string }[] }>().items.map((i) => i.caseId)).not.toContain(caseA);

  const paged = await w.as('admin', [
    'list',
    '--sort',
    'caseId',
    '--order',
    'desc',
    '--limit',
    '1',
    '--offset',
    '1',
    '--json',
  ]);
  expect(paged.json<{ items: unknown[]; limit: number; offset: number }>()).toMatchObject({
    limit: 1,
    offset: 1,
  });
  expect(paged.json<{ items: unknown[] }>().items).toHaveLength(1);

  const window = await w.as('admin', [
    'list',
    '--deadline-from',
    '2000-01-01',
    '--deadline-to',
    '2999-12-31T00:00:00Z',
    '--not-overdue',
    '--json',
  ]);
  expect(window.code).toBe(0);
  expect(window.json<{ items: { caseId: string }[] }>().items.map((i) => i.caseId)).toContain(caseA);

  const badDate = await w.as('admin', ['list', '--deadline-to', 'tomorrow', '--json']);
  expect([badDate.code, badDate.error().field]).toEqual([2, '--deadline-to']);
});

test('list: the human table has zh-CN headers first and stays aligned with Chinese text', async () => {
  const res = await w.as('admin', ['list', '--sending-unit', A_UNITS.sending]);
  expect(res.code).toBe(0);
  const lines = res.stdout.split('\n');
  expect(lines[0]).toMatch(/^案件 \/ Case\s+姓名 \/ Name\s+状态 \/ Status/);
  expect(res.stdout).toContain(caseA);
  // names, not codes
  expect(res.stdout).toContain('冯雅琴');
  expect(res.stdout).toContain('东安县白沙镇');
  expect(res.stdout).toMatch(/共 \d+ 件/);
  // Every row starts its status column where the header's does, counting CJK as two columns.
  const width = (s: string) =>
    [...s].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  const header = lines[0] ?? '';
  const statusCol = width(header.slice(0, header.indexOf('状态')));
  const row = lines.find((l) => l.startsWith(caseA)) ?? '';
  expect(width(row.slice(0, row.indexOf('NOMINATED')))).toBe(statusCol);
});

test('show: status, open duties with escalation step, allowed events, audit trail, personnel file', async () => {
  const res = await w.as('admin', ['show', caseA, '--json']);
  expect(res.code).toBe(0);
  const d = res.json<{
    caseId: string;
    status: string;
    openDuties: { id: string; dueAt: string; escalationStep: string | null }[];
    allowedEvents: { type: string }[];
    auditTrail: { eventType: string }[];
    personnelFile: unknown[];
  }>();
  expect(d).toMatchObject({ caseId: caseA, status: 'NOMINATED' });
  expect(d.openDuties.length).toBeGreaterThan(0);
  expect(d.openDuties[0]).toHaveProperty('escalationStep');
  expect(d.allowedEvents.map((e) => e.type)).toContain('approval.approve');
  expect(d.auditTrail.map((e) => e.eventType)).toEqual(['nomination.create']);
  expect(Array.isArray(d.personnelFile)).toBe(true);

  const human = await w.as('admin', ['show', caseA]);
  expect(human.code).toBe(0);
  for (const heading of [
    '状态 / Status',
    '未完成事项 / Open duties',
    '催办级别 / Escalation',
    '你可以执行的操作 / Events you may send now',
    'approval.approve',
    '审计记录',
    'nomination.create',
    '干部档案 / Personnel file',
  ])
    expect(human.stdout).toContain(heading);
});

test('another county’s case is not found (4), for reading and for writing', async () => {
  const show = await w.as('county-admin', ['show', caseA, '--json']);
  expect([show.code, show.error().code]).toEqual([4, 'NOT_FOUND']);
  const send = await w.as('county-admin', [
    'send',
    caseA,
    'approval.reject',
    '--data',
    '{"reason":"越权"}',
    '--json',
  ]);
  expect(send.code).toBe(4);
  const intervene = await w.as('county-admin', [
    'intervene',
    caseA,
    'case.hold',
    '--reason',
    '越权',
    '--json',
  ]);
  expect(intervene.code).toBe(4);
  const verify = await w.as('county-admin', ['audit', 'verify', caseA, '--json']);
  expect(verify.code).toBe(4);
  const missing = await w.as('admin', ['show', 'c-no-such-case', '--json']);
  expect(missing.code).toBe(4);
});

test('send: an allowed event changes the case; a refused one exits 5 with the rule; the wrong role exits 3', async () => {
  const approve = await w.as('admin', ['send', caseA, 'approval.approve', '--data', '{}', '--json']);
  expect(approve.code).toBe(0);
  expect(approve.json<CaseDoc>()).toMatchObject({
    caseId: caseA,
    event: 'approval.approve',
    status: 'POSTING',
  });

  const refused = await w.as('admin', ['send', caseA, 'final.open', '--json']);
  expect(refused.code).toBe(5);
  expect(refused.error().code).toBe('EVENT_REFUSED');
  expect(refused.error().rule).toBeTruthy();

  const wrongRole = await w.as('receiver', [
    'send',
    caseA,
    'posting.introduction.send',
    '--data',
    JSON.stringify(P.intro),
    '--json',
  ]);
  expect(wrongRole.code).toBe(3);
  expect(wrongRole.error()).toMatchObject({ code: 'FORBIDDEN', rule: 'role.permission' });

  const file = join(w.home('receiver'), 'mentor.json');
  writeFileSync(file, JSON.stringify(P.mentor));
  const fromFile = await w.as('receiver', ['send', caseA, 'posting.mentor.name', '--file', file]);
  expect(fromFile.code).toBe(0);
  expect(fromFile.stdout).toContain('状态 / Status');
  expect(fromFile.stdout).toContain('POSTING');

  const badJson = await w.as('admin', ['send', caseA, 'posting.post.arrange', '--data', '{title:', '--json']);
  expect([badJson.code, badJson.error().field]).toEqual([2, '--data']);
  const badPayload = await w.as('admin', ['send', caseA, 'posting.post.arrange', '--data', '{}', '--json']);
  expect(badPayload.code).toBe(2);
  expect(badPayload.error()).toMatchObject({ code: 'INVALID_INPUT', field: 'body.title' });
  const intervention = await w.as('admin', ['send', caseA, 'admin.case.hold', '--json']);
  expect(intervention.code).toBe(2);
  expect(intervention.error().message).toContain('intervene');

  const behalf = await w.as('admin', [
    'send',
    caseA,
    'posting.post.arrange',
    '--data',
    JSON.stringify(P.arrange),
    '--on-behalf-of',
    'receiving_officer:receiver',
    '--json',
  ]);
  expect(behalf.code).toBe(0);
  const trail = (await w.as('admin', ['show', caseA, '--json'])).json<{
    auditTrail: { eventType: string; actorId: string; onBehalfOf: string | null }[];
  }>().auditTrail;
  expect(trail.at(-1)).toMatchObject({ eventType: 'posting.post.arrange', actorId: 'admin' });
  expect(trail.at(-1)?.onBehalfOf).toBe(`receiving_officer@${A_UNITS.receiving}/receiver`);
  // a made-up party is refused: on-behalf-of names a real user of the case's unit
  const madeUp = await w.as('admin', [
    'send',
    caseA,
    'posting.mentor.name',
    '--data',
    JSON.stringify(P.mentor),
    '--on-behalf-of',
    'receiving_officer:clerk-li',
    '--json',
  ]);
  expect([madeUp.code, madeUp.error().field]).toEqual([3, 'body.onBehalfOf.id']);
});

test('intervene: needs a reason (2), holds and resumes the case; not for auditors (3)', async () => {
  const noReason = await w.as('admin', ['intervene', caseA, 'admin.case.hold', '--json']);
  expect([noReason.code, noReason.error().field]).toEqual([2, '--reason']);

  const auditor = await w.as('auditor', [
    'intervene',
    caseA,
    'case.hold',
    '--reason',
    '审计不能干预',
    '--json',
  ]);
  expect([auditor.code, auditor.error().code]).toEqual([3, 'FORBIDDEN']);

  const hold = await w.as('admin', ['intervene', caseA, 'admin.case.hold', '--reason', '干部病假', '--json']);
  expect(hold.code).toBe(0);
  expect(hold.json<CaseDoc>()).toMatchObject({ event: 'admin.case.hold', status: 'ON_HOLD' });
  const resume = await w.as('admin', ['intervene', caseA, 'case.resume', '--reason', '病假结束', '--json']);
  expect(resume.code).toBe(0);
  expect(resume.json<CaseDoc>()).toMatchObject({ event: 'admin.case.resume', status: 'POSTING' });
  const again = await w.as('admin', ['intervene', caseA, 'case.resume', '--reason', '重复恢复', '--json']);
  expect(again.code).toBe(5);
});

test('audit verify: an intact chain exits 0; a tampered one exits 8 naming the first broken entry', async () => {
  const all = await w.as('auditor', ['audit', 'verify', '--json']);
  expect(all.code).toBe(0);
  expect(all.json()).toMatchObject({ ok: true, results: [] });
  expect(all.json<{ cases: number }>().cases).toBeGreaterThanOrEqual(1);
  const human = await w.as('auditor', ['audit', 'verify', caseA]);
  expect(human.code).toBe(0);
  expect(human.stdout).toContain('审计链完整 / Audit chain intact');

  const victim = (
    await w.as('admin', ['nominate', '--json'], { stdin: JSON.stringify(nominationBody(A_UNITS)) })
  ).json<{
    caseId: string;
  }>().caseId;
  await waitForProjection(w.api, victim);
  await tamper(
    w.api.world.db,
    `UPDATE audit_entries SET reason = 'rewritten' WHERE case_id = $1 AND seq = 1`,
    [victim],
  );

  const one = await w.as('auditor', ['audit', 'verify', victim, '--json']);
  expect(one.code).toBe(8);
  expect(one.json()).toMatchObject({
    ok: false,
    results: [{ caseId: victim, ok: false, firstBrokenSeq: 1 }],
  });
  const scope = await w.as('admin', ['audit', 'verify']);
  expect(scope.code).toBe(8);
  expect(scope.stdout).toContain('审计链断裂');
  expect(scope.stdout).toContain(victim);
});
