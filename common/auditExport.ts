// The signed audit export (审计导出) and its offline verifier. One file, JSON Lines: a header, per
// case its head as Temporal held it and the server's verification at export time, the case's rows
// as stored, and last an Ed25519 signature over every byte before it. The verifier needs only the
// file and the public key: no database, no server, no HMAC key (that stays secret; the server's
// signature vouches that the chain verified under it).
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson, sha256Hex } from './canonicalJson';

export const EXPORT_FORMAT = 'secondment-audit-export/1';
const GENESIS = '0'.repeat(64);

/** A public key's id: its SPKI (DER) digest, so a verifier can tell which key a file needs. */
export function publicKeyId(key: KeyObject): string {
  const der = key.export({ type: 'spki', format: 'der' });
  return `ed25519:${createHash('sha256').update(der).digest('hex').slice(0, 16)}`;
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const headerSchema = z.object({
  type: z.literal('export'),
  format: z.literal(EXPORT_FORMAT),
  exportedAt: z.string(),
  exportedBy: z.string(),
  keyId: z.string(),
  cases: z.number().int().min(0),
});
const verificationSchema = z.object({
  ok: z.boolean(),
  reason: z.string().optional(),
  firstBrokenSeq: z.number().int().optional(),
});
const caseSchema = z.object({
  type: z.literal('case'),
  caseId: z.string(),
  /** the head (seq, hash) Temporal held at export time; null: none (a case older than the head) */
  head: z.object({ seq: z.number().int().min(1), hash: hex64 }).nullable(),
  entries: z.number().int().min(0),
  verification: verificationSchema,
});
export const exportEntrySchema = z.object({
  type: z.literal('entry'),
  caseId: z.string(),
  seq: z.number().int().min(1),
  eventType: z.string(),
  actorId: z.string(),
  actorRole: z.string(),
  actorUnit: z.string(),
  onBehalfOf: z.string().nullable(),
  reason: z.string().nullable(),
  fromState: z.string(),
  toState: z.string(),
  at: z.string(),
  payload: z.record(z.string(), z.unknown()),
  payloadDigest: hex64,
  transitionDigest: z.string(),
  keyId: z.string().nullable(),
  prevHash: hex64,
  hash: hex64,
});
export type ExportEntry = z.infer<typeof exportEntrySchema>;
const signatureSchema = z.object({
  type: z.literal('signature'),
  alg: z.literal('Ed25519'),
  keyId: z.string(),
  signature: z.string(),
});

export interface ExportCase {
  caseId: string;
  head: { seq: number; hash: string } | null;
  verification: { ok: boolean; reason?: string; firstBrokenSeq?: number };
  entries: Omit<ExportEntry, 'type' | 'caseId'>[];
}

/** Writes the export: every line JSON, '\n' after each, the signature over all bytes before it. */
export function writeExport(
  cases: readonly ExportCase[],
  meta: { exportedAt: string; exportedBy: string },
  signingKey: KeyObject,
): string {
  const keyId = publicKeyId(createPublicKey(signingKey));
  const lines: string[] = [
    JSON.stringify({ type: 'export', format: EXPORT_FORMAT, ...meta, keyId, cases: cases.length }),
  ];
  for (const c of cases) {
    lines.push(
      JSON.stringify({
        type: 'case',
        caseId: c.caseId,
        head: c.head,
        entries: c.entries.length,
        verification: c.verification,
      }),
    );
    for (const e of c.entries) lines.push(JSON.stringify({ type: 'entry', caseId: c.caseId, ...e }));
  }
  const body = lines.map((l) => `${l}\n`).join('');
  const signature = sign(null, Buffer.from(body, 'utf8'), signingKey).toString('base64');
  return `${body}${JSON.stringify({ type: 'signature', alg: 'Ed25519', keyId, signature })}\n`;
}

export interface ExportCaseResult {
  caseId: string;
  entries: number;
  ok: boolean;
  /** why not, zh-CN / English */
  reason?: string;
  firstBrokenSeq?: number;
}

export interface ExportVerification {
  ok: boolean;
  /** the file's signature is valid under the given public key */
  signatureValid: boolean;
  keyId: string | null;
  exportedAt: string | null;
  cases: ExportCaseResult[];
  /** a problem with the file as a whole (signature, format) */
  reason?: string;
}

const fileProblem = (reason: string, extra: Partial<ExportVerification> = {}): ExportVerification => ({
  ok: false,
  signatureValid: false,
  keyId: null,
  exportedAt: null,
  cases: [],
  reason,
  ...extra,
});

/**
 * Verifies an export offline: the signature over the content (an edited file fails here), the
 * format, and per case the chain's links (seq from 1, prev_hash, payload digests), that it ends
 * at the head Temporal held, and the server's own verdict (it checked the HMACs with the key).
 */
export function verifyExport(text: string, publicKey: KeyObject): ExportVerification {
  const expectedKeyId = publicKeyId(publicKey);
  const trimmed = text.endsWith('\n') ? text.slice(0, -1) : text;
  const cut = trimmed.lastIndexOf('\n');
  if (cut < 0) return fileProblem('文件不完整 / not an audit export: no signature line');
  const body = trimmed.slice(0, cut + 1);
  let sig: z.infer<typeof signatureSchema>;
  try {
    sig = signatureSchema.parse(JSON.parse(trimmed.slice(cut + 1)));
  } catch {
    return fileProblem('最后一行不是签名 / the last line is not the signature');
  }
  if (sig.keyId !== expectedKeyId) {
    return fileProblem(
      `文件由另一把密钥签名（${sig.keyId}），所给公钥为 ${expectedKeyId} / signed by key ${sig.keyId}, the public key given is ${expectedKeyId}`,
      { keyId: sig.keyId },
    );
  }
  const signatureValid = verify(
    null,
    Buffer.from(body, 'utf8'),
    publicKey,
    Buffer.from(sig.signature, 'base64'),
  );
  if (!signatureValid) {
    return fileProblem(
      '签名无效：文件在导出后被修改 / signature invalid: the file was altered after export',
      {
        keyId: sig.keyId,
      },
    );
  }
  const lines = body.slice(0, -1).split('\n');
  let header: z.infer<typeof headerSchema>;
  try {
    header = headerSchema.parse(JSON.parse(lines[0] ?? ''));
  } catch {
    return fileProblem('首行不是导出头 / the first line is not the export header', {
      signatureValid,
      keyId: sig.keyId,
    });
  }
  const results: ExportCaseResult[] = [];
  let current: { c: z.infer<typeof caseSchema>; rows: ExportEntry[] } | null = null;
  const finish = () => {
    if (current) results.push(checkCase(current.c, current.rows));
    current = null;
  };
  for (const [i, line] of lines.slice(1).entries()) {
    const raw: unknown = JSON.parse(line);
    const type = (raw as { type?: unknown }).type;
    if (type === 'case') {
      finish();
      current = { c: caseSchema.parse(raw), rows: [] };
    } else if (type === 'entry' && current) {
      const e = exportEntrySchema.parse(raw);
      if (e.caseId !== current.c.caseId)
        return fileProblem(`第 ${i + 2} 行属于另一案件 / line ${i + 2} belongs to another case`, {
          signatureValid,
          keyId: sig.keyId,
        });
      current.rows.push(e);
    } else {
      return fileProblem(`第 ${i + 2} 行无法识别 / line ${i + 2} is not a case or entry`, {
        signatureValid,
        keyId: sig.keyId,
      });
    }
  }
  finish();
  if (results.length !== header.cases) {
    return fileProblem(
      `导出头写 ${header.cases} 个案件，文件有 ${results.length} 个 / header says ${header.cases} cases, file has ${results.length}`,
      {
        signatureValid,
        keyId: sig.keyId,
      },
    );
  }
  return {
    ok: results.every((r) => r.ok),
    signatureValid,
    keyId: sig.keyId,
    exportedAt: header.exportedAt,
    cases: results,
  };
}

function checkCase(c: z.infer<typeof caseSchema>, rows: readonly ExportEntry[]): ExportCaseResult {
  const base = { caseId: c.caseId, entries: rows.length };
  const broken = (firstBrokenSeq: number, reason: string): ExportCaseResult => ({
    ...base,
    ok: false,
    firstBrokenSeq,
    reason,
  });
  if (!c.verification.ok) {
    return broken(
      c.verification.firstBrokenSeq ?? 1,
      `导出时服务器校验未通过 / the server's verification failed at export: ${c.verification.reason ?? ''}`,
    );
  }
  if (rows.length !== c.entries)
    return broken(
      1,
      `案件行写 ${c.entries} 条，文件有 ${rows.length} 条 / case line says ${c.entries} entries, file has ${rows.length}`,
    );
  let prev = GENESIS;
  for (const [i, r] of rows.entries()) {
    if (r.seq !== i + 1) return broken(i + 1, `第 ${i + 1} 条记录缺失 / entry ${i + 1} is missing`);
    if (r.prevHash !== prev)
      return broken(r.seq, 'prev_hash 与上一条记录的哈希不符 / prev_hash does not match the previous entry');
    if (sha256Hex(canonicalJson(r.payload)) !== r.payloadDigest)
      return broken(r.seq, '载荷摘要不符，载荷被修改 / payload digest mismatch: payload was altered');
    prev = r.hash;
  }
  if (c.head) {
    if (rows.length !== c.head.seq || prev !== c.head.hash)
      return broken(
        Math.min(rows.length, c.head.seq) + 1,
        `链尾与 Temporal 的链头（第 ${c.head.seq} 条）不符 / the chain does not end at Temporal's head (seq ${c.head.seq})`,
      );
  }
  return { ...base, ok: true };
}
