import { WorkflowUpdateFailedError } from '@temporalio/client';
import { SecondmentError } from '../../client/secondmentClient';
import type { Db } from '../../db';
import { reserveIntake, setAllocation, upsertUnits } from '../../store';
import { DEMO_UNITS } from '../../stack/demo/directory';
import { eventUpdate } from '../../workflows/secondment/definitions';
import { actor, P } from '../machines/v2/support/fixtures';
import { connectToSharedDevServer, type DevServerClients } from '../harness/environments';
import { nomineeAt } from './support/nominee';
import { createSecondmentWorld, type SecondmentWorld } from './support/secondmentWorld';

async function rowCounts(db: Db, caseId: string) {
  const [row] = await db.query<{ audit: number; outbox: number; file: number }>(
    `select (select count(*)::int from audit_entries where case_id = $1) as audit,
            (select count(*)::int from notifications where case_id = $1) as outbox,
            (select count(*)::int from personnel_file_entries where case_id = $1) as file`,
    [caseId],
  );
  return row;
}

// On the real dev server: with a real clock no deadline fires during the test, so any change in
// history or rows could only come from the refused request itself.
describe('refused and malformed events write nothing', () => {
  let dev: DevServerClients;
  let world: SecondmentWorld;
  const caseId = `c-refusals-${Date.now()}`;
  beforeAll(async () => {
    dev = await connectToSharedDevServer();
    world = await createSecondmentWorld(dev.nativeConnection, dev.client, dev.namespace);
    await world.cases.nominate({ ...nomineeAt(Date.now()), caseId });
    // The nomination's own transaction completes asynchronously: wait until it is recorded.
    while ((await world.cases.status(caseId)).lastSeq < 1) await new Promise((r) => setTimeout(r, 50));
  });
  afterAll(async () => {
    await world?.close();
    await dev?.close();
  });

  async function snapshotOfTrace() {
    const history = (await world.cases.handle(caseId).fetchHistory()).events ?? [];
    return { events: history.length, rows: await rowCounts(world.db, caseId) };
  }

  it('a cadre cannot approve their own nomination: refused naming the rule and role, nothing written', async () => {
    const before = await snapshotOfTrace();
    const error = await world.cases
      .send(caseId, 'approval.approve', { actor: actor('cadre'), ...P.approve })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SecondmentError);
    expect((error as SecondmentError).code).toBe('EVENT_REFUSED');
    expect((error as SecondmentError).message).toMatch(/组织部|org/);
    expect(await snapshotOfTrace()).toEqual(before);
    expect((await world.cases.status(caseId)).status).toBe('NOMINATED');
  });

  it('a malformed Update that bypasses the client is rejected by the workflow, naming the field', async () => {
    const before = await snapshotOfTrace();
    const error = await world.cases
      .handle(caseId)
      .executeUpdate(eventUpdate('approval.approve'), {
        args: [{ actor: actor('org_admin'), receivingUnit: 42 }],
      })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const message = ((error as WorkflowUpdateFailedError).cause as Error).message;
    expect(message).toMatch(/receivingUnit/);
    expect(await snapshotOfTrace()).toEqual(before);
  });

  it('a backdated time stamp is refused by the workflow, naming the field, and writes nothing', async () => {
    const before = await snapshotOfTrace();
    const lastYear = new Date(Date.now() - 365 * 86_400_000).toISOString();
    const error = await world.cases
      .handle(caseId)
      .executeUpdate(eventUpdate('approval.approve'), {
        args: [{ actor: actor('org_admin'), ...P.approve, at: lastYear }],
      })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const message = ((error as WorkflowUpdateFailedError).cause as Error).message;
    expect(message).toMatch(/\bat: .*5 minutes/);
    expect(await snapshotOfTrace()).toEqual(before);
    expect((await world.cases.status(caseId)).status).toBe('NOMINATED');
  });

  it('the client rejects malformed input before sending, naming the field', async () => {
    const before = await snapshotOfTrace();
    const error = await world.cases
      .send(caseId, 'nomination.withdraw', { actor: actor('sending_officer'), reason: '' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    expect((error as Error).message).toMatch(/reason/);
    expect(await snapshotOfTrace()).toEqual(before);
  });

  it('the quota is the stored allocation, never the caller’s numbers: over it refused with nothing written and no place held, within it accepted and a place taken', async () => {
    const { year, requestedReceivingUnit: unit } = nomineeAt(Date.now());
    await upsertUnits(world.db, DEMO_UNITS);
    await setAllocation(world.db, { roundId: null, year, receivingUnit: unit, quota: 1, setBy: 'test' });
    await reserveIntake(world.db, { caseId: 'c-somebody-else', roundId: null, year, receivingUnit: unit });
    const before0 = await rowCounts(world.db, caseId);
    const refused = await world.cases
      .send(caseId, 'approval.approve', {
        actor: actor('org_admin'),
        // what a caller might claim: ignored (the Update's `facts` are the workflow's own)
        intake: { approved: 0, quota: 99 },
        facts: { intake: { quota: null, approvedBefore: 0, reserved: true } },
      })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'EVENT_REFUSED', refusal: { rule: 'approval.quota' } });
    expect((refused as Error).message).toMatch(/名额1人/);
    const reserved = () =>
      world.db.query('SELECT 1 FROM intake_reservations WHERE case_id = $1', [caseId]).then((r) => r.length);
    expect(await reserved()).toBe(0);
    expect(await rowCounts(world.db, caseId)).toEqual(before0);

    await setAllocation(world.db, { roundId: null, year, receivingUnit: unit, quota: 2, setBy: 'test' });
    const before = await rowCounts(world.db, caseId);
    const approved = await world.cases.send(caseId, 'approval.approve', { actor: actor('org_admin') });
    expect(approved.status).toBe('POSTING');
    const after = await rowCounts(world.db, caseId);
    expect(after!.audit).toBe(before!.audit + 1);
    expect(await reserved()).toBe(1);
  });
});
