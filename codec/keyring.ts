// The payload codec's keys (密钥环): AES-256 keys by id, one of them active for encryption. Older
// keys stay for decryption, so rotation is "add a key, make it active"; histories written with the
// old key still decode. Keys never live in the database or in Temporal.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const keyIdSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'key id: 1–64 letters, digits, _ . -');
const keyMaterialSchema = z
  .string()
  .refine((s) => Buffer.from(s, 'base64').length === 32, 'key: 32 bytes, base64 encoded (AES-256)');

export const keyringFileSchema = z
  .object({
    active: keyIdSchema,
    keys: z.record(keyIdSchema, keyMaterialSchema),
  })
  .refine((k) => k.active in k.keys, { message: 'active: must name one of keys', path: ['active'] });
export type KeyringFile = z.infer<typeof keyringFileSchema>;

export interface Keyring {
  activeKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

export class KeyringError extends Error {
  override readonly name = 'KeyringError';
}

function fromFile(data: KeyringFile): Keyring {
  return {
    activeKeyId: data.active,
    keys: new Map(Object.entries(data.keys).map(([id, b64]) => [id, Buffer.from(b64, 'base64')])),
  };
}

export function parseKeyring(json: string, where: string): Keyring {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new KeyringError(`密钥环不是有效的 JSON / keyring in ${where} is not valid JSON`);
  }
  const parsed = keyringFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new KeyringError(`密钥环无效 / invalid keyring in ${where}: ${issues.join('; ')}`);
  }
  return fromFile(parsed.data);
}

export function generateKeyringFile(keyId = `k${new Date().getUTCFullYear()}a`): KeyringFile {
  return { active: keyId, keys: { [keyId]: randomBytes(32).toString('base64') } };
}

/** Adds a new key and makes it active; the old keys stay so old payloads still decode. */
export function rotate(file: KeyringFile, keyId: string): KeyringFile {
  if (keyId in file.keys) throw new KeyringError(`密钥编号已存在 / key id ${keyId} already exists`);
  return { active: keyId, keys: { ...file.keys, [keyId]: randomBytes(32).toString('base64') } };
}

export interface KeyringSource {
  /** JSON keyring in the environment (production secret stores inject it this way) */
  SECONDMENT_CODEC_KEYS?: string | undefined;
  /** path of a JSON keyring file */
  SECONDMENT_CODEC_KEY_FILE?: string | undefined;
}

/**
 * Production: the keyring comes from SECONDMENT_CODEC_KEYS or SECONDMENT_CODEC_KEY_FILE and its
 * absence is an error. Embedded default (`dataDir` given): a keyring file in the data folder,
 * generated on first start, readable by its owner only.
 */
export async function loadKeyring(
  env: KeyringSource,
  opts: {
    dataDir?: string;
    /** another keyring of the same form (the audit chain's): its file name and variable names */
    fileName?: string;
    names?: { json: string; file: string; what: string };
  } = {},
): Promise<Keyring> {
  const names = opts.names ?? {
    json: 'SECONDMENT_CODEC_KEYS',
    file: 'SECONDMENT_CODEC_KEY_FILE',
    what: '载荷加密密钥 / payload encryption keys',
  };
  if (env.SECONDMENT_CODEC_KEYS) return parseKeyring(env.SECONDMENT_CODEC_KEYS, names.json);
  const file =
    env.SECONDMENT_CODEC_KEY_FILE ??
    (opts.dataDir !== undefined ? path.join(opts.dataDir, opts.fileName ?? 'codec-keys.json') : undefined);
  if (!file) {
    throw new KeyringError(`未配置${names.what}: set ${names.json} or ${names.file}`);
  }
  if (!existsSync(file)) {
    if (env.SECONDMENT_CODEC_KEY_FILE)
      throw new KeyringError(`密钥文件不存在 / key file ${file} does not exist`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(generateKeyringFile(), null, 2)}\n`, {
      mode: 0o600,
      flag: 'wx',
    }).catch((err: NodeJS.ErrnoException) => {
      // Another process of the same stack created it first: use theirs.
      if (err.code !== 'EEXIST') throw err;
    });
    await chmod(file, 0o600);
  }
  return parseKeyring(await readFile(file, 'utf8'), file);
}
