import { usage } from '../errors';

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
