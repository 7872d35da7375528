import type { InterventionPreview, Proposal } from '../../../contract';
import { DEMO_PASSWORD } from '../../../stack/demo/users';
import { waitForProjection } from '../api/support/apiWorld';
import { A_UNITS, nominationBody } from '../api/support/cases';
import { createCliWorld, type CliWorld } from './support/cli';

/**
 * `secondment intervene --dry-run` shows what an intervention would change and changes nothing;
 * `--propose` and `proposals approve|reject` are the four-eyes path (双人复核) from the terminal.
 */
jest.setTimeout(120_000);

let w: CliWorld;
let caseId = '';
let dutyId = '';

const show = async () =>
  (await w.as('admin', ['show', caseId, '--json'])).json<{
    status: string;
    openDuties: { id: string; kind: string }[];
    auditTrail: { eventType: string; actorId: string }[];
  }>();

beforeAll(async () => {
  w = await createCliWorld({
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
  for (const user of ['admin', 'admin2']) await w.login(user);
  const res = await w.as('admin', ['nominate', '--json'], { stdin: JSON.stringify(nominationBody(A_UNITS)) });
  caseId = res.json<{ caseId: string }>().caseId;
  await waitForProjection(w.api, caseId);
  expect((await w.as('admin', ['send', caseId, 'approval.approve', '--data', '{}'])).code).toBe(0);
  dutyId = (await show()).openDuties.find((d) => d.kind === 'posting.introduction')!.id;
});
afterAll(async () => {
  await w?.close();
});

test('intervene --dry-run: before → after and the notifications by name, nothing changed', async () => {
  const trail = (await show()).auditTrail.length;
  const args = ['intervene', caseId, 'admin.case.hold', '--reason', '干部病假', '--dry-run'];
  const human = await w.as('admin', args);
  expect(human.code).toBe(0);
  expect(human.stdout).toContain('未做任何更改');
  expect(human.stdout).toContain('POSTING → ON_HOLD');
  // the sending unit's desk by its account's name
  expect(human.stdout).toContain('case.held');
  expect(human.stdout).toContain('市发改委 人事处');
  expect(human.stdout).toContain('东安县白沙镇 党政办');
  const json = (await w.as('admin', [...args, '--json'])).json<InterventionPreview>();
  expect(json).toMatchObject({
    willChange: true,
    after: { status: 'ON_HOLD' },
    fourEyes: { required: false },
  });
  const after = await show();
  expect([after.status, after.auditTrail.length]).toEqual(['POSTING', trail]);
  // a refused one exits 5 and says why
  const refused = await w.as('admin', [
    'intervene',
    caseId,
    'admin.case.resume',
    '--reason',
    '未暂停',
    '--dry-run',
  ]);
  expect(refused.code).toBe(5);
  expect(refused.stdout).toContain('将被拒绝');
});

test('four eyes from the terminal: refused straight, proposed, the proposer refused, a second admin applies it', async () => {
  const waive = [
    'intervene',
    caseId,
    'admin.duty.waive',
    '--reason',
    '已当面介绍',
    '--data',
    JSON.stringify({ dutyId }),
  ];
  const straight = await w.as('admin', waive);
  expect(straight.code).toBe(5);
  expect(straight.stderr).toContain('fourEyes.required');

  const proposed = await w.as('admin', [...waive, '--propose', '--json']);
  expect(proposed.code).toBe(0);
  const p = proposed.json<Proposal>();
  expect(p.status).toBe('open');
  const listed = await w.as('admin2', ['proposals', 'list', '--status', 'open']);
  expect(listed.stdout).toContain(p.proposalId);

  const self = await w.as('admin', ['proposals', 'approve', p.proposalId, '--reason', '自批']);
  expect(self.code).toBe(3);
  expect(self.stderr).toContain('fourEyes.distinctAdmin');
  expect((await show()).openDuties.some((d) => d.id === dutyId)).toBe(true);

  const approved = await w.as('admin2', ['proposals', 'approve', p.proposalId, '--reason', '已核实']);
  expect(approved.code).toBe(0);
  expect(approved.stdout).toContain('已批准 / approved');
  const after = await show();
  expect(after.openDuties.some((d) => d.id === dutyId)).toBe(false);
  expect(after.auditTrail.at(-1)).toMatchObject({ eventType: 'admin.duty.waive', actorId: 'admin2' });
});
