// The audit chain's keyring every spawned worker or stack of the tests shares with the test's own
// database handle, so the test can verify the chains they wrote (test data only, not a secret).
import type { AuditKeys } from '../../db';

export const TEST_AUDIT_KEYS_JSON = JSON.stringify({
  active: 'test-a1',
  keys: { 'test-a1': Buffer.alloc(32, 9).toString('base64') },
});

export const testAuditKeys: AuditKeys = {
  activeKeyId: 'test-a1',
  keys: new Map([['test-a1', Buffer.alloc(32, 9)]]),
};
