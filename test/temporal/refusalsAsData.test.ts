import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { SecondmentError } from '../../client';
import { FailureType, type Refusal } from '../../contract';
import { eventUpdate } from '../../workflows/secondment/definitions';
import {
  connectToSharedDevServer,
  sharedWorkflowBundle,
  type DevServerClients,
} from '../harness/environments';
import { actor, P } from '../machines/v2/support/fixtures';
import { nomineeAt } from './support/nominee';
import { createSecondmentWorld, type SecondmentWorld } from './support/secondmentWorld';
import { testDataConverter } from '../harness/codec';

/** The ApplicationFailure an Update failed with, as the Temporal client hands it over. */
function failureOf(error: unknown): ApplicationFailure {
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return cause as ApplicationFailure;
}

async function recorded(world: SecondmentWorld, caseId: string, seq: number): Promise<void> {
  while ((await world.casesReadFromDb.status(caseId).catch(() => null))?.lastSeq !== seq)
    await new Promise((r) => setTimeout(r, 50));
}

/** The history's length once the nomination's workflow task and activity have finished. */
async function settledHistoryLength(world: SecondmentWorld, caseId: string): Promise<number> {
  let last = -1;
  for (;;) {
    const length = (await world.cases.handle(caseId).fetchHistory()).events?.length ?? 0;
    if (length === last) return length;
    last = length;
    await new Promise((r) => setTimeout(r, 300));
  }
}

// On the dev server: refusals cross Temporal as data (an ApplicationFailure's type and the refusal
// in its details), from the Update validator and from the handler alike, and the client reads them
// by type and details.
describe('refusals travel as typed data', () => {
  let dev: DevServerClients;
  let world: SecondmentWorld;
  beforeAll(async () => {
    dev = await connectToSharedDevServer();
    world = await createSecondmentWorld(dev.nativeConnection, dev.client, dev.namespace);
  });
  afterAll(async () => {
    await world?.close();
    await dev?.close();
  });

  it('a validator rejection of malformed input arrives as InvalidInput with the field and the schema rule', async () => {
    const caseId = `c-typed-invalid-${Date.now()}`;
    await world.cases.nominate({ ...nomineeAt(Date.now()), caseId });
    await recorded(world, caseId, 1);
    const historyBefore = await settledHistoryLength(world, caseId);

    const raw = await world.cases
      .handle(caseId)
      .executeUpdate(eventUpdate('approval.approve'), {
        args: [
          {
            actor: actor('org_admin'),
            receivingUnit: 42,
            at: new Date().toISOString(),
          },
        ],
      })
      .catch((e: unknown) => e);
    const failure = failureOf(raw);
    expect(failure.type).toBe(FailureType.InvalidInput);
    const refusal = failure.details?.[0] as Refusal;
    expect(refusal).toMatchObject({ code: 'INVALID_EVENT', rule: 'event.schema', field: 'receivingUnit' });
    expect(refusal.message.zh).toContain('参数无效');
    expect(refusal.message.en).toContain('invalid input for approval.approve');
    // A validator rejection leaves no trace in history.
    expect((await world.cases.handle(caseId).fetchHistory()).events?.length).toBe(historyBefore);
  });

  it('a validator refusal by the rules arrives as EventRefused with code and rule; the client keeps them', async () => {
    const caseId = `c-typed-refused-${Date.now()}`;
    await world.cases.nominate({ ...nomineeAt(Date.now()), caseId });
    await recorded(world, caseId, 1);

    const raw = await world.cases
      .handle(caseId)
      .executeUpdate(eventUpdate('approval.approve'), {
        args: [{ actor: actor('cadre'), ...P.approve, at: new Date().toISOString() }],
      })
      .catch((e: unknown) => e);
    const failure = failureOf(raw);
    expect(failure.type).toBe(FailureType.EventRefused);
    expect(failure.details?.[0]).toMatchObject({ code: 'ROLE_FORBIDDEN', rule: 'role.permission' });
    expect((failure.details?.[0] as Refusal).field).toBeUndefined();

    const viaClient = await world.cases
      .send(caseId, 'approval.approve', { actor: actor('cadre'), ...P.approve })
      .catch((e: unknown) => e);
    expect(viaClient).toBeInstanceOf(SecondmentError);
    expect(viaClient).toMatchObject({
      code: 'EVENT_REFUSED',
      refusal: { code: 'ROLE_FORBIDDEN', rule: 'role.permission' },
    });
  });

  it('a handler refusal (an Update accepted, then finding the case changed) arrives typed too', async () => {
    const caseId = `c-typed-handler-${Date.now()}`;
    await world.cases.nominate({ ...nomineeAt(Date.now()), caseId });
    await recorded(world, caseId, 1);
    // With no worker polling, both Updates wait for the same workflow task: both validators pass
    // against the nominated case, and the second handler then finds it approved already.
    world.worker.shutdown();
    while (world.worker.getState() !== 'STOPPED') await new Promise((r) => setTimeout(r, 50));
    const send = () =>
      world.cases.send(caseId, 'approval.approve', { actor: actor('org_admin'), ...P.approve }).then(
        (view) => ({ ok: true as const, view }),
        (error: unknown) => ({ ok: false as const, error }),
      );
    const both = Promise.all([send(), send()]);
    await new Promise((r) => setTimeout(r, 500));
    const again = await Worker.create({
      connection: dev.nativeConnection,
      namespace: dev.namespace,
      taskQueue: world.taskQueue,
      workflowBundle: sharedWorkflowBundle(),
      activities: world.activities,
      dataConverter: testDataConverter,
    });
    const [first, second] = await again.runUntil(both);

    const outcomes = [first, second];
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    const refused = outcomes.find((o) => !o.ok);
    expect(refused?.ok).toBe(false);
    const error = (refused as { error: unknown }).error;
    expect(error).toBeInstanceOf(SecondmentError);
    expect(error).toMatchObject({
      code: 'EVENT_REFUSED',
      refusal: { code: 'NOT_IN_STATE', rule: 'state.events' },
    });
    // It was the handler that refused: the Update was accepted into history, and completed as failed.
    const events = (await world.cases.handle(caseId).fetchHistory()).events ?? [];
    const failed = events.filter(
      (e) => e.workflowExecutionUpdateCompletedEventAttributes?.outcome?.failure?.applicationFailureInfo,
    );
    expect(failed).toHaveLength(1);
    expect(
      failed[0]?.workflowExecutionUpdateCompletedEventAttributes?.outcome?.failure?.applicationFailureInfo
        ?.type,
    ).toBe(FailureType.EventRefused);
  });
});
