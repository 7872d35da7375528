import { createPublicKey } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { verifyExport, type ExportVerification } from '../../common/auditExport';
import type { AuditPublicKey, AuditVerification } from '../../contract';
import { str } from '../args';
import { authedClient, type Command, type CommandContext } from '../command';
import { usage } from '../errors';
import { EXIT, type ExitCode } from '../exitCodes';
import { renderTable } from '../table';

const brokenTable = (rows: { caseId: string; firstBrokenSeq?: number; reason?: string }[]): string =>
  renderTable(
    [
      { header: '案件 / Case' },
      { header: '首个断点 / First broken seq', align: 'right' },
      { header: '原因 / Reason' },
    ],
    rows.map((r) => [
      r.caseId,
      r.firstBrokenSeq === undefined ? '' : String(r.firstBrokenSeq),
      r.reason ?? '',
    ]),
  );

/** The offline check of an export: only the file and the public key, no server, no database. */
async function verifyFile(ctx: CommandContext, file: string, keyFile: string | undefined): Promise<ExitCode> {
  if (!keyFile)
    throw usage('--public-key: 须给出公钥文件（PEM）/ the public key file (PEM) is required', '--public-key');
  const read = (f: string, flag: string) =>
    readFile(f, 'utf8').catch(() => {
      throw usage(`${flag}: 无法读取 ${f} / cannot read ${f}`, flag);
    });
  const [text, pem] = [await read(file, '--file'), await read(keyFile, '--public-key')];
  let key;
  try {
    key = createPublicKey(pem);
  } catch {
    throw usage(`--public-key: ${keyFile} 不是 PEM 公钥 / is not a PEM public key`, '--public-key');
  }
  const result: ExportVerification = verifyExport(text, key);
  ctx.out.result(result, () => {
    if (result.reason) return `导出文件无效 / EXPORT INVALID: ${result.reason}`;
    const entries = result.cases.reduce((n, c) => n + c.entries, 0);
    const summary = `${result.cases.length} 件案件，${entries} 条记录，签名有效（${result.keyId}）/ ${result.cases.length} cases, ${entries} entries, signature valid (${result.keyId})`;
    if (result.ok) return `审计导出完整 / Audit export intact: ${summary}`;
    return `审计链断裂 / AUDIT CHAIN BROKEN: ${summary}\n\n${brokenTable(result.cases.filter((c) => !c.ok))}`;
  });
  return result.ok ? EXIT.OK : EXIT.AUDIT_BROKEN;
}

export const auditVerify: Command = {
  name: 'audit verify',
  summary:
    '校验审计哈希链（在线，或离线校验导出文件）/ verify the audit hash chain (online, or an export offline)',
  options: { file: { type: 'string' }, 'public-key': { type: 'string' } },
  positionals: [{ name: 'caseId', optional: true }],
  help: `[<caseId>] | --file <export.jsonl> --public-key <key.pem>
  不给案件编号时校验你范围内的全部案件（服务器对照 Temporal 的链头）。
  --file：离线校验 audit export 的文件，只需文件和公钥（audit public-key），不连服务器或数据库。
  链条断裂或文件被改动时退出码 8。
  Without a case id, every case in your scope (the server compares with the head Temporal holds).
  --file: verify an export offline: only the file and the public key, no server or database.
  Exit 8 when a chain is broken or the file was altered.
  例 / e.g.  secondment audit verify --json
             secondment audit verify --file audit.jsonl --public-key audit-public-key.pem`,
  async run(ctx, { values }, [caseId]) {
    const file = str(values, 'file');
    if (file) return verifyFile(ctx, file, str(values, 'public-key'));
    const result = await authedClient(ctx).get<AuditVerification>(
      '/api/audit/verify',
      caseId ? { caseId } : {},
    );
    ctx.out.result(result, () => {
      const summary = `${result.cases} 件案件，${result.entries} 条记录 / ${result.cases} cases, ${result.entries} entries`;
      if (result.ok) return `审计链完整 / Audit chain intact: ${summary}`;
      const broken = result.results.flatMap((r) => (r.ok ? [] : [r]));
      return `审计链断裂 / AUDIT CHAIN BROKEN: ${summary}\n\n${brokenTable(broken)}`;
    });
    return result.ok ? EXIT.OK : EXIT.AUDIT_BROKEN;
  },
};

export const auditExport: Command = {
  name: 'audit export',
  summary: '导出签名的审计记录（JSON Lines）/ export the signed audit trail (JSON Lines)',
  options: { out: { type: 'string' } },
  positionals: [{ name: 'caseId', optional: true }],
  help: `[<caseId>] [--out <file>]
  一个案件或你范围内的全部案件，一个文件，Ed25519 签名；用 audit verify --file 离线校验。
  One case or every case in your scope, one file, signed (Ed25519); check it with audit verify --file.
  例 / e.g.  secondment audit export --out audit.jsonl`,
  async run(ctx, { values }, [caseId]) {
    const file = await authedClient(ctx).download(
      `/api/audit/export${caseId ? `?caseId=${encodeURIComponent(caseId)}` : ''}`,
    );
    const out = str(values, 'out') ?? file.fileName ?? 'audit.jsonl';
    await writeFile(out, file.bytes);
    ctx.out.result({ file: out, bytes: file.bytes.length }, () => out);
    ctx.out.note(`已导出 / Exported: ${out} (${file.bytes.length} bytes)`);
    return EXIT.OK;
  },
};

export const auditPublicKey: Command = {
  name: 'audit public-key',
  summary: '审计导出的签名公钥 / the public key audit exports are signed with',
  options: { out: { type: 'string' } },
  positionals: [],
  help: `[--out <file>]
  PEM 公钥及其编号；离线校验只需它和导出文件。
  The PEM public key and its id; with the export file, all an offline check needs.
  例 / e.g.  secondment audit public-key --out audit-public-key.pem`,
  async run(ctx, { values }) {
    const key = await authedClient(ctx).get<AuditPublicKey>('/api/audit/public-key');
    const out = str(values, 'out');
    if (out) {
      await writeFile(out, key.publicKey);
      ctx.out.note(`已保存 / Saved: ${out} (${key.keyId})`);
    }
    ctx.out.result(key, () => (out ? out : `${key.keyId}\n${key.publicKey.trimEnd()}`));
    return EXIT.OK;
  },
};
