import type { MigrationAnswer } from '../../../contract';
import { getAuditTrail, getCaseState } from '../../../store';
import { caseWorkflowId } from '../../../workflows/secondment/definitions';
import { P as P1 } from '../../machines/v1/support/fixtures';
import { startV1, v1InService, v1Send, waitForSeq } from './support/v1Cases';
import { call, createApiWorld, login, type ApiWorld, type Session } from './support/apiWorld';
import type { Res } from './support/http';

/**
 * Running v1 cases move to machine v2 on the dev server: started as the old host started them (no
 * machineVersion in the input), worked to mid-service with v1 events, then previewed and migrated
 * through the API, singly and in bulk. The preview is what the migration does.
 */
jest.setTimeout(180_000);

let api: ApiWorld;
const s: Record<string, Session> = {};
const json = <T>(res: Res): T => res.json() as T;
const ok = (res: Res) => {
  if (res.statusCode >= 300) throw new Error(`${res.statusCode}: ${res.body}`);
  return res;
};

interface Detail {
  status: string;
  summary: { machineVersion: number; status: string };
  live: { machineVersion: number; plannedDuties: { id: string; dueAt: string; provisional: boolean }[] };
  openDuties: { id: string; dueAt: string; provisional: boolean }[];
  allowedEvents: { type: string; label: { zh: string } | null; intervention: boolean }[];
}
const detail = async (caseId: string, who = 'admin') =>
  json<Detail>(ok(await call(api.http, s[who]!, 'GET', `/api/cases/${caseId}`)));

beforeAll(async () => {
  api = await createApiWorld();
  for (const u of ['admin', 'sender', 'receiver', 'cadre']) s[u] = await login(api.http, u);
});
afterAll(async () => {
  await api?.close();
});

test('a v1 case mid-service: previewed, migrated by its org admin with a reason, continues as a v2 run exactly as previewed', async () => {
  const { caseId, firstRunId } = await v1InService(api);
  const before = await detail(caseId);
  expect(before).toMatchObject({ status: 'IN_SERVICE', summary: { machineVersion: 1 } });
  const migrate = before.allowedEvents.find((e) => e.type === 'admin.case.migrate');
  expect(migrate).toMatchObject({ intervention: true, label: { zh: '迁移到第2版规则' } });
  expect((await detail(caseId, 'sender')).allowedEvents.map((e) => e.type)).not.toContain(
    'admin.case.migrate',
  );

  // the dry run: only the org admin, and it changes nothing
  expect((await call(api.http, s.sender!, 'GET', `/api/cases/${caseId}/migration`)).statusCode).toBe(403);
  const preview = json<MigrationAnswer>(
    ok(await call(api.http, s.admin!, 'GET', `/api/cases/${caseId}/migration`)),
  );
  expect(preview).toMatchObject({ caseId, machineVersion: 1, migratable: true, reason: null });
  const p = preview.preview!;
  expect(p.before).toMatchObject({ machineVersion: 1, status: 'IN_SERVICE' });
  expect(p.after).toMatchObject({ machineVersion: 2, status: 'IN_SERVICE' });
  // v2 opens a report only in its period: the later quarters are planned, not open
  expect(p.after.duties.some((d) => d.state === 'planned')).toBe(true);
  expect(p.changes.length).toBeGreaterThan(0);
  expect((await getCaseState(api.world.db, caseId))?.snapshot.version).toBe(1);
  // the intervention preview route gives the same dry run for admin.case.migrate
  const single = json<{ willChange: boolean; change: string; fourEyes: { required: boolean } }>(
    ok(
      await call(
        api.http,
        s.admin!,
        'POST',
        `/api/cases/${caseId}/interventions/admin.case.migrate/preview`,
        {
          reason: '预演 / dry run',
        },
      ),
    ),
  );
  expect(single).toMatchObject({ willChange: true, fourEyes: { required: false } });
  // (a duty the migration opens is due from the moment it is asked: compared without that instant)
  const opened = (t: string) => t.replace(/opened, due [^;]+/g, 'opened');
  expect(opened(single.change)).toBe(opened(`machine v1 → v2; ${p.changes.join('; ')}`));
  expect((await getCaseState(api.world.db, caseId))?.snapshot.version).toBe(1);

  // a reason is required; only the organization department migrates
  const noReason = await call(
    api.http,
    s.admin!,
    'POST',
    `/api/cases/${caseId}/interventions/admin.case.migrate`,
    {},
  );
  expect(noReason.statusCode).toBe(400);
  expect(json<{ error: { field: string } }>(noReason).error.field).toBe('body.reason');
  const bySender = await call(
    api.http,
    s.sender!,
    'POST',
    `/api/cases/${caseId}/interventions/admin.case.migrate`,
    {
      reason: '按新规则办理',
    },
  );
  expect(bySender.statusCode).toBe(403);

  const done = json<{ case: { status: string; machineVersion: number } }>(
    ok(
      await call(api.http, s.admin!, 'POST', `/api/cases/${caseId}/interventions/admin.case.migrate`, {
        reason: '按第2版规则办理 / adopt the v2 rules',
      }),
    ),
  );
  expect(done.case).toMatchObject({ status: 'IN_SERVICE', machineVersion: 2 });

  // the result is the preview: status, open and planned duties with their due dates
  const after = await detail(caseId);
  expect(after).toMatchObject({ status: p.after.status, summary: { machineVersion: 2 } });
  // Duties carried over keep their due date to the millisecond. One the migration opens counts its
  // working days from the moment of migrating, which is the preview's moment plus the time between
  // the two requests (milliseconds here): same day, same time to the minute.
  const carried = new Set(p.before.duties.map((d) => d.id));
  const expectSame = (got: { id: string; dueAt: string }[], want: { id: string; dueAt: string }[]) => {
    expect(got.map((d) => d.id).sort()).toEqual(want.map((d) => d.id).sort());
    for (const w of want) {
      const g = got.find((d) => d.id === w.id)!;
      if (carried.has(w.id)) expect(g.dueAt).toBe(w.dueAt);
      else expect(Math.abs(Date.parse(g.dueAt) - Date.parse(w.dueAt))).toBeLessThan(60_000);
    }
  };
  expectSame(
    after.openDuties,
    p.after.duties.filter((d) => d.state === 'open'),
  );
  expectSame(
    after.live.plannedDuties,
    p.after.duties.filter((d) => d.state === 'planned'),
  );
  expect(after.openDuties.length + after.live.plannedDuties.length).toBe(p.after.duties.length);
  expect(after.allowedEvents.map((e) => e.type)).not.toContain('admin.case.migrate');

  // recorded: who, why, from which version to which
  const trail = await getAuditTrail(api.world.db, caseId);
  expect(trail.at(-1)).toMatchObject({
    eventType: 'admin.case.migrate',
    actorId: 'admin',
    actorRole: 'org_admin',
    reason: '按第2版规则办理 / adopt the v2 rules',
    fromState: 'IN_SERVICE',
    toState: 'IN_SERVICE',
    payload: expect.objectContaining({ fromVersion: 1, toVersion: 2 }) as unknown,
  });

  // a new run (continue-as-new) that runs v2
  const first = await api.env.client.workflow.getHandle(caseWorkflowId(caseId), firstRunId).describe();
  expect(first.status.name).toBe('CONTINUED_AS_NEW');
  const current = await api.env.client.workflow.getHandle(caseWorkflowId(caseId)).describe();
  expect(current.runId).not.toBe(firstRunId);
  expect(current.status.name).toBe('RUNNING');

  // and v2's rules hold: a breach of "no work from the sending unit" can now be reported
  const cadre = await detail(caseId, 'cadre');
  expect(cadre.allowedEvents.map((e) => e.type)).toContain('service.breach.report');
  ok(
    await call(api.http, s.cadre!, 'POST', `/api/cases/${caseId}/events/service.breach.report`, {
      task: '原单位要求回去写年终材料',
      detail: '每周两天',
    }),
  );
  expect((await getAuditTrail(api.world.db, caseId)).at(-1)?.eventType).toBe('service.breach.report');

  // migrating twice is refused by the v2 run itself
  const again = await call(
    api.http,
    s.admin!,
    'POST',
    `/api/cases/${caseId}/interventions/admin.case.migrate`,
    {
      reason: '再迁移一次',
    },
  );
  expect(again.statusCode).toBe(409);
  const none = json<MigrationAnswer>(
    ok(await call(api.http, s.admin!, 'GET', `/api/cases/${caseId}/migration`)),
  );
  expect(none).toMatchObject({ machineVersion: 2, migratable: false, preview: null });
  expect(none.reason).toContain('already on machine version 2');
});

test('bulk: the dry run previews every v1 case, execution migrates the open ones and skips the closed', async () => {
  const nominated = await startV1(api);
  const posting = await startV1(api);
  await v1Send(api, posting.caseId, 'approval.approve', P1.approve, 'org_admin');
  const withdrawn = await startV1(api);
  await v1Send(
    api,
    withdrawn.caseId,
    'nomination.withdraw',
    { reason: '本人申请不再参加' },
    'sending_officer',
  );
  await waitForSeq(api, withdrawn.caseId, 2);
  const mine = new Set([nominated.caseId, posting.caseId, withdrawn.caseId]);
  const body = (dryRun: boolean) => ({
    filter: { machineVersion: 1 },
    intervention: { type: 'admin.case.migrate', payload: { reason: '统一迁移到第2版规则' } },
    dryRun,
  });

  interface Item {
    caseId: string;
    willChange?: boolean;
    change: string | null;
    skipReason?: string | null;
    outcome?: string;
    status?: string;
  }
  const plan = json<{ items: Item[]; willChange: number }>(
    ok(await call(api.http, s.admin!, 'POST', '/api/bulk', body(true))),
  );
  const planned = new Map(plan.items.filter((i) => mine.has(i.caseId)).map((i) => [i.caseId, i]));
  expect(planned.get(nominated.caseId)).toMatchObject({
    willChange: true,
    change: expect.stringContaining('machine v1 → v2') as unknown,
  });
  expect(planned.get(posting.caseId)).toMatchObject({ willChange: true });
  expect(planned.get(withdrawn.caseId)).toMatchObject({
    willChange: false,
    skipReason: expect.stringContaining('closed case is not migrated') as unknown,
  });
  expect((await getCaseState(api.world.db, posting.caseId))?.snapshot.version).toBe(1);

  const run = json<{ items: Item[] }>(ok(await call(api.http, s.admin!, 'POST', '/api/bulk', body(false))));
  const outcome = new Map(run.items.map((i) => [i.caseId, i]));
  expect(outcome.get(nominated.caseId)).toMatchObject({ outcome: 'changed', status: 'NOMINATED' });
  expect(outcome.get(posting.caseId)).toMatchObject({ outcome: 'changed', status: 'POSTING' });
  expect(outcome.get(withdrawn.caseId)).toMatchObject({ outcome: 'skipped' });

  for (const c of [nominated, posting]) {
    expect((await detail(c.caseId)).summary.machineVersion).toBe(2);
    expect((await getAuditTrail(api.world.db, c.caseId)).at(-1)?.eventType).toBe('admin.case.migrate');
  }
  const left = json<{ items: { caseId: string }[] }>(
    ok(await call(api.http, s.admin!, 'GET', '/api/cases?machineVersion=1&limit=500')),
  );
  expect(left.items.map((c) => c.caseId).filter((id) => mine.has(id))).toEqual([withdrawn.caseId]);

  // the migrated POSTING case carries on under v2 (its posting items as v2 asks for them)
  ok(
    await call(
      api.http,
      s.receiver!,
      'POST',
      `/api/cases/${posting.caseId}/events/posting.mentor.name`,
      P1.mentor,
    ),
  );
});
