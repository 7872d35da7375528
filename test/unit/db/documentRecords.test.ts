import {
  recordDocument,
  listDocumentRecords,
  verifyChain,
  createFeedToken,
  feedTokenOwner,
  revokeFeedTokens,
} from '../../../store';
import type { Db } from '../../../db';
import { adapters, dropTestSchemas, newCaseId, OPEN_TIMEOUT, transition, workerSide } from './support';

afterAll(dropTestSchemas);

const doc = (subject: string, sha: string) => ({
  subject,
  kind: 'appraisalForm',
  format: 'pdf' as const,
  year: null,
  fileName: `挂职干部鉴定表-${subject}.pdf`,
  sha256: sha.repeat(64).slice(0, 64),
  bytes: 1234,
  actor: { id: 'admin', role: 'org_admin', unit: 'city.org-dept' },
  at: '2026-12-01T08:00:00.000Z',
});

describe.each(adapters)('文书生成记录 document records on $name', (adapter) => {
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

  test('entries chain to each other and anchor at the case chain’s head; verify holds', async () => {
    const caseId = await caseWith(2);
    const first = await recordDocument(db, doc(caseId, 'a'));
    await activities.applyTransition(transition(caseId, 3));
    const second = await recordDocument(db, doc(caseId, 'b'));
    const trail = await activities.getAuditTrail(caseId);
    expect([first.seq, first.anchorSeq, first.anchorHash]).toEqual([1, 2, trail[1]!.hash]);
    expect([second.seq, second.anchorSeq, second.prevHash]).toEqual([2, 3, first.hash]);
    expect((await listDocumentRecords(db, caseId)).map((r) => r.sha256[0])).toEqual(['a', 'b']);
    await expect(verifyChain(db, caseId)).resolves.toEqual({ ok: true, caseId, entries: 3 });
  });

  test('the table is append-only, and an entry altered behind the trigger is named by verify', async () => {
    const caseId = await caseWith(1);
    await recordDocument(db, doc(caseId, 'c'));
    await recordDocument(db, doc(caseId, 'd'));
    await expect(
      db.query('UPDATE document_records SET sha256 = $1 WHERE case_id = $2', ['e'.repeat(64), caseId]),
    ).rejects.toThrow('append-only');
    await db.transaction(async (tx) => {
      await tx.exec('ALTER TABLE document_records DISABLE TRIGGER document_records_append_only');
      await tx.query('UPDATE document_records SET sha256 = $1 WHERE case_id = $2 AND seq = 1', [
        'e'.repeat(64),
        caseId,
      ]);
      await tx.exec('ALTER TABLE document_records ENABLE TRIGGER document_records_append_only');
    });
    const result = await verifyChain(db, caseId);
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: 1 });
    expect(result.ok === false && result.reason).toContain('文书记录');
  });

  test('feed tokens: only the hash is stored; regenerating and revoking retire the old token', async () => {
    const principal = {
      username: `u${Date.now()}`,
      displayName: '测试',
      role: 'sending_officer',
      units: ['x'],
      personId: null,
    };
    const a = await createFeedToken(db, principal, 'duties', new Date());
    const rows = await db.query<{ token_hash: string }>(
      'SELECT token_hash FROM feed_tokens WHERE username = $1',
      [principal.username],
    );
    expect(rows.map((r) => r.token_hash)).not.toContain(a.token);
    expect(await feedTokenOwner(db, a.token)).toMatchObject({
      principal: { username: principal.username },
      purpose: 'duties',
    });
    const b = await createFeedToken(db, principal, 'duties', new Date());
    expect(await feedTokenOwner(db, a.token)).toBeNull();
    expect(await feedTokenOwner(db, b.token)).not.toBeNull();
    expect(await revokeFeedTokens(db, principal.username, null, new Date())).toBe(1);
    expect(await feedTokenOwner(db, b.token)).toBeNull();
  });
});
