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

type PayloadLike = { metadata?: unknown; data?: unknown };
const isPayload = (v: Record<string, unknown>): v is PayloadLike & Record<string, unknown> =>
  'metadata' in v && 'data' in v && v.data instanceof Uint8Array;

/**
 * A fetched history as a reader with the key sees it: every encrypted payload replaced, in place,
 * by its plaintext (search attributes were never encrypted). Tests read workflow inputs and
 * activity arguments out of histories through this.
 */
export async function decryptHistory<T>(history: T): Promise<T> {
  const found: Record<string, unknown>[] = [];
  const walk = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return;
    const v = value as Record<string, unknown>;
    if (isPayload(v)) found.push(v);
    else for (const child of Object.values(v)) walk(child);
  };
  walk(history);
  const decoded = await testCodec.decode(found);
  found.forEach((target, i) => {
    const plain = decoded[i];
    if (plain) Object.assign(target, { metadata: plain.metadata, data: plain.data });
  });
  return history;
}
