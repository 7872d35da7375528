// From stored data to the round's list (选派名单及统计): the round, and for every case it launched the
// registry's person, the units by name, the post and status from the case's stored state. A person
// the registry lacks a field for is refused here by case, never printed with a blank.
import type { DocumentInputDrafts, MissingItem } from '../../documents';
import type { Queryable } from '../../db';
import type { StatusCode } from '../../machines/secondment';
import {
  chinaDay,
  getCaseState,
  listRoundCases,
  personGrades,
  personsById,
  roundCaseFacts,
  type StoredRound,
} from '../../store';
import { personDraftOf } from './personFacts';

/** 乡镇（街道）: "from the townships" as the round's statistics count it. */
const TOWNSHIP_TYPES = new Set(['township', 'subdistrict']);

export async function roundListDraft(
  db: Queryable,
  round: StoredRound,
  now = new Date(),
): Promise<{ ok: true; draft: DocumentInputDrafts['roundList'] } | { ok: false; missing: MissingItem[] }> {
  const [cases, facts] = await Promise.all([listRoundCases(db, round.id), roundCaseFacts(db, round.id)]);
  const personOf = new Map(cases.map((c) => [c.caseId, c.personId]));
  const persons = await personsById(db, [...personOf.values()]);
  const missing: MissingItem[] = [];
  const entries: DocumentInputDrafts['roundList']['entries'] = [];
  for (const f of facts) {
    const person = persons.get(personOf.get(f.caseId) ?? '');
    if (!person) continue;
    const drafted = personDraftOf(person, await personGrades(db, person.id));
    if (!drafted.ok) {
      missing.push(
        ...drafted.missing.map((m) => ({
          field: `entries.${f.caseId}.${m.field}`,
          zh: `${person.name}：${m.zh}`,
          en: `${f.caseId}: ${m.en}`,
        })),
      );
      continue;
    }
    const state = await getCaseState(db, f.caseId);
    const post = state?.snapshot.version === 2 ? state.snapshot.snapshot.context.posting.post : null;
    entries.push({
      caseId: f.caseId,
      person: drafted.person,
      kind: f.kind,
      sendingUnitName: f.sendingUnitName.zh,
      fromTownship: TOWNSHIP_TYPES.has(f.sendingUnitType),
      receivingUnitName: f.receivingUnitName.zh,
      post: post ? { title: post.title, level: post.level, elected: post.elected } : null,
      term: { start: f.termStart, end: f.termEnd },
      status: (f.status as StatusCode | null) ?? null,
      grade: f.grade,
    });
  }
  if (missing.length > 0) return { ok: false, missing };
  return {
    ok: true,
    draft: {
      round: {
        year: round.year,
        name: round.name,
        orgUnitName: round.orgUnitName.zh,
        term: { start: round.termStart, end: round.termEnd },
        subsidy: { amountPerDay: round.subsidyPerDay, payer: '原单位（派出单位）' },
      },
      entries,
      preparedOn: chinaDay(now),
    },
  };
}
