import type { CaseView, InterventionPreview, Proposal, StuckList } from '../../../contract';
import { demoPolicy, type Policy } from '../../../machines/secondment';
import { getAuditTrail, listNotifications } from '../../../store';
import { DEMO_PASSWORD } from '../../../stack/demo/users';
import { P } from '../../machines/v2/support/fixtures';
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
 * 双人复核 (four eyes) and the preview of every single intervention, through the API on the dev
 * server. The preview is the stored state through the machine the workflow runs, so applying the
 * intervention right after gives exactly the state, duties and notifications it showed; forcing a
 * state and waiving a duty (named by the shipped policy) are applied only when a second admin of
 * the department approves, never by the proposer, and a rejected proposal changes nothing.
 */
jest.setTimeout(240_000);

let api: ApiWorld;
const s: Record<string, Session> = {};
const json = <T>(res: Res): T => res.json() as T;
const ok = (res: Res) => {
  if (res.statusCode >= 300) throw new Error(`${res.statusCode}: ${res.body}`);
  return res;
};
const err = (res: Res) => {
  const e = (res.json() as { error?: { code: string; rule?: string } }).error;
  return [res.statusCode, e?.code, e?.rule];
};

beforeAll(async () => {
  api = await createApiWorld({
    users: [
      {
        username: 'admin2',
        displayName: '市委组织部 李副主任',
        role: 'org_admin',
        units: [A_UNITS.org],
        password: DEMO_PASSWORD,
      },
    ],
  });
  for (const u of ['admin', 'admin2', 'sender', 'receiver', 'county-admin']) s[u] = await login(api.http, u);
  // the proposer in another session: still the proposer
  s['admin-again'] = await login(api.http, 'admin');
});
afterAll(async () => {
  await api?.close();
});

async function postingCase(): Promise<string> {
  const created = ok(await call(api.http, s.sender!, 'POST', '/api/cases', nominationBody(A_UNITS)));
  const caseId = json<{ case: { caseId: string } }>(created).case.caseId;
  await waitForProjection(api, caseId);
  ok(await call(api.http, s.admin!, 'POST', `/api/cases/${caseId}/events/approval.approve`, P.approve));
  return caseId;
}

const view = async (caseId: string) =>
  json<{ live: CaseView }>(ok(await call(api.http, s.admin!, 'GET', `/api/cases/${caseId}`))).live;
const url = (caseId: string, type: string) => `/api/cases/${caseId}/interventions/${type}`;

async function preview(caseId: string, type: string, body: object): Promise<InterventionPreview> {
  return json<InterventionPreview>(
    ok(await call(api.http, s.admin!, 'POST', `${url(caseId, type)}/preview`, body)),
  );
}

const shape = (v: CaseView) =>
  [...v.openDuties, ...v.plannedDuties].map((d) => ({
    id: d.id,
    kind: d.kind,
    state: d.state,
    owner: d.owner,
    paused: d.paused,
    stuck: d.stuck,
    provisional: d.provisional,
  }));

/** The result equals the preview: status, duties, due dates (to the time between them), notifications. */
async function expectResultIsPreview(caseId: string, p: InterventionPreview, previewedAt: number) {
  const elapsed = Date.now() - previewedAt + 1000;
  const after = await view(caseId);
  expect(p.willChange).toBe(true);
  expect(after.status).toBe(p.after!.status);
  expect(after.lastSeq).toBe(p.after!.lastSeq);
  expect(shape(after)).toEqual(shape(p.after!));
  const planned = new Map([...p.after!.openDuties, ...p.after!.plannedDuties].map((d) => [d.id, d.dueAt]));
  for (const d of [...after.openDuties, ...after.plannedDuties]) {
    const diff = Date.parse(d.dueAt) - Date.parse(planned.get(d.id)!);
    expect([d.id, diff >= 0 && diff <= elapsed]).toEqual([d.id, true]);
  }
  // the notifications written with that step are the ones the preview listed
  const sent = (await listNotifications(api.world.db, caseId))
    .filter((n) => n.seq === after.lastSeq)
    .map(
      (n) =>
        `${n.template} → ${n.recipientRole}@${n.recipientUnit}${n.recipientPersonId ? `#${n.recipientPersonId}` : ''}`,
    )
    .sort();
  const shown = p.notifications
    .flatMap((n) =>
      n.recipients.map((r) => `${n.template} → ${r.role}@${r.unit}${r.personId ? `#${r.personId}` : ''}`),
    )
    .sort();
  expect(sent).toEqual(shown);
  expect(shown.length).toBeGreaterThan(0);
}

async function proposeAndApprove(caseId: string, type: string, body: object): Promise<Proposal> {
  const proposed = json<{ proposal: Proposal }>(
    ok(await call(api.http, s.admin!, 'POST', `${url(caseId, type)}/proposals`, body)),
  ).proposal;
  return json<{ proposal: Proposal }>(
    ok(
      await call(api.http, s.admin2!, 'POST', `/api/proposals/${proposed.proposalId}/approve`, {
        reason: '已核实 / checked',
      }),
    ),
  ).proposal;
}

test('the preview of each intervention is exactly its result (hold, resume, extend, reassign, waive, force)', async () => {
  const caseId = await postingCase();
  const first = await view(caseId);
  const intro = first.openDuties.find((d) => d.kind === 'posting.introduction')!;
  const mentor = first.openDuties.find((d) => d.kind === 'posting.mentor') ?? first.openDuties[1]!;
  const until = new Date(Date.now() + 40 * 86_400_000).toISOString();
  const steps: [string, object][] = [
    ['admin.deadline.extend', { dutyId: intro.id, until, reason: '材料补交 / papers late' }],
    [
      'admin.duty.reassign',
      {
        dutyId: mentor.id,
        owner: { role: 'sending_officer', unit: A_UNITS.sending },
        reason: '改由派出单位 / sender takes it',
      },
    ],
    ['admin.case.hold', { reason: '干部病假 / sick leave' }],
    ['admin.case.resume', { reason: '病愈返岗 / back' }],
    ['admin.duty.waive', { dutyId: intro.id, reason: '已当面介绍 / introduced in person' }],
    ['admin.case.force', { to: 'WITHDRAWN', reason: '本人申请退出 / withdrew' }],
  ];
  for (const [type, body] of steps) {
    const before = await view(caseId);
    const at = Date.now();
    const p = await preview(caseId, type, body);
    // nothing changed by looking
    expect((await view(caseId)).lastSeq).toBe(before.lastSeq);
    expect(p.before!.lastSeq).toBe(before.lastSeq);
    expect(p.change).not.toBeNull();
    // recipients by name: every notification names who gets it (a desk's accounts, or the person)
    expect(p.notifications.every((n) => n.recipients.length > 0 && n.text.length > 0)).toBe(true);
    expect(p.fourEyes.required).toBe(type === 'admin.duty.waive' || type === 'admin.case.force');
    if (p.fourEyes.required) {
      const done = await proposeAndApprove(caseId, type, body);
      expect(done.result).toMatchObject({ outcome: 'changed' });
    } else ok(await call(api.http, s.admin!, 'POST', url(caseId, type), body));
    await expectResultIsPreview(caseId, p, at);
  }
  // a recipient shown by name: the sending unit's desk when its duty was waived
  expect((await view(caseId)).status).toBe('WITHDRAWN');
});

test('a preview the machine refuses says why and changes nothing', async () => {
  const caseId = await postingCase();
  const p = await preview(caseId, 'admin.case.resume', { reason: '未暂停 / not on hold' });
  expect(p.willChange).toBe(false);
  expect(p.refusal).toMatch(/\[/);
  expect(p.after).toBeNull();
  const bad = await call(api.http, s.admin!, 'POST', `${url(caseId, 'admin.case.hold')}/preview`, {});
  expect([bad.statusCode, (bad.json() as { error: { field: string } }).error.field]).toEqual([
    400,
    'body.reason',
  ]);
});

test('four eyes: applied only after a different admin approves; the proposer never; a rejection changes nothing', async () => {
  const caseId = await postingCase();
  const duty = (await view(caseId)).openDuties.find((d) => d.kind === 'posting.introduction')!;
  const body = { dutyId: duty.id, reason: '已当面介绍 / introduced in person' };
  const trailLength = async () => (await getAuditTrail(api.world.db, caseId)).length;
  const before = await trailLength();

  // straight application is refused, naming the rule
  expect(err(await call(api.http, s.admin!, 'POST', url(caseId, 'admin.duty.waive'), body))).toEqual([
    409,
    'FOUR_EYES_REQUIRED',
    'fourEyes.required',
  ]);
  const first = json<{ proposal: Proposal }>(
    ok(await call(api.http, s.admin!, 'POST', `${url(caseId, 'admin.duty.waive')}/proposals`, body)),
  ).proposal;
  expect(first).toMatchObject({
    status: 'open',
    caseId,
    proposedBy: { id: 'admin', name: '市委组织部 王主任' },
  });
  expect(Date.parse(first.dueAt)).toBeGreaterThan(Date.now());
  expect(first.change).toContain(duty.id);
  // the decision is the department's other admins' duty: their desk is told
  const told = (await listNotifications(api.world.db, caseId)).filter(
    (n) => n.template === 'proposal.opened',
  );
  expect(told.map((n) => [n.recipientRole, n.recipientUnit, n.vars.proposalId])).toEqual([
    ['org_admin', A_UNITS.org, first.proposalId],
  ]);
  expect(await trailLength()).toBe(before);

  // the proposer cannot approve nor reject, from any session
  for (const who of ['admin', 'admin-again'])
    for (const verb of ['approve', 'reject'])
      expect(
        err(
          await call(api.http, s[who]!, 'POST', `/api/proposals/${first.proposalId}/${verb}`, {
            reason: '自批 / self',
          }),
        ),
      ).toEqual([403, 'FORBIDDEN', 'fourEyes.distinctAdmin']);
  // another department's admin and a unit officer do not even see it
  for (const who of ['county-admin', 'sender'])
    expect(
      (
        await call(api.http, s[who]!, 'POST', `/api/proposals/${first.proposalId}/approve`, {
          reason: '越权 / no',
        })
      ).statusCode,
    ).toBe(404);
  // a decision needs a reason
  expect(
    (await call(api.http, s.admin2!, 'POST', `/api/proposals/${first.proposalId}/approve`, {})).statusCode,
  ).toBe(400);
  const listed = json<{ items: Proposal[] }>(
    ok(await call(api.http, s.admin2!, 'GET', '/api/proposals?status=open')),
  );
  expect(listed.items.find((p) => p.proposalId === first.proposalId)?.youMayDecide).toBe(true);
  expect(await trailLength()).toBe(before);

  // rejected: nothing changes, and it cannot be approved afterwards
  const rejected = json<{ proposal: Proposal }>(
    ok(
      await call(api.http, s.admin2!, 'POST', `/api/proposals/${first.proposalId}/reject`, {
        reason: '仍须书面介绍 / a written introduction is still needed',
      }),
    ),
  ).proposal;
  expect(rejected).toMatchObject({ status: 'rejected', decidedBy: { id: 'admin2' }, result: null });
  expect(rejected.trail.map((e) => [e.kind, e.actorId])).toEqual([
    ['proposed', 'admin'],
    ['rejected', 'admin2'],
  ]);
  expect(await trailLength()).toBe(before);
  expect((await view(caseId)).openDuties.some((d) => d.id === duty.id)).toBe(true);
  expect(
    err(
      await call(api.http, s.admin2!, 'POST', `/api/proposals/${first.proposalId}/approve`, {
        reason: '改主意 / after all',
      }),
    ),
  ).toEqual([409, 'PROPOSAL_DECIDED', undefined]);

  // approved by the second admin: applied once, both admins in the case's audit trail
  const approved = await proposeAndApprove(caseId, 'admin.duty.waive', body);
  expect(approved).toMatchObject({ status: 'approved', result: { outcome: 'changed' } });
  expect(approved.trail.map((e) => e.kind)).toEqual(['proposed', 'approved', 'applied']);
  const trail = await getAuditTrail(api.world.db, caseId);
  expect(trail.length).toBe(before + 1);
  const last = trail.at(-1)!;
  expect([last.eventType, last.actorId]).toEqual(['admin.duty.waive', 'admin2']);
  expect(last.reason).toContain(approved.proposalId);
  expect(last.reason).toContain('proposed by admin');
  expect((await view(caseId)).openDuties.some((d) => d.id === duty.id)).toBe(false);
});

test('a bulk proposal executes exactly its approved plan: cases changed since are skipped, new ones untouched', async () => {
  const [x, y, z] = [await postingCase(), await postingCase(), await postingCase()];
  const body = {
    filter: { status: 'POSTING' },
    intervention: { type: 'admin.case.hold', payload: { reason: '集中培训 / training' } },
  };
  const proposal = json<{ proposal: Proposal }>(
    ok(await call(api.http, s.admin!, 'POST', '/api/bulk/proposals', body)),
  ).proposal;
  expect(proposal.scope).toBe('bulk');
  const planned = proposal.plan!.filter((i) => i.willChange).map((i) => i.caseId);
  expect(planned).toEqual(expect.arrayContaining([x, y, z]));
  // y moves on before the approval; w is nominated after the plan
  ok(await call(api.http, s.admin!, 'POST', url(y, 'admin.case.hold'), { reason: '单独暂停 / on its own' }));
  const w = await postingCase();
  expect(
    err(
      await call(api.http, s.admin!, 'POST', `/api/proposals/${proposal.proposalId}/approve`, {
        reason: '自批',
      }),
    ),
  ).toEqual([403, 'FORBIDDEN', 'fourEyes.distinctAdmin']);
  const done = json<{ proposal: Proposal }>(
    ok(
      await call(api.http, s.admin2!, 'POST', `/api/proposals/${proposal.proposalId}/approve`, {
        reason: '同意 / agreed',
      }),
    ),
  ).proposal;
  const items = done.result?.outcome === 'bulk' ? done.result.items : [];
  expect(items.map((i) => i.caseId)).toEqual(proposal.plan!.map((i) => i.caseId));
  const outcome = (id: string) => items.find((i) => i.caseId === id)?.outcome;
  expect([outcome(x), outcome(y), outcome(z), outcome(w)]).toEqual([
    'changed',
    'skipped',
    'changed',
    undefined,
  ]);
  const skipped = items.find((i) => i.caseId === y);
  expect(skipped?.outcome === 'skipped' ? skipped.reason : null).toContain('changed since');
  const holds = async (id: string) =>
    (await getAuditTrail(api.world.db, id)).filter((e) => e.eventType === 'admin.case.hold');
  expect((await holds(x)).map((e) => e.actorId)).toEqual(['admin2']);
  expect((await holds(y)).map((e) => e.actorId)).toEqual(['admin']);
  expect(await holds(w)).toEqual([]);
});

test('an undecided proposal climbs the escalation ladder (a durable duty) and lands in the stuck list; a decided one stops', async () => {
  const sec = (amount: number) => ({ amount, unit: 'seconds' as const });
  const fast: Policy = {
    ...demoPolicy,
    id: 'four-eyes-fast',
    fourEyes: { interventions: ['admin.duty.waive'], bulkOver: 20, decideWithin: sec(1) },
    escalation: {
      reminderBefore: sec(5),
      overdueAfter: sec(0),
      unitHeadAfter: sec(1),
      orgDeptAfter: sec(1),
      stuckAfter: sec(2),
    },
  };
  const created = ok(
    await call(api.http, s.admin!, 'POST', '/api/cases', { ...nominationBody(A_UNITS), policy: fast }),
  );
  const caseId = json<{ case: { caseId: string } }>(created).case.caseId;
  await waitForProjection(api, caseId);
  const duty = (await view(caseId)).openDuties[0]!;
  const propose = async () =>
    json<{ proposal: Proposal }>(
      ok(
        await call(api.http, s.admin!, 'POST', `${url(caseId, 'admin.deadline.extend')}/proposals`, {
          dutyId: duty.id,
          until: new Date(Date.now() + 30 * 86_400_000).toISOString(),
          reason: '顺延 / later',
        }),
      ),
    ).proposal;
  const proposal = await propose();
  // decided at once: its ladder ends without a step
  const decided = await propose();
  ok(
    await call(api.http, s.admin2!, 'POST', `/api/proposals/${decided.proposalId}/reject`, {
      reason: '不必 / no',
    }),
  );

  expect(Date.parse(proposal.stuckAt) - Date.parse(proposal.proposedAt)).toBeLessThanOrEqual(3500);
  const stuckIds = async (who: string) =>
    json<StuckList>(ok(await call(api.http, s[who]!, 'GET', '/api/stuck'))).proposals.map(
      (p) => p.proposalId,
    );
  expect(await stuckIds('admin')).not.toContain(proposal.proposalId);
  const trailOf = async (id: string) =>
    json<{ proposal: Proposal }>(ok(await call(api.http, s.admin2!, 'GET', `/api/proposals/${id}`))).proposal;
  // the workflow takes each step at its moment (overdue, unit head, org department, stuck)
  let steps: unknown[] = [];
  for (let i = 0; i < 100 && steps.length < 4; i++) {
    await new Promise((r) => setTimeout(r, 100));
    steps = (await trailOf(proposal.proposalId)).trail
      .filter((e) => e.kind === 'escalated')
      .map((e) => e.detail);
  }
  expect(steps).toEqual([{ step: 'overdue' }, { step: 'unitHead' }, { step: 'orgDept' }, { step: 'stuck' }]);
  const told = (await listNotifications(api.world.db, caseId))
    .filter((n) => n.template === 'proposal.escalated' && n.vars.proposalId === proposal.proposalId)
    .map((n) => [n.vars.step, n.recipientRole]);
  expect(told).toEqual(
    expect.arrayContaining([
      ['overdue', 'org_admin'],
      ['unitHead', 'unit_head'],
      ['orgDept', 'org_admin'],
      ['stuck', 'org_admin'],
    ]),
  );
  expect(told).toHaveLength(4);
  const ladder = (id: string) =>
    api.env.client.workflow.getHandle(`proposal-${id}`).result() as Promise<unknown>;
  expect(await ladder(proposal.proposalId)).toEqual({ decided: false, steps: 4 });
  expect(await ladder(decided.proposalId)).toEqual({ decided: true, steps: 0 });
  expect((await trailOf(decided.proposalId)).trail.map((e) => e.kind)).toEqual(['proposed', 'rejected']);

  await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(proposal.stuckAt) - Date.now() + 100)));
  expect(await stuckIds('admin2')).toContain(proposal.proposalId);
  expect(await stuckIds('admin2')).not.toContain(decided.proposalId);
  expect(await stuckIds('county-admin')).not.toContain(proposal.proposalId);
  expect(await stuckIds('sender')).toEqual([]);
  const listed = json<{ items: Proposal[] }>(
    ok(await call(api.http, s.admin2!, 'GET', `/api/proposals?caseId=${caseId}&status=open`)),
  );
  expect(listed.items.map((p) => [p.proposalId, p.overdue, p.stuck])).toEqual([
    [proposal.proposalId, true, true],
  ]);
});
