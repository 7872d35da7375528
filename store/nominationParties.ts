// What a nomination takes from stored data, never from the request: the organization department
// and the united front department (from the unit tree above the sending unit, or the round's), and
// the cadre's rule facts (from the registry). Used by POST /api/cases and by a round's launch.
import type { Queryable } from '../db';
import { cadreFactsOf, getPerson, type CadreFacts } from './persons';
import { codesInJurisdiction, getUnit, nearestDepartment } from './units';

export interface NominationParties {
  orgUnit: string;
  unitedFrontUnit: string;
  facts: CadreFacts;
}

export type NominationProblem = { field: string; zh: string; en: string };

/** The civil date in China (UTC+8) of an instant: the day ages are counted on. */
export const chinaDay = (at: Date): string =>
  new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export async function nominationPartiesOf(
  db: Queryable,
  n: {
    personId: string;
    sendingUnit: string;
    requestedReceivingUnit: string;
    year: number;
    day: string;
    /** a round's departments: the case belongs to the round's, which must have the sending unit */
    round?: { orgUnit: string; unitedFrontUnit: string } | undefined;
  },
): Promise<{ ok: true; parties: NominationParties } | { ok: false; problem: NominationProblem }> {
  const fail = (field: string, zh: string, en: string) => ({
    ok: false as const,
    problem: { field, zh, en },
  });
  for (const [field, code] of [
    ['sendingUnit', n.sendingUnit],
    ['requestedReceivingUnit', n.requestedReceivingUnit],
  ] as const) {
    const unit = await getUnit(db, code);
    if (!unit || !unit.active)
      return fail(field, `单位库中没有在用单位 ${code}`, `no active unit ${code} in the directory`);
  }
  let orgUnit: string | null;
  let unitedFrontUnit: string | null;
  if (n.round) {
    const covered = await codesInJurisdiction(db, [n.round.orgUnit], [n.sendingUnit]);
    if (!covered.has(n.sendingUnit))
      return fail(
        'sendingUnit',
        `派出单位${n.sendingUnit}不在本批次组织部的管辖范围内`,
        `sending unit ${n.sendingUnit} is outside the jurisdiction of the round's organization department`,
      );
    orgUnit = n.round.orgUnit;
    unitedFrontUnit = n.round.unitedFrontUnit;
  } else {
    orgUnit = await nearestDepartment(db, n.sendingUnit, 'org_dept');
    if (!orgUnit)
      return fail(
        'sendingUnit',
        `单位库中${n.sendingUnit}之上没有组织部`,
        `no organization department above ${n.sendingUnit} in the unit tree`,
      );
    // Without a 统战部 above the unit, its copies go to the organization department.
    unitedFrontUnit = (await nearestDepartment(db, n.sendingUnit, 'united_front_dept')) ?? orgUnit;
  }
  const person = await getPerson(db, n.personId);
  if (!person)
    return fail('personId', `干部库中没有 ${n.personId}`, `no person ${n.personId} in the registry`);
  const facts = await cadreFactsOf(db, n.personId, n.day, n.year);
  if (!facts.ok)
    return fail(
      'personId',
      `干部库中该干部缺少：${facts.missing.join('、')}，请先补全`,
      `the registry lacks this person's ${facts.missing.join(', ')}: complete the record first`,
    );
  return { ok: true, parties: { orgUnit, unitedFrontUnit, facts: facts.facts } };
}
