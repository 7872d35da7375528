import type { DataConverter } from '@temporalio/common';
import { EncryptionCodec } from './encryptionCodec';
import type { Keyring } from './keyring';

/** The one data converter client and worker share: default JSON payloads, then encryption. */
export function dataConverterFor(keyring: Keyring): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(keyring)] };
}
