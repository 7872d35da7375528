import type { NominationRequest } from '../../../client/secondmentClient';
import { nomination } from '../../machines/v1/support/fixtures';

/**
 * A nomination valid at the server's current time. Simulated years pass between tests on the
 * time-skipping server, so a fixed birth date would age the cadre past the limit.
 */
export function nomineeAt(nowMs: number, over: Parameters<typeof nomination>[0] = {}): NominationRequest {
  const year = new Date(nowMs).getUTCFullYear();
  const {
    caseId: _id,
    at: _at,
    ...request
  } = nomination({
    year,
    ...over,
    cadre: { birthDate: `${year - 28}-03-14`, ...over.cadre },
  });
  return { ...request, at: new Date(nowMs).toISOString() };
}
