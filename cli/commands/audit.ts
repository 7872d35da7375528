import type { AuditVerification } from '../../contract';
import { authedClient, type Command } from '../command';
import { EXIT } from '../exitCodes';
import { renderTable } from '../table';

export const auditVerify: Command = {
  name: 'audit verify',
  summary: '校验审计哈希链 / verify the audit hash chain',
  options: {},
  positionals: [{ name: 'caseId', optional: true }],
  help: `[<caseId>]
  不给案件编号时校验你范围内的全部案件。链条断裂时退出码 8。
  Without a case id, every case in your scope. Exit 8 when a chain is broken.
  例 / e.g.  secondment audit verify --json`,
  async run(ctx, _args, [caseId]) {
    const result = await authedClient(ctx).get<AuditVerification>(
      '/api/audit/verify',
      caseId ? { caseId } : {},
    );
    const broken = result.results.filter((r) => !r.ok);
    ctx.out.result(result, () => {
      const summary = `${result.cases} 件案件，${result.entries} 条记录 / ${result.cases} cases, ${result.entries} entries`;
      if (result.ok) return `审计链完整 / Audit chain intact: ${summary}`;
      const table = renderTable(
        [
          { header: '案件 / Case' },
          { header: '首个断点 / First broken seq', align: 'right' },
          { header: '原因 / Reason' },
        ],
        broken.map((r) => [r.caseId, r.ok ? '' : String(r.firstBrokenSeq), r.ok ? '' : r.reason]),
      );
      return `审计链断裂 / AUDIT CHAIN BROKEN: ${summary}\n\n${table}`;
    });
    return result.ok ? EXIT.OK : EXIT.AUDIT_BROKEN;
  },
};
