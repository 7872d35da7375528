import { FailureType } from '../../../contract';
import { getCaseState } from '../../../store';
import {
  advance,
  readout,
  start,
  toPersisted,
  type AnySnapshot,
  type SecondmentSnapshot,
} from '../../../machines/secondment';
import { event, nomination, P } from '../../machines/v2/support/fixtures';
import type { Db } from '../../../db';
import { adapters, count, dropTestSchemas, newCaseId, OPEN_TIMEOUT, transition, workerSide } from './support';

afterAll(dropTestSchemas);

describe.each(adapters)('应用状态转换 applyTransition on $name', (adapter) => {
  let db: Db;
  let activities: ReturnType<typeof workerSide>;

  beforeAll(async () => {
    db = await adapter.open();
    activities = workerSide({ db });
  }, OPEN_TIMEOUT);
  afterAll(() => db?.close());

  const rowsOf = async (caseId: string) => ({
    audit: await count(db, 'audit_entries WHERE case_id = $1', [caseId]),
    outbox: await count(db, 'notifications WHERE case_id = $1', [caseId]),
    personnel: await count(db, 'personnel_file_entries WHERE case_id = $1', [caseId]),
    cases: await count(db, 'cases WHERE case_id = $1', [caseId]),
  });

  test('keeps the machine state of the latest transition: the read model of status and allowed events', async () => {
    const caseId = newCaseId();
    const nominated = start(nomination({ caseId })).snapshot;
    const approved = advance(
      nominated,
      event('approval.approve', P.approveWithQuota, '2026-01-06T09:00:00+08:00'),
    )!.snapshot;
    const state = (s: SecondmentSnapshot) => ({ run: 1, machineVersion: 2, snapshot: { ...toPersisted(s) } });
    const statusCode = (x: AnySnapshot) => readout(x).status;
    expect(await getCaseState(db, caseId)).toBeNull();

    await activities.applyTransition(transition(caseId, 1, { state: state(nominated) }));
    expect(statusCode((await getCaseState(db, caseId))!.snapshot)).toBe('NOMINATED');
    await activities.applyTransition(transition(caseId, 2, { state: state(approved) }));
    // a retry of the earlier transition must not put the older state back
    await activities.applyTransition(transition(caseId, 1, { state: state(nominated) }));

    const stored = await getCaseState(db, caseId);
    expect(stored).toMatchObject({ caseId, seq: 2, run: 1 });
    expect(statusCode(stored!.snapshot)).toBe('POSTING');
    expect(stored!.snapshot.snapshot.context).toEqual(approved.context);
  });

  test('writes the audit entry, projection, personnel file and one outbox row per recipient', async () => {
    const caseId = newCaseId();
    await activities.applyTransition(transition(caseId, 1));
    const result = await activities.applyTransition(
      transition(caseId, 2, {
        event: {
          type: 'assessment.recorded',
          actor: { id: 'org-1', role: 'orgDept', unit: 'ORG', onBehalfOf: 'head-1' },
          reason: '半年考核',
          payload: { grade: '优秀' },
          at: '2025-07-01T08:00:00.123456+08:00',
        },
        personnelFile: [
          { kind: 'assessment', content: { period: '2025H1', grade: '优秀' } },
          { kind: 'appraisal', content: { text: '思想、工作、学习、生活、廉洁均好' } },
        ],
      }),
    );

    expect(result).toMatchObject({ caseId, seq: 2, notificationIds: [`${caseId}:2:0`, `${caseId}:2:1`] });
    const [entry] = (await activities.getAuditTrail(caseId, 1)) ?? [];
    expect(entry).toMatchObject({
      seq: 2,
      eventType: 'assessment.recorded',
      actorId: 'org-1',
      actorRole: 'orgDept',
      actorUnit: 'ORG',
      onBehalfOf: 'head-1',
      reason: '半年考核',
      fromState: 'step1',
      toState: 'step2',
      payload: { grade: '优秀' },
      at: '2025-07-01T00:00:00.123Z',
      hash: result.hash,
    });
    expect(await activities.getPersonnelFile(caseId)).toEqual([
      expect.objectContaining({
        seq: 2,
        idx: 0,
        kind: 'assessment',
        content: { period: '2025H1', grade: '优秀' },
      }),
      expect.objectContaining({ seq: 2, idx: 1, kind: 'appraisal' }),
    ]);
    const outbox = await activities.listNotifications(caseId);
    expect(outbox.filter((n) => n.seq === 2).map((n) => [n.id, n.recipientRole, n.status])).toEqual([
      [`${caseId}:2:0`, 'cadre', 'pending'],
      [`${caseId}:2:1`, 'orgDept', 'pending'],
    ]);
    await expect(activities.getCase(caseId)).resolves.toMatchObject({
      status: 'IN_SERVICE',
      lastSeq: 2,
      nextDuty: { id: 'report-q2', ownerRole: 'cadre', ownerUnit: 'U-SEND' },
      updatedAt: '2025-07-01T00:00:00.123Z',
    });
  });

  test('applying the same transition twice (a retry after a crash past COMMIT) writes once, same result', async () => {
    const caseId = newCaseId();
    const record = transition(caseId, 1, {
      personnelFile: [{ kind: 'nomination', content: { source: '组织推荐' } }],
    });
    const first = await activities.applyTransition(record);
    const second = await activities.applyTransition(record);
    expect(second).toEqual(first);
    expect(await rowsOf(caseId)).toEqual({ audit: 1, outbox: 2, personnel: 1, cases: 1 });
  });

  test('a retry after a crash before COMMIT writes everything exactly once', async () => {
    const caseId = newCaseId();
    // Crash in the middle of the transaction: the body ran, COMMIT never happened.
    const crashing: Db = {
      ...db,
      transaction: (fn) =>
        db.transaction(async (tx) => {
          await fn(tx);
          throw new Error('worker killed');
        }),
    };
    const crashingActivities = workerSide({ db: crashing });
    await expect(crashingActivities.applyTransition(transition(caseId, 1))).rejects.toThrow('worker killed');
    expect(await rowsOf(caseId)).toEqual({ audit: 0, outbox: 0, personnel: 0, cases: 0 });

    await activities.applyTransition(transition(caseId, 1));
    expect(await rowsOf(caseId)).toEqual({ audit: 1, outbox: 2, personnel: 0, cases: 1 });
    await expect(activities.verifyChain(caseId)).resolves.toMatchObject({ ok: true, entries: 1 });
  });

  test('concurrent duplicates of one transition leave one row and agree on the result', async () => {
    const caseId = newCaseId();
    await activities.applyTransition(transition(caseId, 1));
    const results = await Promise.all(
      Array.from({ length: 6 }, () => activities.applyTransition(transition(caseId, 2))),
    );
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(await rowsOf(caseId)).toEqual({ audit: 2, outbox: 4, personnel: 0, cases: 1 });
    await expect(activities.verifyChain(caseId)).resolves.toMatchObject({ ok: true, entries: 2 });
  });

  test('concurrent first transitions of many cases do not block or mix each other', async () => {
    const ids = Array.from({ length: 8 }, newCaseId);
    await Promise.all(ids.map((id) => activities.applyTransition(transition(id, 1))));
    await Promise.all(ids.map((id) => activities.applyTransition(transition(id, 2))));
    for (const id of ids)
      await expect(activities.verifyChain(id)).resolves.toMatchObject({ ok: true, entries: 2 });
  });

  test('a sequence gap is refused and writes nothing', async () => {
    const caseId = newCaseId();
    await activities.applyTransition(transition(caseId, 1));
    const gap = activities.applyTransition(transition(caseId, 3));
    await expect(gap).rejects.toMatchObject({ type: FailureType.SequenceGap });
    await expect(gap).rejects.toThrow('sequence gap: last is 1, got 3');
    await expect(activities.applyTransition(transition(newCaseId(), 2))).rejects.toMatchObject({
      type: FailureType.SequenceGap,
    });
    expect(await rowsOf(caseId)).toEqual({ audit: 1, outbox: 2, personnel: 0, cases: 1 });
  });

  test('a different transition at an already used seq is refused as non-determinism', async () => {
    const caseId = newCaseId();
    const original = transition(caseId, 1);
    const first = await activities.applyTransition(original);
    const conflicting = transition(caseId, 1, { toState: 'somewhere-else' });
    const refused = activities.applyTransition(conflicting);
    await expect(refused).rejects.toMatchObject({ type: FailureType.TransitionConflict, nonRetryable: true });
    await expect(refused).rejects.toThrow('non-determinism');
    // Even a change that touches only an outbox var is caught.
    const changedVars = transition(caseId, 1);
    changedVars.notifications = [{ ...changedVars.notifications![0]!, vars: { dutyLabel: '其他' } }];
    await expect(activities.applyTransition(changedVars)).rejects.toMatchObject({
      type: FailureType.TransitionConflict,
    });
    await expect(activities.applyTransition(original)).resolves.toEqual(first);
    expect(await rowsOf(caseId)).toEqual({ audit: 1, outbox: 2, personnel: 0, cases: 1 });
  });

  test.each([
    [
      'a missing actor role',
      'event.actor.role',
      (r: Record<string, unknown>) => delete (r['event'] as { actor: Record<string, unknown> }).actor['role'],
    ],
    ['a non-integer seq', 'seq', (r: Record<string, unknown>) => (r['seq'] = 1.5)],
    [
      'a malformed time',
      'event.at',
      (r: Record<string, unknown>) => ((r['event'] as Record<string, unknown>)['at'] = 'yesterday'),
    ],
    [
      'a recipient without unit',
      'notifications[0].recipients[1].unit',
      (r: Record<string, unknown>) => {
        const n = (r['notifications'] as { recipients: Record<string, unknown>[] }[])[0]!;
        delete n.recipients[1]!['unit'];
      },
    ],
    [
      'a projection without year',
      'projection.year',
      (r: Record<string, unknown>) => delete (r['projection'] as Record<string, unknown>)['year'],
    ],
  ])('%s is rejected with a message naming %s, and nothing is written', async (_what, field, mutate) => {
    const caseId = newCaseId();
    const record = structuredClone(transition(caseId, 1)) as unknown as Record<string, unknown>;
    mutate(record);
    const error: unknown = await activities.applyTransition(record as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ type: FailureType.InvalidInput, nonRetryable: true });
    expect((error as Error).message).toContain(`at ${field}`);
    expect(await rowsOf(caseId)).toEqual({ audit: 0, outbox: 0, personnel: 0, cases: 0 });
  });

  test('an older transition never overwrites a newer projection', async () => {
    const caseId = newCaseId();
    await activities.applyTransition(transition(caseId, 1));
    await activities.applyTransition(
      transition(caseId, 2, { projection: { ...transition(caseId, 2).projection, status: 'RETURNED' } }),
    );
    await activities.applyTransition(transition(caseId, 1)); // a late retry of seq 1
    await expect(activities.getCase(caseId)).resolves.toMatchObject({ status: 'RETURNED', lastSeq: 2 });
  });
});
