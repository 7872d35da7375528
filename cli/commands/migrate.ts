import type { CaseAnswer, MigrationAnswer } from '../../contract';
import { flag, str } from '../args';
import { authedClient, type Command } from '../command';
import { EXIT } from '../exitCodes';
import { formatTime } from '../format';
import { renderFields, renderTable } from '../table';
import { requireReason } from './intervene';
import { reportCase } from './send';

const MIGRATE = 'admin.case.migrate';

function dutiesTable(side: NonNullable<MigrationAnswer['preview']>['before']): string {
  if (side.duties.length === 0) return '（无 / none）';
  return renderTable(
    [
      { header: '编号 / Id' },
      { header: '事项 / Duty', max: 36 },
      { header: '状态 / State' },
      { header: '负责 / Owner' },
      { header: '期限 / Due' },
    ],
    side.duties.map((d) => [
      d.id,
      d.what.zh,
      d.state === 'planned' ? '待开始 / planned' : '办理中 / open',
      `${d.owner.role} @ ${d.owner.unit}`,
      `${formatTime(d.dueAt)}${d.provisional ? ' (暂定 / provisional)' : ''}`,
    ]),
  );
}

export function migrationText(m: MigrationAnswer): string {
  if (!m.preview) return `案件 ${m.caseId} 不能迁移 / case ${m.caseId} cannot be migrated: ${m.reason ?? ''}`;
  const { before, after, changes } = m.preview;
  return [
    `迁移预演（未做任何更改）/ Migration dry run (nothing changed): ${m.caseId}`,
    '',
    renderFields([
      ['规则版本 / Machine version', `${before.machineVersion} → ${after.machineVersion}`],
      ['状态 / Status', `${before.status} → ${after.status}`],
    ]),
    '',
    `迁移前 / Before (v${before.machineVersion})`,
    dutiesTable(before),
    '',
    `迁移后 / After (v${after.machineVersion})`,
    dutiesTable(after),
    '',
    '变化 / Changes',
    ...(changes.length > 0
      ? changes.map((c) => `  - ${c}`)
      : ['  （状态与期限不变 / same state and due dates）']),
    '',
    '加 --execute --reason "<理由>" 执行 / add --execute --reason "<why>" to migrate',
  ].join('\n');
}

export const migrate: Command = {
  name: 'migrate',
  summary:
    '把第1版规则的案件迁移到第2版（组织部；默认只预演）/ move a v1 case to machine v2 (org admins; dry run by default)',
  options: {
    execute: { type: 'boolean' },
    reason: { type: 'string' },
  },
  positionals: [{ name: 'caseId' }],
  help: `<caseId> [--execute --reason "<理由 / why>"]
  默认只预演：迁移前后的状态、未完成事项及其期限（与工作流执行的是同一个迁移）。--execute 执行迁移，
  留审计记录，工作流以第2版规则继续（continue-as-new）。批量迁移：
  secondment bulk --machine-version 1 --intervention admin.case.migrate --reason "<理由>" [--execute]
  Dry run by default: state, open duties and due dates before → after (the same migration the
  workflow runs). --execute migrates: recorded in the audit trail, the workflow continues on v2.
  例 / e.g.  secondment migrate c0123456789abcdef
             secondment migrate c0123456789abcdef --execute --reason "按第2版规则办理 / adopt the v2 rules"`,
  async run(ctx, { values }, [caseId = '']) {
    const api = authedClient(ctx);
    const executing = flag(values, 'execute');
    const reason = executing ? requireReason(str(values, 'reason')) : undefined;
    const answer = await api.get<MigrationAnswer>(`/api/cases/${encodeURIComponent(caseId)}/migration`);
    if (!executing) {
      ctx.out.result(answer, () => migrationText(answer));
      return EXIT.OK;
    }
    // the workflow decides (a closed or v2 case is refused with its rule); the preview is shown first
    if (answer.preview) ctx.out.note(migrationText(answer).split('\n').slice(0, -2).join('\n'));
    const done = await api.post<CaseAnswer>(
      `/api/cases/${encodeURIComponent(caseId)}/interventions/${MIGRATE}`,
      { reason },
    );
    reportCase(ctx, MIGRATE, done.case);
    return EXIT.OK;
  },
};
