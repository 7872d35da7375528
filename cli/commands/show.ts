import type { CaseDetail } from '../../contract';
import { intValue } from '../args';
import { authedClient, type Command } from '../command';
import { EXIT } from '../exitCodes';
import { bi, formatTime, yesNo } from '../format';
import { renderFields, renderTable } from '../table';

function section(title: string, body: string): string {
  return `\n${title}\n${body}`;
}

export function renderCase(d: CaseDetail, auditCount: number): string {
  const s = d.live ?? d.summary;
  const parts: string[] = [
    renderFields([
      ['案件 / Case', d.caseId],
      ['干部 / Cadre', d.cadre ? `${d.cadre.name} (${d.cadre.id})` : '—'],
      ['状态 / Status', `${d.status ?? '—'}${d.statusLabel ? `  ${bi(d.statusLabel)}` : ''}`],
      ['类型 / Kind', s ? `${s.kind}, ${s.year}` : '—'],
      ['派出单位 / Sending unit', s ? (d.units[s.sendingUnit]?.zh ?? s.sendingUnit) : '—'],
      ['接收单位 / Receiving unit', s ? (d.units[s.receivingUnit]?.zh ?? s.receivingUnit) : '—'],
      ...(d.round
        ? ([
            ['批次 / Round', d.round.roundName],
            ['挂职期限 / Term', `${d.round.term.start} — ${d.round.term.end}`],
            [
              '生活补助 / Subsidy',
              `${d.round.subsidy.amountPerDay} 元/天，${d.round.subsidy.payerName.zh}发放`,
            ],
            ['工资待遇 / Pay', bi(d.round.payRule.label)],
          ] as [string, string][])
        : []),
      ['下一期限 / Next deadline', formatTime(s?.nextDeadline)],
      ['逾期 / Overdue', s ? yesNo(s.overdue) : '—'],
      ['卡住 / Stuck', s ? yesNo(s.stuck) : '—'],
      ['规则版本 / Machine version', s ? String(s.machineVersion) : '—'],
      ['暂定期限 / Provisional deadlines', s ? yesNo(Boolean(s.provisional)) : '—'],
      ['你的身份 / You act as', `${d.you.role} @ ${d.units[d.you.unit]?.zh ?? d.you.unit}`],
    ]),
  ];
  if (d.liveError) parts.push(`\n注意 / Note: ${d.liveError}`);

  parts.push(
    section(
      '未完成事项 / Open duties',
      d.openDuties.length === 0
        ? '（无 / none）'
        : renderTable(
            [
              { header: '编号 / Id' },
              { header: '事项 / Duty', max: 36 },
              { header: '负责 / Owner' },
              { header: '期限 / Due' },
              { header: '催办级别 / Escalation' },
              { header: '卡住 / Stuck' },
            ],
            d.openDuties.map((duty) => [
              duty.id,
              duty.what.zh,
              `${duty.owner.role} @ ${duty.owner.unit}`,
              `${formatTime(duty.dueAt)}${duty.provisional ? ' (暂定 / provisional)' : ''}`,
              duty.escalationStep ?? '—',
              yesNo(duty.stuck),
            ]),
          ),
    ),
  );

  parts.push(
    section(
      '你可以执行的操作 / Events you may send now',
      d.allowedEvents.length === 0
        ? '（无 / none）'
        : renderTable(
            [{ header: '事件 / Event' }, { header: '名称 / Label', max: 50 }, { header: '命令 / Command' }],
            d.allowedEvents.map((e) => [
              e.type,
              e.label ? bi(e.label) : '',
              e.intervention ? 'intervene' : 'send',
            ]),
          ),
    ),
  );

  const trail = auditCount === 0 ? [] : d.auditTrail.slice(-auditCount);
  parts.push(
    section(
      `审计记录（最近 ${trail.length} / 共 ${d.auditTrail.length} 条）/ Audit trail (last ${trail.length} of ${d.auditTrail.length})`,
      renderTable(
        [
          { header: '序号 / Seq', align: 'right' },
          { header: '时间 / At' },
          { header: '事件 / Event' },
          { header: '操作人 / Actor', max: 40 },
          { header: '状态变化 / Transition', max: 40 },
          { header: '理由 / Reason', max: 40 },
        ],
        trail.map((e) => [
          String(e.seq),
          formatTime(e.at),
          e.eventType,
          `${e.actorId} (${e.actorRole})${e.onBehalfOf ? ` 代 / for ${e.onBehalfOf}` : ''}`,
          e.fromState === e.toState ? e.toState : `${e.fromState} → ${e.toState}`,
          e.reason ?? '',
        ]),
      ),
    ),
  );

  parts.push(
    section(
      '干部档案 / Personnel file',
      d.personnelFile.length === 0
        ? '（无 / none）'
        : renderTable(
            [
              { header: '序号 / Seq', align: 'right' },
              { header: '类别 / Kind' },
              { header: '时间 / At' },
              { header: '内容 / Content', max: 70 },
            ],
            d.personnelFile.map((p) => [
              `${p.seq}.${p.idx}`,
              p.kind,
              formatTime(p.at),
              JSON.stringify(p.content),
            ]),
          ),
    ),
  );
  return parts.join('\n');
}

export const show: Command = {
  name: 'show',
  summary: '案件详情 / one case in detail',
  options: { audit: { type: 'string' } },
  positionals: [{ name: 'caseId' }],
  help: `<caseId> [--audit <n>]
  状态、未完成事项（期限、催办级别）、可执行操作、最近审计记录（默认 10 条）、干部档案。
  Status, open duties (due date, escalation step), allowed events, last audit entries (default 10),
  personnel file. --json prints the API's whole answer (full audit trail).
  例 / e.g.  secondment show c0123456789abcdef --audit 20`,
  async run(ctx, { values }, [caseId]) {
    const auditCount = intValue(values, 'audit', { min: 0 }) ?? 10;
    const detail = await authedClient(ctx).get<CaseDetail>(`/api/cases/${encodeURIComponent(caseId ?? '')}`);
    ctx.out.result(detail, () => renderCase(detail, auditCount));
    return EXIT.OK;
  },
};
