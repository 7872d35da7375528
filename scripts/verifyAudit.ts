import { loadAuditKeys } from '../config/auditKeys';
import { databaseConfigFromEnv, openDatabase } from '../db';
import { verifyAll, verifyChain } from '../store';

/**
 * `npm run audit:verify [-- <caseId>]`: recomputes the hash chain of one case, or of every case,
 * against the database the stack uses (DATABASE_URL, else the embedded PGlite in
 * $SECONDMENT_DATA_DIR/pglite). Exit code 0 = intact, 1 = broken, 2 = could not check.
 */
async function main(): Promise<number> {
  const caseId = process.argv[2];
  // The keyring of the embedded stack's data folder unless one is given (never generated here).
  const auditKeys = await loadAuditKeys(
    {
      ...process.env,
      SECONDMENT_AUDIT_KEY_FILE:
        process.env['SECONDMENT_AUDIT_KEY_FILE'] ??
        (process.env['SECONDMENT_AUDIT_KEYS']
          ? undefined
          : `${process.env['SECONDMENT_DATA_DIR'] ?? 'data'}/audit-keys.json`),
    },
    { embedded: false },
  );
  const db = await openDatabase(databaseConfigFromEnv(process.env), { auditKeys });
  try {
    if (caseId) {
      const result = await verifyChain(db, caseId);
      console.log(JSON.stringify(result, null, 2));
      return result.ok ? 0 : 1;
    }
    const summary = await verifyAll(db);
    console.log(JSON.stringify(summary, null, 2));
    return summary.ok ? 0 : 1;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`无法校验 / could not verify: ${(err as Error).message}`);
    process.exit(2);
  },
);
