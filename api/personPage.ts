import type { Person, PersonDetail } from '../contract';
import type { Queryable } from '../db';
import { statusLabels, type StatusCode } from '../machines/secondment';
import {
  caseRoundOf,
  getPersonnelFile,
  listCasesInScope,
  personGrades,
  poolEntryOf,
  seminarsOfPerson,
} from '../store';
import type { ApiUser } from './auth/users';

/**
 * A person's page: their record, grades, every secondment of theirs the caller may see (any year,
 * with the round and term of each), the personnel-file entries those cases wrote, the seminars they
 * were invited to, and their reserve-pool entry.
 */
export async function personPage(db: Queryable, user: ApiUser, person: Person): Promise<PersonDetail> {
  const [grades, casePage, seminars, pool] = await Promise.all([
    personGrades(db, person.id),
    listCasesInScope(db, user, { personId: person.id, limit: 500, offset: 0, sort: 'year', order: 'desc' }),
    seminarsOfPerson(db, person.id),
    poolEntryOf(db, person.id),
  ]);
  const cases = await Promise.all(
    casePage.items.map(async (c) => {
      const round = await caseRoundOf(db, c.caseId);
      return {
        caseId: c.caseId,
        year: c.year,
        kind: c.kind as PersonDetail['cases'][number]['kind'],
        status: c.status,
        statusLabel: statusLabels[c.status as StatusCode] ?? { zh: c.status, en: c.status },
        sendingUnit: c.sendingUnit,
        sendingUnitName: c.sendingUnitName,
        receivingUnit: c.receivingUnit,
        receivingUnitName: c.receivingUnitName,
        roundId: round?.roundId ?? c.roundId,
        roundName: round?.roundName ?? null,
        term: round?.term ?? null,
      };
    }),
  );
  const personnelFile = (await Promise.all(cases.map((c) => getPersonnelFile(db, c.caseId)))).flat();
  return { person, grades, cases, personnelFile, seminars, reservePool: pool };
}
