import type { NominationRequest } from '../../../client/secondmentClient';
import { nomination } from '../../machines/v2/support/fixtures';

/**
 * A nomination valid at the server's current time (its year), with the cadre's rule facts only:
 * the age on the nomination date, never a name or birth date.
 */
export function nomineeAt(nowMs: number, over: Parameters<typeof nomination>[0] = {}): NominationRequest {
  const year = new Date(nowMs).getUTCFullYear();
  const {
    caseId: _id,
    at: _at,
    calendar: _calendar,
    ...request
  } = nomination({ year, ...over, cadre: { age: 28, ...over.cadre } });
  return { ...request, at: new Date(nowMs).toISOString() };
}
