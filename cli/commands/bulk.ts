import {
  isDutyTargeted,
  pickDuty,
  type BulkOutcome,
  type BulkPlan,
  type CaseAnswer,
  type CaseDetail,
} from '../../contract';
import { enumValue, flag, str } from '../args';
import { authedClient, type Command, type CommandContext } from '../command';
import { CliError, usage } from '../errors';
import { EXIT } from '../exitCodes';
import { FILTER_HELP, FILTER_OPTIONS, filterFromArgs } from '../filters';
import { bi } from '../format';
import type { ApiClient } from '../http';
import { progress } from '../progress';
import { renderTable } from '../table';
import { interventionType, requireReason } from './intervene';
import { payloadFrom } from './send';
import { reportProposal, type ProposalAnswer } from './proposals';

/** A case's outcome as the API's bulk execution reports it, with the duty the CLI picked. */
type Outcome = BulkOutcome & { dutyId?: string };

/** The same duty the server's planner picks (contract/bulkDuty.ts). */
async function pickDutyId(
  api: ApiClient,
  caseId: string,
  selector: 'next' | 'stuck',
): Promise<string | null> {
  const detail = await api.get<CaseDetail>(`/api/cases/${encodeURIComponent(caseId)}`);
  return pickDuty(detail.openDuties, selector)?.id ?? null;
}

function planTable(plan: BulkPlan): string {
  const head = `批量干预（预演，未做任何更改）/ Bulk intervention (dry run, nothing changed): ${plan.intervention.type} ${bi(plan.intervention.label)}`;
  const table = renderTable(
    [
      { header: '案件 / Case' },
      { header: '状态 / Status' },
      { header: '将变更 / Will change' },
      { header: '变更内容或跳过原因 / Change or reason to skip', max: 90 },
    ],
    plan.items.map((i) => [
      i.caseId,
      i.status ?? '—',
      i.willChange ? '是 / yes' : '否 / no',
      (i.willChange ? i.change : i.skipReason) ?? '',
    ]),
  );
  return [
    head,
    '',
    table,
    '',
    `匹配 ${plan.matched} 件，将变更 ${plan.willChange} 件 / ${plan.matched} matched, ${plan.willChange} will change`,
    ...(plan.truncated
      ? [
          `只考虑了前 ${plan.considered} 件 / only the first ${plan.considered} were considered; narrow the filter`,
        ]
      : []),
    plan.willChange > 0 ? '加 --execute 执行 / add --execute to run it' : '',
  ]
    .join('\n')
    .trimEnd();
}

const OUTCOME_LABEL = { changed: '已变更 / changed', skipped: '跳过 / skipped', failed: '失败 / failed' };

function resultTable(items: Outcome[], counts: Record<Outcome['outcome'], number>): string {
  const table = renderTable(
    [
      { header: '案件 / Case' },
      { header: '结果 / Outcome' },
      { header: '变更 / Change', max: 70 },
      { header: '状态或原因 / Status or reason', max: 70 },
    ],
    items.map((i) => [
      i.caseId,
      OUTCOME_LABEL[i.outcome],
      i.change ?? '',
      i.outcome === 'changed'
        ? i.status
        : i.outcome === 'failed'
          ? `${i.error.code}: ${i.error.message}`
          : (i.reason ?? ''),
    ]),
  );
  return `${table}\n\n已变更 ${counts.changed}，跳过 ${counts.skipped}，失败 ${counts.failed} / ${counts.changed} changed, ${counts.skipped} skipped, ${counts.failed} failed`;
}

async function execute(
  ctx: CommandContext,
  api: ApiClient,
  plan: BulkPlan,
  type: string,
  payload: Record<string, unknown>,
  duty: 'next' | 'stuck',
): Promise<Outcome[]> {
  const bar = progress(plan.willChange, ctx.out);
  const results: Outcome[] = [];
  for (const item of plan.items) {
    if (!item.willChange) {
      results.push({ caseId: item.caseId, outcome: 'skipped', change: null, reason: item.skipReason });
      continue;
    }
    let dutyId: string | undefined;
    try {
      const casePayload = { ...payload };
      if (isDutyTargeted(type) && typeof casePayload.dutyId !== 'string') {
        const picked = await pickDutyId(api, item.caseId, duty);
        if (picked === null) {
          results.push({
            caseId: item.caseId,
            outcome: 'skipped',
            change: item.change,
            reason: '预演后已没有符合条件的未完成事项 / no matching open duty any more',
          });
          bar.step(`${item.caseId} ${OUTCOME_LABEL.skipped}`);
          continue;
        }
        dutyId = picked;
        casePayload.dutyId = picked;
      }
      const answer = await api.post<CaseAnswer>(
        `/api/cases/${encodeURIComponent(item.caseId)}/interventions/${encodeURIComponent(type)}`,
        casePayload,
      );
      results.push({
        caseId: item.caseId,
        outcome: 'changed',
        change: item.change,
        ...(dutyId ? { dutyId } : {}),
        status: answer.case.status,
      });
      bar.step(`${item.caseId} ${OUTCOME_LABEL.changed} → ${answer.case.status}`);
    } catch (err) {
      if (!(err instanceof CliError)) throw err;
      results.push({
        caseId: item.caseId,
        outcome: 'failed',
        change: item.change,
        ...(dutyId ? { dutyId } : {}),
        error: { code: err.code, message: err.message, ...(err.extra.rule ? { rule: err.extra.rule } : {}) },
      });
      bar.step(`${item.caseId} ${OUTCOME_LABEL.failed}: ${err.code}`);
    }
  }
  bar.done();
  return results;
}

export const bulk: Command = {
  name: 'bulk',
  summary: '批量干预（默认只预演）/ one intervention over many cases (dry run by default)',
  options: {
    ...FILTER_OPTIONS,
    intervention: { type: 'string' },
    reason: { type: 'string' },
    data: { type: 'string' },
    file: { type: 'string' },
    duty: { type: 'string' },
    execute: { type: 'boolean' },
    propose: { type: 'boolean' },
    all: { type: 'boolean' },
  },
  positionals: [],
  help: `[filters] --intervention <admin.type> --reason "<理由>" [--data '<json>'] [--duty next|stuck] [--execute [--all] | --propose]
${FILTER_HELP}
  双人复核：计划变更的案件超过本组织部规则的上限时，--execute 被拒绝；--propose 保存预演的计划，
  由本组织部另一名管理员批准（secondment proposals approve <id>）后按原计划执行。
  Four eyes: over the department policy's limit --execute is refused; --propose stores the plan
  for another admin of the department to approve (then exactly that plan is executed).
  默认只预演：列出哪些案件将如何变更，不做任何更改。--execute 先预演，再逐件执行预演中将变更的案件，
  终端上显示进度条；逐件报告结果，有失败时退出码 7。没有任何筛选条件时 --execute 须加 --all。
  Dry run by default: prints which cases would change and how, changes nothing. --execute plans,
  then applies the intervention case by case to those the plan would change (progress bar on a
  terminal), reporting each; exit 7 if any failed. With no filter, --execute also needs --all.
  --duty: 事项类干预选哪个未完成事项 / which open duty for duty interventions (default next = due soonest)
  例 / e.g.  secondment bulk --status POSTING --intervention admin.case.hold --reason "集中培训"
             secondment bulk --overdue --intervention admin.deadline.extend --duty next --reason "统一顺延" \\
               --data '{"until":"2026-12-31T18:00:00+08:00"}' --execute`,
  async run(ctx, { values }) {
    const filter = filterFromArgs(values);
    const rawType = str(values, 'intervention');
    if (!rawType)
      throw usage('缺少 --intervention <admin.type> / missing --intervention <admin.type>', '--intervention');
    const type = interventionType(rawType);
    const reason = requireReason(str(values, 'reason'));
    const duty = enumValue(values, 'duty', ['next', 'stuck'] as const);
    const executing = flag(values, 'execute');
    if (executing && Object.keys(filter).length === 0 && !flag(values, 'all'))
      throw usage(
        '没有筛选条件：--execute 将作用于你范围内的全部案件，确认请加 --all / no filter: --execute would act on every case in your scope; add --all to confirm',
        '--all',
      );
    const payload = { ...(await payloadFrom(ctx, values)), reason };
    const api = authedClient(ctx);
    const plan = await api.post<BulkPlan>('/api/bulk', {
      filter,
      intervention: { type, payload, ...(duty ? { duty } : {}) },
      dryRun: true,
    });
    if (flag(values, 'propose')) {
      const { proposal } = await api.post<ProposalAnswer>('/api/bulk/proposals', {
        filter,
        intervention: { type, payload, ...(duty ? { duty } : {}) },
      });
      reportProposal(ctx, proposal);
      return EXIT.OK;
    }
    if (!executing) {
      ctx.out.result(plan, () => planTable(plan));
      return EXIT.OK;
    }
    if (plan.secondAdmin)
      throw new CliError(
        'FOUR_EYES_REQUIRED',
        `将变更 ${plan.willChange} 件，须由本组织部另一名管理员复核：改用 --propose / ${plan.willChange} cases would change: a second admin of your department must approve; use --propose [rule fourEyes.required]`,
        EXIT.REFUSED,
        { rule: 'fourEyes.required' },
      );

    if (plan.truncated)
      ctx.out.note(
        `注意：只处理前 ${plan.considered} 件（共匹配 ${plan.matched} 件）/ note: only the first ${plan.considered} of ${plan.matched} matched cases are processed`,
      );
    const items = await execute(ctx, api, plan, type, payload, duty ?? 'next');
    const counts = { changed: 0, skipped: 0, failed: 0 };
    for (const i of items) counts[i.outcome]++;
    const { items: _planned, dryRun: _dry, ...summary } = plan;
    ctx.out.result({ ...summary, dryRun: false, ...counts, items }, () => resultTable(items, counts));
    return counts.failed > 0 ? EXIT.BULK_PARTIAL : EXIT.OK;
  },
};
