// The payload codec every test client and worker uses, so tests run Temporal exactly as
// production does: encrypted payloads in history. A fixed key (not a secret: test data only), so
// recorded histories replay and a spawned worker process shares it.
import { EncryptionCodec, parseKeyring } from '../../codec';
import type { DataConverter } from '@temporalio/common';

export const TEST_KEYRING_JSON = JSON.stringify({
  active: 'test-k1',
  keys: { 'test-k1': Buffer.alloc(32, 7).toString('base64') },
});

export const testCodec = new EncryptionCodec(parseKeyring(TEST_KEYRING_JSON, 'test harness'));
export const testDataConverter: DataConverter = { payloadCodecs: [testCodec] };
