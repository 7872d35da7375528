export { EncryptionCodec, isEncrypted, ENCRYPTED_ENCODING, KEY_ID_METADATA } from './encryptionCodec';
export {
  loadKeyring,
  parseKeyring,
  generateKeyringFile,
  rotate,
  keyringFileSchema,
  KeyringError,
  type Keyring,
  type KeyringFile,
  type KeyringSource,
} from './keyring';
export {
  startCodecServer,
  codecRequestHandler,
  type CodecServer,
  type CodecServerOptions,
} from './codecServer';
