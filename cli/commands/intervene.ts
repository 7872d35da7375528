import type { CaseAnswer } from '../../contract';
import { str } from '../args';
import { authedClient, type Command } from '../command';
import { usage } from '../errors';
import { EXIT } from '../exitCodes';
import { payloadFrom, reportCase } from './send';

/** `case.hold` and `admin.case.hold` both name the intervention. */
export const interventionType = (type: string): string =>
  type.startsWith('admin.') ? type : `admin.${type}`;

export function requireReason(reason: string | undefined): string {
  if (reason === undefined || reason.trim().length < 2)
    throw usage(
      '--reason: 干预须说明理由（至少 2 个字）/ an intervention needs a reason (2+ characters)',
      '--reason',
    );
  return reason;
}

export const intervene: Command = {
  name: 'intervene',
  summary: '组织部干预 / admin intervention (org admins)',
  options: {
    reason: { type: 'string' },
    data: { type: 'string' },
    file: { type: 'string' },
  },
  positionals: [{ name: 'caseId' }, { name: 'type' }],
  help: `<caseId> <admin.type> --reason "<理由 / why>" [--data '<json>' | --file <payload.json>]
  类型 / types: admin.case.hold, admin.case.resume, admin.case.force {to},
  admin.deadline.extend {dutyId, until}, admin.duty.waive {dutyId}, admin.duty.reassign {dutyId, owner}
  例 / e.g.  secondment intervene c0123456789abcdef admin.case.hold --reason "干部病假 / sick leave"
             secondment intervene c0123456789abcdef admin.deadline.extend --reason "统一顺延" \\
               --data '{"dutyId":"d3","until":"2026-09-30T18:00:00+08:00"}'`,
  async run(ctx, { values }, [caseId = '', rawType = '']) {
    const type = interventionType(rawType);
    const reason = requireReason(str(values, 'reason'));
    const payload = { ...(await payloadFrom(ctx, values)), reason };
    const answer = await authedClient(ctx).post<CaseAnswer>(
      `/api/cases/${encodeURIComponent(caseId)}/interventions/${encodeURIComponent(type)}`,
      payload,
    );
    reportCase(ctx, type, answer.case);
    return EXIT.OK;
  },
};
