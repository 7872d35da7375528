// The key the audit export is signed with (Ed25519). Its private part stays with the API (a file
// or a secret in the environment, never the database); its public part (GET /api/audit/public-key)
// is all an offline verifier needs. The embedded stack generates one in its data folder.
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface SigningKeySource {
  /** the private key, PEM (PKCS#8) */
  SECONDMENT_AUDIT_SIGNING_KEY?: string | undefined;
  /** … or its file; the embedded stack generates `audit-signing-key.pem` in its data folder */
  SECONDMENT_AUDIT_SIGNING_KEY_FILE?: string | undefined;
  SECONDMENT_DATA_DIR?: string | undefined;
}

export class SigningKeyError extends Error {
  override readonly name = 'SigningKeyError';
}

function parse(pem: string, where: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new SigningKeyError(
      `审计导出签名密钥无法读取 / the audit signing key in ${where} is not a PEM private key`,
    );
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new SigningKeyError(
      `审计导出签名密钥须为 Ed25519 / the audit signing key in ${where} is not Ed25519`,
    );
  return key;
}

/** A fresh key, PEM (PKCS#8). */
export function generateSigningKeyPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export async function loadSigningKey(env: SigningKeySource, opts: { embedded: boolean }): Promise<KeyObject> {
  if (env.SECONDMENT_AUDIT_SIGNING_KEY)
    return parse(env.SECONDMENT_AUDIT_SIGNING_KEY, 'SECONDMENT_AUDIT_SIGNING_KEY');
  const file =
    env.SECONDMENT_AUDIT_SIGNING_KEY_FILE ??
    (opts.embedded ? path.join(env.SECONDMENT_DATA_DIR ?? 'data', 'audit-signing-key.pem') : undefined);
  if (!file) {
    throw new SigningKeyError(
      '未配置审计导出签名密钥 / audit signing key: set SECONDMENT_AUDIT_SIGNING_KEY or SECONDMENT_AUDIT_SIGNING_KEY_FILE',
    );
  }
  if (!existsSync(file)) {
    if (env.SECONDMENT_AUDIT_SIGNING_KEY_FILE)
      throw new SigningKeyError(`密钥文件不存在 / key file ${file} does not exist`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, generateSigningKeyPem(), { mode: 0o600, flag: 'wx' }).catch(
      (err: NodeJS.ErrnoException) => {
        // Another process of the same stack created it first: use theirs.
        if (err.code !== 'EEXIST') throw err;
      },
    );
    await chmod(file, 0o600);
  }
  return parse(await readFile(file, 'utf8'), file);
}
