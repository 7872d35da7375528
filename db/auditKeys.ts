// The audit chain's HMAC keys (审计链密钥): by id, one active for new rows, older ones kept so old
// rows still verify (rotation = add a key, make it active). They are handed to the database
// handle by the process that opens it and never stored in the database: whoever can write to the
// tables cannot recompute a row's hash.
import { randomBytes } from 'node:crypto';

export interface AuditKeys {
  activeKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
  /** a key made up for this handle only (tests, read-only tools): rows it writes verify only here */
  ephemeral?: boolean;
}

/** A random key for one handle: what openDatabase uses when the caller gives none. */
export function ephemeralAuditKeys(): AuditKeys {
  return { activeKeyId: 'ephemeral', keys: new Map([['ephemeral', randomBytes(32)]]), ephemeral: true };
}
