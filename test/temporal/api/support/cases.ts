import { UNITS } from '../../../machines/v2/support/fixtures';
import { nomineeAt } from '../../support/nominee';

export interface CaseUnits {
  org: string;
  unitedFront: string;
  sending: string;
  receiving: string;
  cadre: string;
}

/** Case A: the demo units (city org dept, city dev-reform → county A town B, cadre-7f3a). */
export const A_UNITS: CaseUnits = {
  org: UNITS.org,
  unitedFront: UNITS.unitedFront,
  sending: UNITS.sending,
  receiving: UNITS.receiving,
  cadre: 'cadre-7f3a',
};
/** Case B: another county's department and units, another cadre. */
export const B_UNITS: CaseUnits = {
  org: 'county.c.org-dept',
  unitedFront: 'county.c.united-front',
  sending: 'county.c.finance',
  receiving: 'county.c.town-d',
  cadre: 'cadre-9b2c',
};

/** A nomination body as POST /api/cases takes it (no nominatedBy, no at). */
export function nominationBody(u: CaseUnits, caseId?: string): Record<string, unknown> {
  const {
    nominatedBy: _n,
    at: _at,
    ...rest
  } = nomineeAt(Date.now(), {
    sendingUnit: u.sending,
    requestedReceivingUnit: u.receiving,
    orgUnit: u.org,
    unitedFrontUnit: u.unitedFront,
    cadre: { id: u.cadre },
  });
  return { ...rest, ...(caseId ? { caseId } : {}) };
}
