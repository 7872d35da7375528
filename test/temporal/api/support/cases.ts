import { DEMO_CADRE_ID } from '../../../../stack/demo/persons';
import { UNITS } from '../../../machines/v2/support/fixtures';
import { nomineeAt } from '../../support/nominee';

export interface CaseUnits {
  org: string;
  unitedFront: string;
  sending: string;
  receiving: string;
  /** the person of the registry (the demo directory) */
  cadre: string;
}

/**
 * Case A: the demo units (city development and reform commission → 东安县白沙镇, under the city
 * organization department) and the demo cadre account's person 冯雅琴 (党外).
 */
export const A_UNITS: CaseUnits = {
  org: UNITS.org,
  unitedFront: UNITS.unitedFront,
  sending: UNITS.sending,
  receiving: UNITS.receiving,
  cadre: DEMO_CADRE_ID,
};
/** Case B: 青石县's department and units (a county under the city), its person 孙立新 (CPC). */
export const B_UNITS: CaseUnits = {
  org: 'county.c.org-dept',
  unitedFront: 'county.c.united-front',
  sending: 'county.c.finance',
  receiving: 'county.c.town-d',
  cadre: 'pc29e8b6ad5f3b1c4e6a8',
};

/**
 * A nomination body as POST /api/cases takes it: the person by id, never name or birth date; no
 * departments (they follow from the unit tree), no nominatedBy, no time.
 */
export function nominationBody(u: CaseUnits, caseId?: string): Record<string, unknown> {
  const n = nomineeAt(Date.now(), { sendingUnit: u.sending, requestedReceivingUnit: u.receiving });
  return {
    personId: u.cadre,
    kind: n.kind,
    programme: n.programme,
    sendingUnit: n.sendingUnit,
    requestedReceivingUnit: n.requestedReceivingUnit,
    termMonths: n.termMonths,
    source: n.source,
    policy: n.policy,
    ...(caseId ? { caseId } : {}),
  };
}
