import type { CaseAnswer, CaseView, InterventionPreview } from '../../contract';
import { flag, str } from '../args';
import { authedClient, type Command, type CommandContext } from '../command';
import { bi, formatTime } from '../format';
import { reportProposal, type ProposalAnswer } from './proposals';
import { interventionType, requireReason } from './interventionArgs';
import { EXIT } from '../exitCodes';
import { payloadFrom, reportCase } from './send';

export { interventionType, requireReason } from './interventionArgs';

export const intervene: Command = {
  name: 'intervene',
  summary: '组织部干预 / admin intervention (org admins)',
  options: {
    reason: { type: 'string' },
    data: { type: 'string' },
    file: { type: 'string' },
    'dry-run': { type: 'boolean' },
    propose: { type: 'boolean' },
  },
  positionals: [{ name: 'caseId' }, { name: 'type' }],
  help: `<caseId> <admin.type> --reason "<理由 / why>" [--data '<json>' | --file <payload.json>] [--dry-run | --propose]
  --dry-run: 只预演，显示状态、事项与期限的前后变化及将发送的通知（收件人姓名），不做任何更改
             preview only: state, duties and due dates before → after, the notifications it sends (by name)
  --propose: 双人复核：提交复核申请，由本组织部另一名管理员批准后执行（规则要求时必须如此）
             four eyes: propose it; another admin of your department approves it (required when the policy says so)
  类型 / types: admin.case.hold, admin.case.resume, admin.case.force {to},
  admin.deadline.extend {dutyId, until}, admin.duty.waive {dutyId}, admin.duty.reassign {dutyId, owner}
  例 / e.g.  secondment intervene c0123456789abcdef admin.case.hold --reason "干部病假 / sick leave"
             secondment intervene c0123456789abcdef admin.deadline.extend --reason "统一顺延" \\
               --data '{"dutyId":"d3","until":"2026-09-30T18:00:00+08:00"}'`,
  async run(ctx, { values }, [caseId = '', rawType = '']) {
    const type = interventionType(rawType);
    const reason = requireReason(str(values, 'reason'));
    const payload = { ...(await payloadFrom(ctx, values)), reason };
    const url = `/api/cases/${encodeURIComponent(caseId)}/interventions/${encodeURIComponent(type)}`;
    if (flag(values, 'dry-run')) {
      const preview = await authedClient(ctx).post<InterventionPreview>(`${url}/preview`, payload);
      reportPreview(ctx, preview);
      return preview.willChange ? EXIT.OK : EXIT.REFUSED;
    }
    if (flag(values, 'propose')) {
      const { proposal } = await authedClient(ctx).post<ProposalAnswer>(`${url}/proposals`, payload);
      reportProposal(ctx, proposal);
      return EXIT.OK;
    }
    const answer = await authedClient(ctx).post<CaseAnswer>(url, payload);
    reportCase(ctx, type, answer.case);
    return EXIT.OK;
  },
};

const dutyLines = (v: CaseView | null): string[] =>
  v
    ? [...v.openDuties, ...v.plannedDuties].map(
        (d) => `${d.id} ${d.what.zh} ${d.state} ${formatTime(d.dueAt)}${d.paused ? ' (paused)' : ''}`,
      )
    : [];

function reportPreview(ctx: CommandContext, p: InterventionPreview): void {
  ctx.out.result(p, () =>
    [
      `干预预演（未做任何更改）/ Intervention preview (nothing changed): ${p.intervention.type}${p.intervention.label ? ` ${bi(p.intervention.label)}` : ''}`,
      p.willChange
        ? `状态 / Status: ${p.before?.status ?? '—'} → ${p.after?.status ?? '—'}`
        : `将被拒绝 / would be refused: ${p.refusal ?? ''}`,
      ...(p.change ? [`变更 / Change: ${p.change}`] : []),
      ...(p.before ? ['事项（之前）/ Duties before:', ...dutyLines(p.before).map((l) => `  ${l}`)] : []),
      ...(p.after ? ['事项（之后）/ Duties after:', ...dutyLines(p.after).map((l) => `  ${l}`)] : []),
      '将发送的通知 / Notifications it sends:',
      ...(p.notifications.length === 0
        ? ['  —']
        : p.notifications.map(
            (n) =>
              `  ${n.template}: ${n.text} → ${n.recipients
                .map((r) => `${r.names.join('、') || r.role} (${r.unitName.zh})`)
                .join('; ')}`,
          )),
      p.fourEyes.required
        ? `双人复核：须由本组织部另一名管理员批准，请用 --propose / four eyes: a second admin must approve; use --propose (${p.fourEyes.source})`
        : '',
    ]
      .filter(Boolean)
      .join('\n'),
  );
}
