// The cases of an audit export, as stored: each case's rows, the head Temporal holds and the
// server's verification of the chain (HMACs under the keyring) at export time. Signing and the
// file format are in common/auditExport.ts (the offline verifier reads the same format).
import type { ExportCase } from '../common/auditExport';
import type { AuditKeys, Queryable } from '../db';
import { auditRowsOf, toAuditEntry } from './auditTrail';
import { verifyChain, type AuditHead } from './verifyChain';

export async function exportCases(
  db: Queryable & { auditKeys: AuditKeys },
  caseIds: readonly string[],
  headOf: (caseId: string) => Promise<AuditHead | null>,
): Promise<ExportCase[]> {
  const out: ExportCase[] = [];
  for (const caseId of caseIds) {
    const head = await headOf(caseId);
    const verification = await verifyChain(db, caseId, { head });
    const rows = await auditRowsOf(db, caseId);
    out.push({
      caseId,
      head,
      verification: verification.ok
        ? { ok: true }
        : { ok: false, reason: verification.reason, firstBrokenSeq: verification.firstBrokenSeq },
      entries: rows.map((r) => {
        const { caseId: _c, ...e } = toAuditEntry(r);
        return { ...e, transitionDigest: r.transition_digest, keyId: r.key_id ?? null };
      }),
    });
  }
  return out;
}
