// The round (批次) from the command line: create it, read its page, enter applications and
// recommendations, work the decision board, decide, launch with progress, export the statistics.
import { writeFile } from 'node:fs/promises';
import type { z } from 'zod';
import type {
  applicationListSchema,
  boardSchema,
  launchPreviewSchema,
  LaunchProgress,
  recommendationListSchema,
  recommendationAnswerSchema,
  Round,
  roundDetailSchema,
  RoundStats,
} from '../../contract';
import { flag, parseJsonObject, str } from '../args';
import { authedClient, type Command, type CommandContext } from '../command';
import { usage } from '../errors';
import { EXIT } from '../exitCodes';
import { bi, formatTime } from '../format';
import { readJsonInput } from '../input';
import { progress } from '../progress';
import { renderFields, renderTable } from '../table';

type RoundDetail = z.infer<typeof roundDetailSchema>;
type Board = z.infer<typeof boardSchema>;
type Preview = z.infer<typeof launchPreviewSchema>;

const path = (id: string, rest = '') => `/api/rounds/${encodeURIComponent(id)}${rest}`;

async function jsonBody(ctx: CommandContext, values: Record<string, unknown>, what: string) {
  const data = str(values as never, 'data');
  if (data !== undefined) return parseJsonObject(data, '--data');
  const body = await readJsonInput(str(values as never, 'file'), ctx.stdin, { stdinWhenPiped: true, what });
  if (!body)
    throw usage(`需要 JSON：--data、--file 或标准输入 / expected --data, --file or JSON on stdin`, '--data');
  return body;
}

function roundFields(r: Round): [string, string][] {
  return [
    ['批次 / Round', `${r.name} (${r.id})`],
    ['状态 / Status', `${r.status}  ${bi(r.statusLabel)}`],
    ['组织部 / Org dept', r.orgUnit.name.zh],
    ['挂职期限 / Term', `${r.term.start} — ${r.term.end}（${r.term.months}个月）`],
    ['生活补助 / Subsidy', `${r.subsidy.amountPerDay} 元/天，${r.subsidy.payerLabel.zh}发放`],
    ['工资待遇 / Pay', bi(r.payRule.label)],
    ['申报截止 / Applications by', formatTime(r.applicationDeadline)],
    ['推荐截止 / Recommendations by', formatTime(r.recommendationDeadline)],
  ];
}

export const roundsList: Command = {
  name: 'rounds list',
  summary: '你范围内的批次 / the rounds in your scope',
  options: {},
  positionals: [],
  help: '',
  async run(ctx) {
    const answer = await authedClient(ctx).get<{ items: Round[] }>('/api/rounds');
    ctx.out.result(answer, () =>
      renderTable(
        [
          { header: '编号 / Id' },
          { header: '年度 / Year' },
          { header: '名称 / Name', max: 30 },
          { header: '状态 / Status' },
        ],
        answer.items.map((r) => [r.id, String(r.year), r.name, r.statusLabel.zh]),
      ),
    );
    return EXIT.OK;
  },
};

export const roundsCreate: Command = {
  name: 'rounds create',
  summary: '建立批次（组织部）/ create a round (org admins)',
  options: { data: { type: 'string' }, file: { type: 'string' } },
  positionals: [],
  help: `(--data '<json>' | --file <round.json> | < round.json)
  JSON 见 POST /api/rounds；只在标准输出打印批次编号 / the JSON of POST /api/rounds; prints the round id.
  例 / e.g.  id=$(secondment rounds create --file round.json)`,
  async run(ctx, { values }) {
    const answer = await authedClient(ctx).post<{ round: Round }>(
      '/api/rounds',
      await jsonBody(ctx, values, 'round'),
    );
    ctx.out.result(answer, () => answer.round.id);
    ctx.out.note(`已建立 / Created: ${answer.round.name} (${answer.round.id})`);
    return EXIT.OK;
  },
};

export const roundsShow: Command = {
  name: 'rounds show',
  summary: '批次页：事项、计数、启动进度 / the round page',
  options: {},
  positionals: [{ name: 'roundId' }],
  help: `<roundId>`,
  async run(ctx, _args, [id = '']) {
    const d = await authedClient(ctx).get<RoundDetail>(path(id));
    ctx.out.result(d, () =>
      [
        renderFields([
          ...roundFields(d.round),
          [
            '申报 / Applications',
            `${d.counts.applications}（不申报 ${d.counts.declined}，需求 ${d.counts.requested} 人）`,
          ],
          ['推荐 / Recommendations', `${d.counts.recommendations}（符合条件 ${d.counts.eligible}）`],
          [
            '确定 / Assigned',
            `${d.counts.assigned}（名额 ${d.counts.allocated}，未入选 ${d.counts.rejected}，撤回 ${d.counts.withdrawn}）`,
          ],
          ['案件 / Cases', String(d.counts.cases)],
        ]),
        '\n未完成事项 / Open duties',
        d.duties.length === 0
          ? '（无 / none）'
          : renderTable(
              [
                { header: '事项 / Duty', max: 24 },
                { header: '单位 / Unit', max: 24 },
                { header: '期限 / Due' },
                { header: '催办 / Escalation' },
              ],
              d.duties.map((x) => [
                x.what.zh,
                x.ownerUnitName.zh,
                formatTime(x.dueAt),
                x.stuck ? '停滞 / stuck' : (x.escalationStep ?? '—'),
              ]),
            ),
      ].join('\n'),
    );
    return EXIT.OK;
  },
};

export const roundsApply: Command = {
  name: 'rounds apply',
  summary: '接收单位申报（人数、岗位）/ a receiving unit’s application',
  options: { data: { type: 'string' }, file: { type: 'string' } },
  positionals: [{ name: 'roundId' }],
  help: `<roundId> --data '{"unit":"city.finance","posts":[{"title":"挂职副科长","level":"deputy_section","elected":false,"count":1}]}'`,
  async run(ctx, { values }, [id = '']) {
    const answer = await authedClient(ctx).post<unknown>(
      path(id, '/applications'),
      await jsonBody(ctx, values, 'application'),
    );
    ctx.out.result(answer, () => '已申报 / Applied');
    return EXIT.OK;
  },
};

export const roundsApplications: Command = {
  name: 'rounds applications',
  summary: '批次的单位申报 / the applications of a round',
  options: {},
  positionals: [{ name: 'roundId' }],
  help: `<roundId>`,
  async run(ctx, _args, [id = '']) {
    const answer = await authedClient(ctx).get<z.infer<typeof applicationListSchema>>(
      path(id, '/applications'),
    );
    ctx.out.result(answer, () =>
      renderTable(
        [
          { header: '单位 / Unit', max: 28 },
          { header: '状态 / Status' },
          { header: '人数 / Asked' },
          { header: '岗位 / Posts', max: 40 },
        ],
        answer.items.map((a) => [
          a.unit.name.zh,
          a.status === 'declined' ? '不申报 / declined' : '已申报 / submitted',
          String(a.requested),
          a.posts.map((p) => `${p.title}×${p.count}${p.elected ? '（需选举）' : ''}`).join('，') ||
            (a.note ?? '—'),
        ]),
      ),
    );
    return EXIT.OK;
  },
};

export const roundsRecommend: Command = {
  name: 'rounds recommend',
  summary: '派出单位从拟选派干部库推荐人选 / recommend a candidate of the reserve pool',
  options: { data: { type: 'string' }, file: { type: 'string' } },
  positionals: [{ name: 'roundId' }],
  help: `<roundId> --data '{"personId":"p…","sendingUnit":"county.c.finance","kind":"up","source":{"type":"organization"}}'
  选派条件在录入时按本批次规则计算并显示原因 / eligibility is computed at entry, reasons shown.`,
  async run(ctx, { values }, [id = '']) {
    const answer = await authedClient(ctx).post<z.infer<typeof recommendationAnswerSchema>>(
      path(id, '/recommendations'),
      await jsonBody(ctx, values, 'recommendation'),
    );
    const r = answer.recommendation;
    ctx.out.result(answer, () => r.id);
    ctx.out.note(
      `已推荐 / Recommended: ${r.person.name} — ${r.eligibility.ok ? '符合选派条件 / eligible' : `不符合 / not eligible: ${r.eligibility.failures.map((f) => f.zh).join('；')}`}`,
    );
    return EXIT.OK;
  },
};

export const roundsRecommendations: Command = {
  name: 'rounds recommendations',
  summary: '批次的推荐人选及选派条件 / the recommendations with eligibility',
  options: {},
  positionals: [{ name: 'roundId' }],
  help: `<roundId>`,
  async run(ctx, _args, [id = '']) {
    const answer = await authedClient(ctx).get<z.infer<typeof recommendationListSchema>>(
      path(id, '/recommendations'),
    );
    ctx.out.result(answer, () =>
      renderTable(
        [
          { header: '编号 / Id' },
          { header: '姓名 / Name' },
          { header: '派出单位 / Sending', max: 24 },
          { header: '类型 / Kind' },
          { header: '条件 / Eligible', max: 30 },
          { header: '状态 / Status' },
          { header: '接收单位 / Assigned', max: 24 },
        ],
        answer.items.map((r) => [
          r.id,
          r.person.name,
          r.sendingUnit.name.zh,
          r.kind,
          r.eligibility.ok ? '符合 / yes' : r.eligibility.failures.map((f) => f.zh).join('；'),
          r.statusLabel.zh,
          r.assignment?.receivingUnit.name.zh ?? '—',
        ]),
      ),
    );
    return EXIT.OK;
  },
};

function renderBoard(b: Board): string {
  return (
    renderTable(
      [
        { header: '接收单位 / Receiving unit', max: 28 },
        { header: '申报 / Asked' },
        { header: '名额 / Quota' },
        { header: '已确定 / Assigned', max: 30 },
        { header: '已批准 / Approved' },
      ],
      b.units.map((u) => [
        u.unit.name.zh,
        u.declined ? '不申报' : String(u.requested),
        u.allocation === null ? '—' : String(u.allocation),
        u.assigned.map((a) => a.name).join('、') || '—',
        String(u.approved),
      ]),
    ) +
    `\n\n待确定 / Candidates: ${b.candidates.map((c) => `${c.person.name}（${c.id}）`).join('、') || '—'}` +
    `\n合计 / Totals: 申报 ${b.totals.requested}，名额 ${b.totals.allocated}，确定 ${b.totals.assigned}`
  );
}

export const roundsBoard: Command = {
  name: 'rounds board',
  summary: '决定板：申报、名额、确定人选 / the decision board',
  options: {},
  positionals: [{ name: 'roundId' }],
  help: `<roundId>`,
  async run(ctx, _args, [id = '']) {
    const b = await authedClient(ctx).get<Board>(path(id, '/board'));
    ctx.out.result(b, () => renderBoard(b));
    return EXIT.OK;
  },
};

export const roundsAllocate: Command = {
  name: 'rounds allocate',
  summary: '分配接收单位名额（案件审批时强制执行）/ set a unit’s allocation (the enforced quota)',
  options: { unit: { type: 'string' }, quota: { type: 'string' } },
  positionals: [{ name: 'roundId' }],
  help: `<roundId> --unit <code> --quota <n>`,
  async run(ctx, { values }, [id = '']) {
    const unit = str(values, 'unit');
    const quota = Number(str(values, 'quota'));
    if (!unit) throw usage('缺少 --unit / missing --unit <code>', '--unit');
    if (!Number.isInteger(quota)) throw usage('--quota 应为整数 / --quota must be a whole number', '--quota');
    const b = await authedClient(ctx).post<Board>(path(id, '/allocations'), { receivingUnit: unit, quota });
    ctx.out.result(b, () => renderBoard(b));
    return EXIT.OK;
  },
};

export const roundsAssign: Command = {
  name: 'rounds assign',
  summary: '确定人选到接收单位和岗位（不得超过名额）/ assign a candidate (within the quota)',
  options: {
    recommendation: { type: 'string' },
    unit: { type: 'string' },
    post: { type: 'string' },
    level: { type: 'string' },
    elected: { type: 'boolean' },
  },
  positionals: [{ name: 'roundId' }],
  help: `<roundId> --recommendation <id> --unit <code> --post <职务> [--level deputy_section] [--elected]`,
  async run(ctx, { values }, [id = '']) {
    const need = (name: string) => {
      const v = str(values, name);
      if (!v) throw usage(`缺少 --${name} / missing --${name}`, `--${name}`);
      return v;
    };
    const b = await authedClient(ctx).post<Board>(path(id, '/assignments'), {
      recommendationId: need('recommendation'),
      receivingUnit: need('unit'),
      post: {
        title: need('post'),
        level: str(values, 'level') ?? 'deputy_section',
        elected: flag(values, 'elected'),
      },
    });
    ctx.out.result(b, () => renderBoard(b));
    return EXIT.OK;
  },
};

export const roundsReject: Command = {
  name: 'rounds reject',
  summary: '不予选派某推荐人选（须说明理由）/ do not select a candidate (reason required)',
  options: { reason: { type: 'string' } },
  positionals: [{ name: 'roundId' }, { name: 'recommendationId' }],
  help: `<roundId> <recommendationId> --reason <理由>`,
  async run(ctx, { values }, [id = '', rec = '']) {
    const reason = str(values, 'reason');
    if (!reason) throw usage('须说明理由 / --reason is required', '--reason');
    const answer = await authedClient(ctx).post<unknown>(
      path(id, `/recommendations/${encodeURIComponent(rec)}/reject`),
      { reason },
    );
    ctx.out.result(answer, () => '已不予选派 / Not selected');
    return EXIT.OK;
  },
};

export const roundsDecide: Command = {
  name: 'rounds decide',
  summary: '组织确定（固定决定板）/ fix the board (组织确定)',
  options: {},
  positionals: [{ name: 'roundId' }],
  help: `<roundId>`,
  async run(ctx, _args, [id = '']) {
    const d = await authedClient(ctx).post<RoundDetail>(path(id, '/decide'), {});
    ctx.out.result(d, () => `已组织确定 / Decided: ${d.counts.assigned} 人 / cadres`);
    return EXIT.OK;
  },
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const roundsLaunch: Command = {
  name: 'rounds launch',
  summary: '启动选派：预览（--dry-run）或启动并显示进度 / launch the round (preview with --dry-run)',
  options: { 'dry-run': { type: 'boolean' } },
  positionals: [{ name: 'roundId' }],
  help: `<roundId> [--dry-run]
  --dry-run 只列出将要建立的案件 / only lists what the launch would do. 再次启动不会重复建立案件 / a second launch starts nothing twice.`,
  async run(ctx, { values }, [id = '']) {
    const client = authedClient(ctx);
    const preview = await client.get<Preview>(path(id, '/launch/preview'));
    if (flag(values, 'dry-run')) {
      ctx.out.result(
        preview,
        () =>
          renderTable(
            [
              { header: '姓名 / Name' },
              { header: '接收单位 / Receiving', max: 24 },
              { header: '职务 / Post', max: 20 },
              { header: '结果 / Outcome' },
              { header: '说明 / Reason', max: 30 },
            ],
            preview.items.map((i) => [i.name, i.receivingUnit.name.zh, i.post, i.outcome, i.reason ?? '—']),
          ) +
          `\n\n将启动 ${preview.counts.start}，已启动 ${preview.counts.already}，受阻 ${preview.counts.blocked} / start ${preview.counts.start}, already ${preview.counts.already}, blocked ${preview.counts.blocked}`,
      );
      return EXIT.OK;
    }
    let p = await client.post<LaunchProgress>(path(id, '/launch'), {});
    const bar = progress(p.total, ctx.out);
    const reported = new Set<string>();
    for (;;) {
      for (const item of p.items)
        if ((item.state === 'approved' || item.state === 'failed') && !reported.has(item.caseId)) {
          reported.add(item.caseId);
          bar.step(
            `${item.name} ${item.state === 'approved' ? '已启动 / started' : `失败 / failed: ${item.error ?? ''}`}`,
          );
        }
      if (!p.running) break;
      await sleep(500);
      p = await client.get<LaunchProgress>(path(id, '/launch'));
    }
    bar.done();
    ctx.out.result(
      p,
      () => `已启动 ${p.approved} 件，失败 ${p.failed} 件 / ${p.approved} cases started, ${p.failed} failed`,
    );
    return p.failed > 0 ? EXIT.BULK_PARTIAL : EXIT.OK;
  },
};

export const roundsStats: Command = {
  name: 'rounds stats',
  summary: '批次统计（表格、CSV 或 XLSX）/ the round’s statistics (table, CSV or XLSX)',
  options: { format: { type: 'string' }, out: { type: 'string' } },
  positionals: [{ name: 'roundId' }],
  help: `<roundId> [--format table|csv|xlsx] [--out <file>]
  例 / e.g.  secondment rounds stats r2027abcd --format xlsx --out 2027年度挂职统计.xlsx`,
  async run(ctx, { values }, [id = '']) {
    const format = str(values, 'format') ?? 'table';
    const client = authedClient(ctx);
    if (format === 'csv' || format === 'xlsx') {
      const file = await client.download(path(id, `/stats.${format}`));
      const out = str(values, 'out') ?? file.fileName ?? `round-${id}-stats.${format}`;
      await writeFile(out, file.bytes);
      ctx.out.result({ file: out, bytes: file.bytes.length }, () => out);
      ctx.out.note(`已导出 / Exported: ${out} (${file.bytes.length} bytes)`);
      return EXIT.OK;
    }
    if (format !== 'table') throw usage('--format: table、csv 或 xlsx / one of table, csv, xlsx', '--format');
    const s = await client.get<RoundStats>(path(id, '/stats'));
    ctx.out.result(s, () =>
      renderFields([
        ['挂职干部 / Cadres', String(s.total)],
        ['按类型 / By kind', s.byKind.map((k) => `${k.label.zh} ${k.count}`).join('，')],
        ['党外干部 / Non-CPC', `${s.nonCpc.count}（${s.nonCpc.share}%）`],
        ['选调生 / Selected graduates', String(s.selectedGraduates)],
        ['县级后备干部 / County reserve', String(s.countyReserve)],
        ['二者合计 / Both', `${s.graduatesAndReserve.count}（${s.graduatesAndReserve.share}%）`],
        ['从乡镇选派 / From townships', String(s.fromTownships)],
        [
          '到岗、在岗、延期 / Arrived, serving, extended',
          `${s.progress.arrived}、${s.progress.inService}、${s.progress.extended}`,
        ],
        [
          '召回、提拔、返回 / Recalled, promoted, returned',
          `${s.progress.recalled}、${s.progress.promoted}、${s.progress.returned}`,
        ],
        ['逾期、停滞 / Overdue, stuck', `${s.overdue}、${s.stuck}`],
        [
          '未入选、撤回推荐 / Not selected, withdrawn',
          `${s.apart.recommendationsRejected}、${s.apart.recommendationsWithdrawn}`,
        ],
      ]),
    );
    return EXIT.OK;
  },
};
