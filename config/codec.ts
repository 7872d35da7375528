import { EncryptionCodec, loadKeyring, type Keyring } from '../codec';
import type { DataConverter } from '@temporalio/common';
import type { Env } from './env';

export interface CodecSetup {
  keyring: Keyring;
  codec: EncryptionCodec;
  dataConverter: DataConverter;
}

/**
 * The payload codec's keys for this process. `embedded`: the stack's own data folder holds a
 * keyring it generates on first start. Otherwise (a worker or API of a production deployment) the
 * keys must be given, because every worker and API process must share them.
 */
export async function codecSetup(env: Env, opts: { embedded: boolean }): Promise<CodecSetup> {
  const keyring = await loadKeyring(
    {
      SECONDMENT_CODEC_KEYS: env.SECONDMENT_CODEC_KEYS,
      SECONDMENT_CODEC_KEY_FILE: env.SECONDMENT_CODEC_KEY_FILE,
    },
    opts.embedded ? { dataDir: env.SECONDMENT_DATA_DIR } : {},
  );
  const codec = new EncryptionCodec(keyring);
  return { keyring, codec, dataConverter: { payloadCodecs: [codec] } };
}
