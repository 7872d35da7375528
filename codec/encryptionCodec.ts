// AES-256-GCM payload codec (载荷加密): every payload the client or worker hands to Temporal —
// workflow input, Update arguments and results, activity input and results, memo — is ciphertext
// in history. The whole payload (metadata and data) is encrypted, so even its encoding is hidden.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec, ValueError } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { Keyring } from './keyring';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
export const CIPHER_METADATA = 'encryption-cipher';
const CIPHER = 'AES-256-GCM';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

const utf8 = (s: string): Uint8Array => Buffer.from(s, 'utf8');
const text = (b: Uint8Array | null | undefined): string | undefined =>
  b ? Buffer.from(b).toString('utf8') : undefined;

export const isEncrypted = (p: Payload): boolean =>
  text(p.metadata?.[METADATA_ENCODING_KEY]) === ENCRYPTED_ENCODING;

export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly keyring: Keyring) {
    if (!keyring.keys.has(keyring.activeKeyId))
      throw new ValueError(`active key ${keyring.activeKeyId} is not in the keyring`);
  }

  // async: a failure must reach the SDK as a rejected promise, never as a synchronous throw
  async encode(payloads: Payload[]): Promise<Payload[]> {
    await Promise.resolve();
    const keyId = this.keyring.activeKeyId;
    const key = this.keyring.keys.get(keyId) as Buffer;
    return payloads.map((payload) => {
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      // The key id is bound into the tag, so swapping metadata between payloads fails to decrypt.
      cipher.setAAD(utf8(keyId));
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return {
        metadata: {
          [METADATA_ENCODING_KEY]: utf8(ENCRYPTED_ENCODING),
          [KEY_ID_METADATA]: utf8(keyId),
          [CIPHER_METADATA]: utf8(CIPHER),
        },
        data: Buffer.concat([nonce, body, cipher.getAuthTag()]),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    await Promise.resolve();
    return payloads.map((payload) => {
      // Histories written before the codec existed stay readable (and replayable).
      if (!isEncrypted(payload)) return payload;
      const keyId = text(payload.metadata?.[KEY_ID_METADATA]);
      if (!keyId) throw new ValueError('encrypted payload without a key id');
      const key = this.keyring.keys.get(keyId);
      if (!key)
        throw new ValueError(`载荷密钥 ${keyId} 不在密钥环中 / payload key ${keyId} is not in the keyring`);
      const data = payload.data ?? new Uint8Array();
      if (data.length < NONCE_BYTES + TAG_BYTES) throw new ValueError('encrypted payload is truncated');
      const buf = Buffer.from(data);
      const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, NONCE_BYTES));
      decipher.setAAD(utf8(keyId));
      decipher.setAuthTag(buf.subarray(buf.length - TAG_BYTES));
      const plain = Buffer.concat([
        decipher.update(buf.subarray(NONCE_BYTES, buf.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return temporal.api.common.v1.Payload.decode(plain);
    });
  }
}
