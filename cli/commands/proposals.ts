import type { Proposal } from '../../contract';
import { enumValue, str } from '../args';
import { authedClient, type Command, type CommandContext } from '../command';
import { EXIT } from '../exitCodes';
import { bi, formatTime } from '../format';
import { renderFields, renderTable } from '../table';
import { requireReason } from './interventionArgs';

export interface ProposalAnswer {
  proposal: Proposal;
}

const STATUS = { open: '待复核 / open', approved: '已批准 / approved', rejected: '已驳回 / rejected' };

export function reportProposal(ctx: CommandContext, p: Proposal): void {
  ctx.out.result(p, () =>
    renderFields([
      ['复核申请 / Proposal', p.proposalId],
      [
        '干预 / Intervention',
        `${p.intervention.type}${p.intervention.label ? `  ${bi(p.intervention.label)}` : ''}`,
      ],
      ['案件 / Case', p.caseId ?? `批量 / bulk: ${p.plan?.filter((i) => i.willChange).length ?? 0} cases`],
      ['变更 / Change', p.change ?? '—'],
      ['理由 / Reason', p.reason],
      ['提议人 / Proposed by', `${p.proposedBy.name ?? p.proposedBy.id} (${p.proposedBy.id})`],
      ['期限 / Due', formatTime(p.dueAt)],
      [
        '状态 / Status',
        `${STATUS[p.status]}${p.stuck ? '  停滞 / stuck' : p.overdue ? '  逾期 / overdue' : ''}`,
      ],
      ...(p.decidedBy
        ? ([
            ['复核人 / Decided by', `${p.decidedBy.name ?? p.decidedBy.id} (${p.decidedBy.id})`],
            ['复核理由 / Decision reason', p.decisionReason ?? ''],
          ] as [string, string][])
        : []),
      ...(p.result
        ? ([
            [
              '结果 / Result',
              p.result.outcome === 'changed'
                ? `已执行 / applied → ${p.result.status}`
                : p.result.outcome === 'failed'
                  ? `失败 / failed: ${p.result.error.code} ${p.result.error.message}`
                  : p.result.items.map((i) => `${i.caseId} ${i.outcome}`).join('; '),
            ],
          ] as [string, string][])
        : []),
    ]),
  );
}

export const proposalsList: Command = {
  name: 'proposals list',
  summary: '本组织部的双人复核申请 / your department’s four-eyes proposals',
  options: { status: { type: 'string' } },
  positionals: [],
  help: `[--status open|approved|rejected]`,
  async run(ctx, { values }) {
    const status = enumValue(values, 'status', ['open', 'approved', 'rejected'] as const);
    const page = await authedClient(ctx).get<{ items: Proposal[] }>(
      `/api/proposals${status ? `?status=${status}` : ''}`,
    );
    ctx.out.result(page, () =>
      renderTable(
        [
          { header: '申请 / Proposal' },
          { header: '干预 / Intervention' },
          { header: '案件 / Case' },
          { header: '提议人 / By' },
          { header: '期限 / Due' },
          { header: '状态 / Status' },
        ],
        page.items.map((p) => [
          p.proposalId,
          p.intervention.type,
          p.caseId ?? 'bulk',
          p.proposedBy.id,
          formatTime(p.dueAt),
          STATUS[p.status] + (p.stuck ? ' stuck' : ''),
        ]),
      ),
    );
    return EXIT.OK;
  },
};

const decide = (verb: 'approve' | 'reject'): Command => ({
  name: `proposals ${verb}`,
  summary:
    verb === 'approve'
      ? '批准（由另一名管理员）并立即执行 / approve (another admin) and apply it now'
      : '驳回（由另一名管理员），不做任何变更 / reject (another admin): nothing changes',
  options: { reason: { type: 'string' } },
  positionals: [{ name: 'proposalId' }],
  help: `<proposalId> --reason "<理由 / why>"`,
  async run(ctx, { values }, [id = '']) {
    const reason = requireReason(str(values, 'reason'));
    const { proposal } = await authedClient(ctx).post<ProposalAnswer>(
      `/api/proposals/${encodeURIComponent(id)}/${verb}`,
      { reason },
    );
    reportProposal(ctx, proposal);
    return EXIT.OK;
  },
});

export const proposalsApprove = decide('approve');
export const proposalsReject = decide('reject');
