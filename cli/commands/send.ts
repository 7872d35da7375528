import type { CaseAnswer, CaseView } from '../../contract';
import { str, type Values } from '../args';
import { authedClient, type Command, type CommandContext } from '../command';
import { usage } from '../errors';
import { EXIT } from '../exitCodes';
import { bi, eventText, formatTime } from '../format';
import { parseJsonObject } from '../args';
import { readJsonInput } from '../input';
import { renderFields } from '../table';

/** The payload from --data '<json>' or --file <path> (`-` = stdin); neither means `{}`. */
export async function payloadFrom(ctx: CommandContext, values: Values): Promise<Record<string, unknown>> {
  const data = str(values, 'data');
  const file = str(values, 'file');
  if (data !== undefined && file !== undefined)
    throw usage('--data 与 --file 只能用一个 / use either --data or --file', '--file');
  if (data !== undefined) return parseJsonObject(data, '--data');
  return (await readJsonInput(file, ctx.stdin, { stdinWhenPiped: false, what: '--file -' })) ?? {};
}

/** What `send` and `intervene` print: the same document, so scripts read both alike. */
export function reportCase(ctx: CommandContext, event: string, view: CaseView): void {
  ctx.out.result({ caseId: view.caseId, event, status: view.status, case: view }, () =>
    renderFields([
      ['已执行 / Done', eventText(event)],
      ['案件 / Case', view.caseId],
      ['状态 / Status', `${view.status}  ${bi(view.statusLabel)}`],
      ['下一期限 / Next deadline', formatTime(view.nextDeadline)],
      ['未完成事项 / Open duties', String(view.openDuties.length)],
    ]),
  );
}

const ON_BEHALF_ROLES = ['sending_officer', 'receiving_officer', 'cadre'];

export const send: Command = {
  name: 'send',
  summary: '发送业务事件 / send a business event',
  options: {
    data: { type: 'string' },
    file: { type: 'string' },
    'on-behalf-of': { type: 'string' },
  },
  positionals: [{ name: 'caseId' }, { name: 'eventType' }],
  help: `<caseId> <eventType> [--data '<json>' | --file <payload.json> | --file -] [--on-behalf-of <role>[:<id>]]
  载荷格式见 GET /api/meta/events / payloads: see GET /api/meta/events.
  --on-behalf-of（仅组织部 / org admins）: sending_officer | receiving_officer | cadre
  例 / e.g.  secondment send c0123456789abcdef posting.mentor.name --data '{"mentorName":"李四","mentorTitle":"镇党委副书记"}'`,
  async run(ctx, { values }, [caseId = '', type = '']) {
    if (type.startsWith('admin.'))
      throw usage(
        `${type} 是组织部干预，请用 secondment intervene / is an intervention: use \`secondment intervene\``,
        'eventType',
      );
    const payload = await payloadFrom(ctx, values);
    const behalf = str(values, 'on-behalf-of');
    if (behalf !== undefined) {
      const [role = '', id] = behalf.split(':', 2);
      if (!ON_BEHALF_ROLES.includes(role))
        throw usage(
          `--on-behalf-of: 应为 / expected ${ON_BEHALF_ROLES.join(' | ')}[:<id>], got "${behalf}"`,
          '--on-behalf-of',
        );
      payload.onBehalfOf = { role, ...(id ? { id } : {}) };
    }
    const answer = await authedClient(ctx).post<CaseAnswer>(
      `/api/cases/${encodeURIComponent(caseId)}/events/${encodeURIComponent(type)}`,
      payload,
    );
    reportCase(ctx, type, answer.case);
    return EXIT.OK;
  },
};
