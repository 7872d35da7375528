// The 13 tampers of issue 12 against the keyed chain, each by an insider who can write to the
// database (triggers switched off) but holds neither the HMAC key nor Temporal's history. The head
// is what the workflow keeps in its memo: the activity's (seq, hash) of the newest row.
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { verifyExport, writeExport } from '../../../common/auditExport';
import {
  GENESIS_HASH,
  auditEntryHash,
  exportCases,
  verifyAll,
  verifyChain,
  type AuditHead,
} from '../../../store';
import type { Db } from '../../../db';
import {
  adapters,
  dropTestSchemas,
  newCaseId,
  OPEN_TIMEOUT,
  tamper,
  transition,
  workerSide,
} from './support';

afterAll(dropTestSchemas);

describe.each(adapters)('审计链篡改 13 tampers of the keyed chain on $name', (adapter) => {
  let db: Db;
  let activities: ReturnType<typeof workerSide>;

  beforeAll(async () => {
    db = await adapter.open();
    activities = workerSide({ db });
  }, OPEN_TIMEOUT);
  afterAll(() => db?.close());

  /** A case of `n` rows and the head Temporal would hold for it. */
  async function caseWith(n = 5): Promise<{ caseId: string; head: AuditHead }> {
    const caseId = newCaseId();
    let head: AuditHead = { seq: 0, hash: GENESIS_HASH };
    for (let seq = 1; seq <= n; seq++) {
      const r = await activities.applyTransition(transition(caseId, seq));
      head = { seq: r.seq, hash: r.hash };
    }
    await expect(verifyChain(db, caseId, { head })).resolves.toMatchObject({ ok: true, anchored: true });
    return { caseId, head };
  }

  const broken = (seq?: number) => ({ ok: false, ...(seq ? { firstBrokenSeq: seq } : {}) });

  /** A plain (unkeyed) hash of row `seq` as its stored fields would give, with `edit` applied. */
  async function plainHash(caseId: string, seq: number, edit: Record<string, unknown> = {}) {
    const [row] = await db.query<{ transition_digest: string }>(
      'SELECT transition_digest FROM audit_entries WHERE case_id = $1 AND seq = $2',
      [caseId, seq],
    );
    const entry = (await activities.getAuditTrail(caseId)).find((e) => e.seq === seq)!;
    return auditEntryHash({ ...entry, transitionDigest: row!.transition_digest, ...edit });
  }

  test('1 edited payload', async () => {
    const { caseId, head } = await caseWith();
    await tamper(db, `UPDATE audit_entries SET payload = '{"quarter": 99}' WHERE case_id = $1 AND seq = 3`, [
      caseId,
    ]);
    await expect(verifyChain(db, caseId, { head })).resolves.toMatchObject(broken(3));
  });

  test('2 edited reason', async () => {
    const { caseId, head } = await caseWith();
    await tamper(db, `UPDATE audit_entries SET reason = '改写的理由' WHERE case_id = $1 AND seq = 2`, [
      caseId,
    ]);
    await expect(verifyChain(db, caseId, { head })).resolves.toMatchObject(broken(2));
  });

  test('3 edited actor', async () => {
    const { caseId, head } = await caseWith();
    await tamper(db, `UPDATE audit_entries SET actor_id = 'someone-else' WHERE case_id = $1 AND seq = 4`, [
      caseId,
    ]);
    await expect(verifyChain(db, caseId, { head })).resolves.toMatchObject(broken(4));
  });

  test('4 edited time', async () => {
    const { caseId, head } = await caseWith();
    await tamper(db, `UPDATE audit_entries SET at = at - interval '3 days' WHERE case_id = $1 AND seq = 2`, [
      caseId,
    ]);
    await expect(verifyChain(db, caseId, { head })).resolves.toMatchObject(broken(2));
  });

  test('5 edited to-state', async () => {
    const { caseId, head } = await caseWith();
    await tamper(db, `UPDATE audit_entries SET to_state = 'returned' WHERE case_id = $1 AND seq = 5`, [
      caseId,
    ]);
    await expect(verifyChain(db, caseId, { head })).resolves.toMatchObject(broken(5));
  });

  test('6 deleted middle row', async () => {
    const { caseId, head } = await caseWith();
    await tamper(db, 'DELETE FROM audit_entries WHERE case_id = $1 AND seq = 3', [caseId]);
    await expect(verifyChain(db, caseId, { head })).resolves.toMatchObject(broken(3));
  });

  test('7 swapped rows', async () => {
    const { caseId, head } = await caseWith();
    // Through a free number: the primary key is not deferrable.
    await tamper(db, 'UPDATE audit_entries SET seq = 1000 WHERE case_id = $1 AND seq = 2', [caseId]);
    await tamper(db, 'UPDATE audit_entries SET seq = 2 WHERE case_id = $1 AND seq = 3', [caseId]);
    await tamper(db, 'UPDATE audit_entries SET seq = 3 WHERE case_id = $1 AND seq = 1000', [caseId]);
    await expect(verifyChain(db, caseId, { head })).resolves.toMatchObject(broken(2));
  });

  test('8 forged row inserted (middle, renumbering the rest)', async () => {
    const { caseId, head } = await caseWith();
    await tamper(db, 'UPDATE audit_entries SET seq = seq + 100 WHERE case_id = $1 AND seq >= 3', [caseId]);
    await tamper(db, 'UPDATE audit_entries SET seq = seq - 99 WHERE case_id = $1 AND seq >= 103', [caseId]);
    const forged = await plainHash(caseId, 2, { seq: 3, actorId: 'forger' });
    await tamper(
      db,
      `INSERT INTO audit_entries (case_id, seq, event_type, actor_id, actor_role, actor_unit, on_behalf_of, reason,
         from_state, to_state, payload, payload_digest, transition_digest, at, prev_hash, hash, key_id)
       SELECT case_id, 3, event_type, 'forger', actor_role, actor_unit, on_behalf_of, reason, from_state, to_state,
         payload, payload_digest, transition_digest, at, hash, $2, key_id
       FROM audit_entries WHERE case_id = $1 AND seq = 2`,
      [caseId, forged],
    );
    await expect(verifyChain(db, caseId, { head })).resolves.toMatchObject(broken(3));
  });

  test('9 forged row appended with a correct plain SHA-256 hash', async () => {
    const { caseId, head } = await caseWith();
    const last = (await activities.getAuditTrail(caseId)).at(-1)!;
    const [row] = await db.query<{ transition_digest: string }>(
      'SELECT transition_digest FROM audit_entries WHERE case_id = $1 AND seq = 5',
      [caseId],
    );
    const fields = { ...last, seq: 6, prevHash: last.hash, transitionDigest: row!.transition_digest };
    await tamper(
      db,
      `INSERT INTO audit_entries (case_id, seq, event_type, actor_id, actor_role, actor_unit, on_behalf_of, reason,
         from_state, to_state, payload, payload_digest, transition_digest, at, prev_hash, hash, key_id)
       SELECT case_id, 6, event_type, actor_id, actor_role, actor_unit, on_behalf_of, reason, from_state, to_state,
         payload, payload_digest, transition_digest, at, $2, $3, NULL
       FROM audit_entries WHERE case_id = $1 AND seq = 5`,
      [caseId, last.hash, auditEntryHash(fields)],
    );
    await tamper(db, 'UPDATE cases SET last_seq = 6 WHERE case_id = $1', [caseId]);
    // Caught by the chain itself (unkeyed after keyed) and by Temporal's head (seq 5).
    await expect(verifyChain(db, caseId)).resolves.toMatchObject(broken(6));
    await expect(verifyChain(db, caseId, { head })).resolves.toMatchObject(broken(6));
  });

  test('10 row edited with every later hash recomputed (plain SHA-256, key ids dropped)', async () => {
    const { caseId, head } = await caseWith();
    // The insider rebuilds rows 2..5 with the only hash they can compute.
    let prev = (await activities.getAuditTrail(caseId)).find((e) => e.seq === 1)!.hash;
    for (let seq = 2; seq <= 5; seq++) {
      const hash = await plainHash(caseId, seq, {
        prevHash: prev,
        ...(seq === 2 ? { actorId: 'forger' } : {}),
      });
      await tamper(
        db,
        `UPDATE audit_entries SET prev_hash = $3, hash = $4, key_id = NULL${seq === 2 ? ", actor_id = 'forger'" : ''}
         WHERE case_id = $1 AND seq = $2`,
        [caseId, seq, prev, hash],
      );
      prev = hash;
    }
    await expect(verifyChain(db, caseId)).resolves.toMatchObject(broken(2));
    // Even a chain rebuilt entirely as legacy rows does not end at Temporal's head.
    await tamper(db, 'UPDATE audit_entries SET key_id = NULL WHERE case_id = $1 AND seq = 1', [caseId]);
    const h1 = await plainHash(caseId, 1);
    await tamper(db, 'UPDATE audit_entries SET hash = $2 WHERE case_id = $1 AND seq = 1', [caseId, h1]);
    prev = h1;
    for (let seq = 2; seq <= 5; seq++) {
      const hash = await plainHash(caseId, seq, { prevHash: prev });
      await tamper(db, 'UPDATE audit_entries SET prev_hash = $3, hash = $4 WHERE case_id = $1 AND seq = $2', [
        caseId,
        seq,
        prev,
        hash,
      ]);
      prev = hash;
    }
    await expect(verifyChain(db, caseId)).resolves.toMatchObject({ ok: true, legacyEntries: 5 });
    const result = await verifyChain(db, caseId, { head });
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: 5 });
    expect(result.ok ? '' : result.reason).toMatch(/rebuilt/);
  });

  test("11 last rows deleted with the projection's last_seq lowered", async () => {
    const { caseId, head } = await caseWith();
    await tamper(db, 'DELETE FROM audit_entries WHERE case_id = $1 AND seq >= 4', [caseId]);
    await tamper(db, 'UPDATE cases SET last_seq = 3 WHERE case_id = $1', [caseId]);
    await tamper(db, 'UPDATE case_state SET seq = 3 WHERE case_id = $1', [caseId]).catch(() => undefined);
    const result = await verifyChain(db, caseId, { head });
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: 4 });
    expect(result.ok ? '' : result.reason).toMatch(/tail was deleted/);
  });

  test('12 case deleted from every table', async () => {
    const { caseId, head } = await caseWith();
    for (const table of ['audit_entries', 'notifications', 'personnel_file_entries', 'case_state', 'cases'])
      await tamper(db, `DELETE FROM ${table} WHERE case_id = $1`, [caseId]).catch(() => undefined);
    const summary = await verifyAll(db, { heads: new Map([[caseId, head]]) });
    expect(summary.ok).toBe(false);
    expect(summary.broken.find((b) => b.caseId === caseId)?.reason).toMatch(/the case was deleted/);
  });

  const signer = generateKeyPairSync('ed25519');
  async function exported(caseId: string, head: AuditHead): Promise<string> {
    const cases = await exportCases(db, [caseId], () => Promise.resolve(head));
    return writeExport(
      cases,
      { exportedAt: '2026-12-01T00:00:00.000Z', exportedBy: 'auditor' },
      signer.privateKey,
    );
  }

  test('13 export file edited (offline verifier: only the file and the public key)', async () => {
    const { caseId, head } = await caseWith();
    const text = await exported(caseId, head);
    expect(verifyExport(text, signer.publicKey)).toMatchObject({
      ok: true,
      signatureValid: true,
      cases: [{ caseId, entries: 5, ok: true }],
    });
    // Any edit of the content: a reason, a dropped entry line, the server's verdict.
    const edits = [
      text.replace('"reason":null', '"reason":"改写"'),
      text
        .split('\n')
        .filter((l) => !l.includes('"seq":5,'))
        .join('\n'),
      text.replace('"verification":{"ok":true}', '"verification":{"ok":true} '),
    ];
    for (const edited of edits) {
      expect(edited).not.toBe(text);
      const result = verifyExport(edited, signer.publicKey);
      expect(result).toMatchObject({ ok: false, signatureValid: false });
      expect(result.reason).toMatch(/signature invalid|last line/);
    }
    // Re-signed by someone else's key: refused under the published public key.
    const other = generateKeyPairSync('ed25519');
    const forged = writeExport(
      await exportCases(db, [caseId], () => Promise.resolve(head)),
      { exportedAt: '2026-12-01T00:00:00.000Z', exportedBy: 'forger' },
      other.privateKey,
    );
    const refused = verifyExport(forged, signer.publicKey);
    expect(refused.ok).toBe(false);
    expect(refused.reason).toMatch(/signed by key/);
  });

  test('an export of a tampered chain carries the online verdict to the offline verifier', async () => {
    const { caseId, head } = await caseWith();
    await tamper(db, 'DELETE FROM audit_entries WHERE case_id = $1 AND seq >= 4', [caseId]);
    await tamper(db, 'UPDATE cases SET last_seq = 3 WHERE case_id = $1', [caseId]);
    const result = verifyExport(await exported(caseId, head), signer.publicKey);
    expect(result).toMatchObject({
      ok: false,
      signatureValid: true,
      cases: [{ caseId, ok: false, firstBrokenSeq: 4 }],
    });
    expect(result.cases[0]?.reason).toMatch(/tail was deleted/);
  });

  if (adapter.name === 'pglite') {
    test('secondment audit verify --file --public-key: exit 0 on the export, 8 on an edited one (no server)', async () => {
      const { caseId, head } = await caseWith(3);
      const dir = await mkdtemp(path.join(tmpdir(), 'audit-export-'));
      const file = path.join(dir, 'audit.jsonl');
      const key = path.join(dir, 'public.pem');
      const text = await exported(caseId, head);
      await writeFile(key, signer.publicKey.export({ type: 'spki', format: 'pem' }).toString());
      const cli = (f: string) =>
        promisify(execFile)(
          process.execPath,
          [
            path.join(__dirname, '../../../bin/secondment.js'),
            'audit',
            'verify',
            '--file',
            f,
            '--public-key',
            key,
          ],
          // no API anywhere: the offline check must not need one
          { env: { ...process.env, SECONDMENT_API_URL: 'http://127.0.0.1:9' } },
        ).then(
          (r) => ({ code: 0, out: r.stdout }),
          (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
        );
      await writeFile(file, text);
      const intact = await cli(file);
      expect(intact.code).toBe(0);
      expect(intact.out).toMatch(/Audit export intact/);
      await writeFile(file, text.replace('"actorId":"', '"actorId":"x'));
      const edited = await cli(file);
      expect(edited.code).toBe(8);
      expect(edited.out).toMatch(/signature invalid/);
    }, 60_000);
  }

  test('a row hashed with a key the verifier does not hold is refused, and rotation keeps old rows valid', async () => {
    const { caseId, head } = await caseWith(2);
    await tamper(db, `UPDATE audit_entries SET key_id = 'unknown' WHERE case_id = $1 AND seq = 2`, [caseId]);
    const result = await verifyChain(db, caseId, { head });
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: 2 });
    expect(result.ok ? '' : result.reason).toMatch(/unknown audit key/);
  });
});
