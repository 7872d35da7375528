// A person of the cadre registry (干部库) as the documents print them. The registry may lack a field
// a form needs (a person backfilled from an old case has no gender or birth date): that is a missing
// item named like the generators' own refusals, never a blank on the form.
import type { Person } from '../../contract';
import type { DocumentInputDrafts, MissingItem } from '../../documents';
import type { Grade } from '../../machines/secondment';

type PersonDraft = DocumentInputDrafts['appraisalForm']['person'];

const need = (field: string, zh: string, en: string): MissingItem => ({ field: `person.${field}`, zh, en });

/** The document's person, or what the registry lacks for it. */
export function personDraftOf(
  p: Person,
  grades: { year: number; grade: Grade }[],
): { ok: true; person: PersonDraft } | { ok: false; missing: MissingItem[] } {
  const missing: MissingItem[] = [];
  if (!p.gender) missing.push(need('gender', '干部库中缺少性别', 'the registry has no gender'));
  if (!p.birthDate) missing.push(need('birthDate', '干部库中缺少出生年月', 'the registry has no birth date'));
  if (!p.ethnicity) missing.push(need('ethnicity', '干部库中缺少民族', 'the registry has no ethnicity'));
  if (!p.education.level)
    missing.push(need('education.level', '干部库中缺少学历', 'the registry has no education level'));
  if (!p.currentUnitName)
    missing.push(need('currentUnitName', '干部库中缺少工作单位', 'the registry has no current unit'));
  if (!p.currentPost)
    missing.push(need('currentPost', '干部库中缺少现任职务', 'the registry has no current post'));
  if (!p.rank) missing.push(need('rank', '干部库中缺少职级', 'the registry has no rank'));
  if (missing.length > 0 || !p.gender || !p.birthDate || !p.ethnicity || !p.education.level || !p.rank)
    return { ok: false, missing };
  const { level, degree, school, major } = p.education;
  return {
    ok: true,
    person: {
      name: p.name,
      gender: p.gender,
      birthDate: p.birthDate,
      ethnicity: p.ethnicity,
      ...(p.nativePlace ? { nativePlace: p.nativePlace } : {}),
      partyMembership: {
        status: p.partyStatus,
        ...(p.partyStatus === 'non_cpc' && p.partyName ? { party: p.partyName } : {}),
        ...(p.partyJoinedOn ? { joinedOn: p.partyJoinedOn } : {}),
      },
      education: {
        level,
        ...(degree ? { degree } : {}),
        ...(school ? { school } : {}),
        ...(major ? { major } : {}),
      },
      ...(p.workStartedOn ? { workStartedOn: p.workStartedOn } : {}),
      currentUnitName: p.currentUnitName?.zh ?? '',
      currentPost: p.currentPost ?? '',
      rank: p.rank,
      categories: p.categories,
      annualGrades: grades,
    },
  };
}
