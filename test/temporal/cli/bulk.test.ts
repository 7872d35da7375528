import { caseWorkflowId } from '../../../workflows/secondment/definitions';
import { P } from '../../machines/v2/support/fixtures';
import { waitForProjection } from '../api/support/apiWorld';
import { A_UNITS, B_UNITS, nominationBody } from '../api/support/cases';
import { createCliWorld, type CliWorld } from './support/cli';

/** `secondment bulk`: a dry run by default that changes nothing; --execute applies it case by case. */
jest.setTimeout(120_000);

let w: CliWorld;
let posting = '';
let nominated = '';
let otherCounty = '';

interface Plan {
  dryRun: boolean;
  matched: number;
  willChange: number;
  items: { caseId: string; willChange: boolean; change: string | null; skipReason: string | null }[];
}
interface Run {
  dryRun: boolean;
  changed: number;
  skipped: number;
  failed: number;
  items: { caseId: string; outcome: string; dutyId?: string; status?: string; error?: { code: string } }[];
}

const status = async (caseId: string) =>
  (await w.as('admin', ['show', caseId, '--json'])).json<{ status: string }>().status;
const nominate = async (user: string, body: Record<string, unknown>) => {
  const res = await w.as(user, ['nominate', '--json'], { stdin: JSON.stringify(body) });
  expect(res.code).toBe(0);
  const id = res.json<{ caseId: string }>().caseId;
  await waitForProjection(w.api, id);
  return id;
};

beforeAll(async () => {
  w = await createCliWorld();
  for (const user of ['admin', 'county-admin', 'sender']) await w.login(user);
  posting = await nominate('admin', nominationBody(A_UNITS));
  nominated = await nominate('admin', nominationBody(A_UNITS));
  otherCounty = await nominate('county-admin', nominationBody(B_UNITS));
  const approve = await w.as('admin', [
    'send',
    posting,
    'approval.approve',
    '--data',
    JSON.stringify(P.approve),
  ]);
  expect(approve.code).toBe(0);
});
afterAll(async () => {
  await w?.close();
});

const HOLD = [
  'bulk',
  '--sending-unit',
  A_UNITS.sending,
  '--intervention',
  'admin.case.hold',
  '--reason',
  '集中培训',
];

test('the dry run says exactly which cases would change and how, and changes nothing', async () => {
  const res = await w.as('admin', [...HOLD, '--json']);
  expect(res.code).toBe(0);
  const plan = res.json<Plan>();
  expect(plan).toMatchObject({ dryRun: true, matched: 2, willChange: 1 });
  expect(plan.items.find((i) => i.caseId === posting)).toMatchObject({
    willChange: true,
    // exact: the stored state through the lifecycle machine, every visible difference
    change: expect.stringMatching(/^status POSTING → ON_HOLD; .*paused.*hold\.review.*opened/) as unknown,
  });
  expect(plan.items.find((i) => i.caseId === nominated)?.skipReason).toContain('NOMINATED');
  expect(plan.items.map((i) => i.caseId)).not.toContain(otherCounty);

  const human = await w.as('admin', HOLD);
  expect(human.code).toBe(0);
  expect(human.stdout).toContain('预演，未做任何更改');
  expect(human.stdout).toContain('status POSTING → ON_HOLD');
  expect(human.stdout).toContain('--execute');

  expect(await status(posting)).toBe('POSTING');
  const trail = (await w.as('admin', ['show', posting, '--json'])).json<{ auditTrail: unknown[] }>()
    .auditTrail;
  expect(trail).toHaveLength(2);
});

test('--execute changes the planned cases, one line per case on a non-terminal stderr', async () => {
  const res = await w.as('admin', [...HOLD, '--execute']);
  expect(res.code).toBe(0);
  expect(res.stderr).toContain(`[1/1] ${posting}`);
  expect(res.stdout).toContain('已变更 / changed');
  expect(await status(posting)).toBe('ON_HOLD');
  expect(await status(nominated)).toBe('NOMINATED');

  const resume = await w.as('admin', [
    'bulk',
    '--status',
    'ON_HOLD',
    '--intervention',
    'case.resume',
    '--reason',
    '培训结束',
    '--execute',
    '--json',
  ]);
  expect(resume.code).toBe(0);
  // stderr stays free for an error document under --json.
  expect(resume.stderr).toBe('');
  const run = resume.json<Run>();
  expect(run).toMatchObject({ dryRun: false, changed: 1, skipped: 0, failed: 0 });
  expect(run.items).toHaveLength(1);
  expect(run.items[0]).toMatchObject({ caseId: posting, outcome: 'changed', status: 'POSTING' });
  expect(await status(posting)).toBe('POSTING');
});

test('duty interventions pick each case’s duty; refusals are previewed; failures are reported per case and exit 7', async () => {
  const until = new Date(Date.now() + 400 * 86_400_000).toISOString();
  const extend = await w.as('admin', [
    'bulk',
    '--sending-unit',
    A_UNITS.sending,
    '--intervention',
    'deadline.extend',
    '--duty',
    'next',
    '--data',
    JSON.stringify({ until }),
    '--reason',
    '统一顺延',
    '--execute',
    '--json',
  ]);
  expect(extend.code).toBe(0);
  const extended = extend.json<Run>();
  expect(extended.changed).toBe(2);
  for (const item of extended.items) expect(item.dutyId).toBeTruthy();
  const duties = (await w.as('admin', ['show', nominated, '--json'])).json<{
    openDuties: { id: string; dueAt: string }[];
  }>().openDuties;
  const picked = extended.items.find((i) => i.caseId === nominated)?.dutyId;
  expect(Date.parse(duties.find((d) => d.id === picked)?.dueAt ?? '')).toBe(Date.parse(until));

  // The dry run runs the machine's own rules: an owner the machine refuses is skipped, not tried.
  const refused = await w.as('admin', [
    'bulk',
    '--status',
    'NOMINATED',
    '--intervention',
    'admin.duty.reassign',
    '--data',
    JSON.stringify({ owner: { role: 'auditor', unit: A_UNITS.org } }),
    '--reason',
    '交给审计',
    '--json',
  ]);
  expect(refused.code).toBe(0);
  expect(refused.json<Plan>().items).toEqual([
    expect.objectContaining({
      caseId: nominated,
      willChange: false,
      skipReason: expect.stringContaining('NOMINATED') as unknown,
    }),
  ]);

  // A case whose workflow is gone (terminated in Temporal) still looks changeable in the database:
  // execution fails for that case, is reported per case, and the exit code says so.
  await w.api.env.client.workflow.getHandle(caseWorkflowId(nominated)).terminate('测试：工作流被终止');
  const res = await w.as('admin', [
    'bulk',
    '--status',
    'NOMINATED',
    '--intervention',
    'deadline.extend',
    '--duty',
    'next',
    '--data',
    JSON.stringify({ until: new Date(Date.now() + 500 * 86_400_000).toISOString() }),
    '--reason',
    '统一顺延',
    '--execute',
    '--json',
  ]);
  expect(res.code).toBe(7);
  const run = res.json<Run>();
  expect(run.failed).toBe(1);
  expect(run.items).toHaveLength(1);
  expect(run.items[0]).toMatchObject({ caseId: nominated, outcome: 'failed' });
});

test('guards: no filter needs --all to execute; the intervention and reason are required; org admins only', async () => {
  const noFilter = await w.as('admin', [
    'bulk',
    '--intervention',
    'case.hold',
    '--reason',
    '全部暂停',
    '--execute',
    '--json',
  ]);
  expect([noFilter.code, noFilter.error().field]).toEqual([2, '--all']);
  expect(await status(posting)).toBe('POSTING');

  const noType = await w.as('admin', ['bulk', '--status', 'POSTING', '--reason', '理由', '--json']);
  expect([noType.code, noType.error().field]).toEqual([2, '--intervention']);
  const noReason = await w.as('admin', [
    'bulk',
    '--status',
    'POSTING',
    '--intervention',
    'case.hold',
    '--json',
  ]);
  expect([noReason.code, noReason.error().field]).toEqual([2, '--reason']);
  const badDuty = await w.as('admin', [...HOLD, '--duty', 'first', '--json']);
  expect([badDuty.code, badDuty.error().field]).toEqual([2, '--duty']);

  const sender = await w.as('sender', [...HOLD, '--json']);
  expect([sender.code, sender.error().code]).toEqual([3, 'FORBIDDEN']);
});
