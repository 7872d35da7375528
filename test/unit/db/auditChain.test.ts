import { auditEntryHash, GENESIS_HASH, payloadDigest } from '../../../store';
import type { Db } from '../../../db';
import {
  adapters,
  count,
  dropTestSchemas,
  newCaseId,
  OPEN_TIMEOUT,
  tamper,
  transition,
  workerSide,
} from './support';

afterAll(dropTestSchemas);

describe.each(adapters)('审计链 audit chain on $name', (adapter) => {
  let db: Db;
  let activities: ReturnType<typeof workerSide>;

  beforeAll(async () => {
    db = await adapter.open();
    activities = workerSide({ db });
  }, OPEN_TIMEOUT);
  afterAll(() => db?.close());

  async function caseWith(entries: number): Promise<string> {
    const caseId = newCaseId();
    for (let seq = 1; seq <= entries; seq++) await activities.applyTransition(transition(caseId, seq));
    return caseId;
  }

  test('a fresh chain verifies, links each row to the previous hash and digests the payload', async () => {
    const caseId = await caseWith(5);
    await expect(activities.verifyChain(caseId)).resolves.toEqual({ ok: true, caseId, entries: 5 });

    const trail = await activities.getAuditTrail(caseId);
    expect(trail.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(trail[0]?.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < trail.length; i++) expect(trail[i]?.prevHash).toBe(trail[i - 1]?.hash);
    expect(trail[2]?.payloadDigest).toBe(
      payloadDigest({ quarter: 3, note: '季度汇报', nested: { a: [1, 'x'], b: 2 } }),
    );
    expect(new Set(trail.map((e) => e.hash)).size).toBe(5);
  });

  test.each([
    ['UPDATE', 'UPDATE audit_entries SET reason = $1 WHERE case_id = $2', ['改写', 'CASE']],
    ['DELETE', 'DELETE FROM audit_entries WHERE case_id = $1', ['CASE']],
    ['TRUNCATE', 'TRUNCATE audit_entries', []],
    ['TRUNCATE', 'TRUNCATE audit_entries CASCADE', []],
  ])('%s is refused by the schema and changes nothing (%s)', async (op, sql, params) => {
    const caseId = await caseWith(2);
    const before = await activities.getAuditTrail(caseId);
    const bound = params.map((p) => (p === 'CASE' ? caseId : p));
    await expect(db.query(sql, bound)).rejects.toThrow(`audit_entries is append-only: ${op} is not allowed`);
    await expect(db.query(sql, bound)).rejects.toThrow('审计记录只能追加');
    expect(await activities.getAuditTrail(caseId)).toEqual(before);
  });

  test('an UPDATE that matches no row is refused as well', async () => {
    await expect(db.query("UPDATE audit_entries SET reason = 'x' WHERE case_id = 'nobody'")).rejects.toThrow(
      'append-only',
    );
  });

  test('a payload altered behind the trigger is reported at its own seq', async () => {
    const caseId = await caseWith(5);
    await tamper(db, `UPDATE audit_entries SET payload = '{"quarter": 99}' WHERE case_id = $1 AND seq = 3`, [
      caseId,
    ]);
    const result = await activities.verifyChain(caseId);
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    expect(result.ok === false && result.reason).toContain('payload');
  });

  test('an altered actor is reported at its seq', async () => {
    const caseId = await caseWith(4);
    await tamper(db, `UPDATE audit_entries SET actor_id = 'someone-else' WHERE case_id = $1 AND seq = 2`, [
      caseId,
    ]);
    await expect(activities.verifyChain(caseId)).resolves.toMatchObject({ ok: false, firstBrokenSeq: 2 });
  });

  test('a row edited with a correctly recomputed plain SHA-256 hash is caught at that row: unkeyed after keyed rows', async () => {
    const caseId = await caseWith(4);
    const [row] = await activities.getAuditTrail(caseId).then((t) => t.filter((e) => e.seq === 2));
    const [{ transition_digest: transitionDigest } = { transition_digest: '' }] = await db.query<{
      transition_digest: string;
    }>('SELECT transition_digest FROM audit_entries WHERE case_id = $1 AND seq = 2', [caseId]);
    if (!row) throw new Error('seq 2 missing');
    const forgedHash = auditEntryHash({ ...row, actorId: 'forger', transitionDigest });
    await tamper(
      db,
      `UPDATE audit_entries SET actor_id = 'forger', hash = $2 WHERE case_id = $1 AND seq = 2`,
      [caseId, forgedHash],
    );
    // Row 2 now carries a hash without the key, yet says it was keyed (key_id is unchanged).
    await expect(activities.verifyChain(caseId)).resolves.toMatchObject({ ok: false, firstBrokenSeq: 2 });
  });

  test('a deleted middle row is reported as missing', async () => {
    const caseId = await caseWith(5);
    await tamper(db, 'DELETE FROM audit_entries WHERE case_id = $1 AND seq = 4', [caseId]);
    const result = await activities.verifyChain(caseId);
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: 4 });
    expect(result.ok === false && result.reason).toContain('missing');
  });

  test('deleted newest rows are caught against the projection', async () => {
    const caseId = await caseWith(3);
    await tamper(db, 'DELETE FROM audit_entries WHERE case_id = $1 AND seq = 3', [caseId]);
    await expect(activities.verifyChain(caseId)).resolves.toMatchObject({ ok: false, firstBrokenSeq: 3 });
  });

  test('verifyAll names every broken case and only those', async () => {
    const good = await caseWith(2);
    const bad = await caseWith(3);
    await tamper(db, `UPDATE audit_entries SET to_state = 'forged' WHERE case_id = $1 AND seq = 3`, [bad]);
    const summary = await activities.verifyAll();
    expect(summary.ok).toBe(false);
    const brokenIds = summary.broken.map((b) => b.caseId);
    expect(brokenIds).toContain(bad);
    expect(brokenIds).not.toContain(good);
    expect(summary.broken.find((b) => b.caseId === bad)).toMatchObject({ firstBrokenSeq: 3 });
    expect(summary.cases).toBe(await count(db, '(SELECT DISTINCT case_id FROM audit_entries) c'));
  });
});
