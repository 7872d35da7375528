import type { CaseAnswer } from '../../contract';
import { str } from '../args';
import { authedClient, type Command } from '../command';
import { usage } from '../errors';
import { EXIT } from '../exitCodes';
import { bi } from '../format';
import { readJsonInput } from '../input';

export const nominate: Command = {
  name: 'nominate',
  summary: '推荐干部，新建案件 / nominate a cadre (starts a case)',
  options: { file: { type: 'string' } },
  positionals: [],
  help: `[--file <nomination.json> | --file - | < nomination.json]
  推荐书 JSON 见 POST /api/cases（不含 nominatedBy、at）；只在标准输出打印案件编号。
  The nomination JSON as POST /api/cases takes it (no nominatedBy, no at). Prints only the case id
  on stdout, so \`id=$(secondment nominate --file n.json)\` works; --json prints {caseId, status, case}.
  例 / e.g.  secondment nominate --file nomination.json`,
  async run(ctx, { values }) {
    const nomination = await readJsonInput(str(values, 'file'), ctx.stdin, {
      stdinWhenPiped: true,
      what: 'nomination',
    });
    if (!nomination)
      throw usage(
        '需要推荐书：--file <path> 或从标准输入传入 / expected --file <path> or the JSON on stdin',
        '--file',
      );
    const answer = await authedClient(ctx).post<CaseAnswer>('/api/cases', nomination);
    const view = answer.case;
    ctx.out.result({ caseId: view.caseId, status: view.status, case: view }, () => view.caseId);
    ctx.out.note(`已推荐 / Nominated: ${view.caseId}  状态 / Status: ${view.status} ${bi(view.statusLabel)}`);
    return EXIT.OK;
  },
};
