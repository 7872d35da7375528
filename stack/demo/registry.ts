// Seeds the demo directory: units (单位库), the cadres of the demo round (干部库) with their grades,
// and the reserve pool. Idempotent: units are upserted, persons inserted once by their fixed ids.
import type { Db } from '../../db';
import { addToPool, getPerson, insertPerson, upsertUnits } from '../../store';
import { DEMO_UNITS } from './directory';
import { DEMO_PERSONS, type DemoPerson } from './persons';

/** Born the day before 1 January of (year − age): exactly `age` all through `year`. */
export const demoBirthDate = (p: Pick<DemoPerson, 'age'>, year: number): string =>
  `${year - p.age - 1}-12-31`;

export async function seedDemoDirectory(db: Db, year = new Date().getUTCFullYear()): Promise<void> {
  await upsertUnits(db, DEMO_UNITS);
  for (const p of DEMO_PERSONS) {
    if (await getPerson(db, p.id)) continue;
    const joined = `${year - p.age + 22}-07-01`;
    await insertPerson(
      db,
      p.id,
      {
        name: p.name,
        gender: p.gender,
        birthDate: demoBirthDate(p, year),
        ethnicity: p.ethnicity,
        nativePlace: p.nativePlace,
        partyStatus: p.party === null ? 'cpc' : 'non_cpc',
        ...(p.party !== null ? { partyName: p.party } : { partyJoinedOn: joined }),
        education: p.education,
        workStartedOn: `${year - p.age + 23}-08-01`,
        currentUnit: p.unit,
        currentPost: p.post,
        rank: p.rank,
        categories: p.categories,
        heldGrassrootsPrincipalPost: false,
        grades: p.grades.map((grade, i) => ({ year: year - p.grades.length + i, grade })),
      },
      'demo-seed',
    );
    await addToPool(db, {
      personId: p.id,
      enteredOn: `${year - 1}-03-01`,
      source: 'survey',
      note: '年度调查摸底入库',
      addedBy: 'demo-seed',
    });
  }
}
