import { loadKeyring } from '../codec';
import type { AuditKeys } from '../db';

export interface AuditKeySource {
  /** the audit chain's HMAC keyring as JSON ({"active": id, "keys": {id: base64 32 bytes}}) … */
  SECONDMENT_AUDIT_KEYS?: string | undefined;
  /** … or its file; the embedded stack generates `audit-keys.json` in its data folder */
  SECONDMENT_AUDIT_KEY_FILE?: string | undefined;
  SECONDMENT_DATA_DIR?: string | undefined;
}

/**
 * The audit chain's keys for this process. Kept apart from the database (a file or a secret in the
 * environment): whoever can write to the database cannot recompute a row's HMAC. Every worker and
 * every verifier must be given the same keyring; `embedded`: generated in the data folder.
 */
export async function loadAuditKeys(env: AuditKeySource, opts: { embedded: boolean }): Promise<AuditKeys> {
  const keyring = await loadKeyring(
    {
      SECONDMENT_CODEC_KEYS: env.SECONDMENT_AUDIT_KEYS,
      SECONDMENT_CODEC_KEY_FILE: env.SECONDMENT_AUDIT_KEY_FILE,
    },
    {
      ...(opts.embedded ? { dataDir: env.SECONDMENT_DATA_DIR ?? 'data' } : {}),
      fileName: 'audit-keys.json',
      names: {
        json: 'SECONDMENT_AUDIT_KEYS',
        file: 'SECONDMENT_AUDIT_KEY_FILE',
        what: '审计链密钥 / audit chain keys',
      },
    },
  );
  return { activeKeyId: keyring.activeKeyId, keys: keyring.keys };
}
