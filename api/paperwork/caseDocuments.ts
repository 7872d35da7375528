// From stored data to a case document's input (文书数据): the machine's stored snapshot (post, term,
// letter number, assessments, final results), the texts its events carried (in the audit trail's
// payloads: they never enter Temporal's search or the snapshot), the registry's person and the unit
// directory's names. What the process has not produced yet is left null, so the generators' own
// `requirements` refuse with what is missing; what the registry lacks is refused here.
import type { CaseDocumentKind } from '../../contract';
import type { DocumentInputDrafts, MissingItem } from '../../documents';
import type { Queryable } from '../../db';
import {
  addCalendarMonths,
  civilDate,
  onCalendarClock,
  type SecondmentContext,
} from '../../machines/secondment';
import {
  caseRoundOf,
  chinaDay,
  getAuditTrail,
  getCaseState,
  getPerson,
  personGrades,
  unitNames,
  type CaseRef,
} from '../../store';
import { personDraftOf } from './personFacts';

export type DraftResult<K extends CaseDocumentKind> =
  { ok: true; draft: DocumentInputDrafts[K]; year: number | null } | { ok: false; missing: MissingItem[] };

interface Loaded {
  c: SecondmentContext;
  payloads: { type: string; at: string; payload: Record<string, unknown> }[];
  common: Omit<DocumentInputDrafts['appraisalForm'], 'summary' | 'appraisal' | 'inspection' | 'result'>;
  roundName: string | null;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** The date an instant of this case is printed with: on the calendar the case's clock maps to. */
function printedDate(c: SecondmentContext, at: string): string {
  return civilDate(c.termStart ? onCalendarClock(at, c.termStart, c.policy) : at, c.policy);
}

/**
 * The term printed on the forms: from arrival to its (possibly extended) end once the cadre has
 * arrived; before that the round's term, the planned one, or the term months from the approval.
 */
function printedTerm(
  c: SecondmentContext,
  round: { start: string; end: string } | null,
): { start: string; end: string } {
  if (c.termStart && c.termEnd)
    return { start: civilDate(c.termStart, c.policy), end: printedDate(c, c.termEnd) };
  if (round) return { start: round.start, end: round.end };
  if (c.plannedTerm) return { start: c.plannedTerm.start.slice(0, 10), end: c.plannedTerm.end.slice(0, 10) };
  const from = c.approval?.at ?? c.nominatedAt;
  const offset = c.policy.timeZoneOffsetMinutes;
  return {
    start: civilDate(from, c.policy),
    end: civilDate(addCalendarMonths(from, c.termMonths, offset), c.policy),
  };
}

async function load(
  db: Queryable,
  ref: CaseRef,
  now: Date,
): Promise<{ ok: true; l: Loaded } | { ok: false; missing: MissingItem[] }> {
  const state = await getCaseState(db, ref.caseId);
  if (!state)
    return {
      ok: false,
      missing: [{ field: 'case', zh: '案件尚未开始办理', en: 'the case has not started yet' }],
    };
  if (state.snapshot.version !== 2)
    return {
      ok: false,
      missing: [
        {
          field: 'case.machineVersion',
          zh: '案件按第1版规则运行，迁移到第2版后方可生成文书',
          en: 'the case runs machine version 1; migrate it to version 2 to generate documents',
        },
      ],
    };
  const c = state.snapshot.snapshot.context;
  const personId = ref.cadreId ?? c.cadre.id;
  const [person, grades, trail, names, round] = await Promise.all([
    getPerson(db, personId),
    personGrades(db, personId),
    getAuditTrail(db, ref.caseId),
    unitNames(db, [c.sendingUnit, c.receivingUnit, c.orgUnit]),
    caseRoundOf(db, ref.caseId),
  ]);
  if (!person)
    return {
      ok: false,
      missing: [{ field: 'person', zh: '干部库中没有此人', en: 'the person is not in the registry' }],
    };
  const p = personDraftOf(person, grades);
  if (!p.ok) return p;
  const name = (code: string) => names.get(code)?.zh ?? code;
  const post = c.posting.post;
  return {
    ok: true,
    l: {
      c,
      payloads: trail.map((e) => ({ type: e.eventType, at: e.at, payload: e.payload })),
      roundName: round?.roundName ?? null,
      common: {
        person: p.person,
        case: {
          caseId: ref.caseId,
          kind: c.kind,
          post: post ? { title: post.title, level: post.level, elected: post.elected } : null,
          term: printedTerm(c, round?.term ?? null),
          sendingUnitName: name(c.sendingUnit),
          receivingUnitName: name(c.receivingUnit),
        },
        orgUnitName: name(c.orgUnit),
        preparedOn: chinaDay(now),
      },
    },
  };
}

/** The year an annual form is for when none is asked: the newest assessed, else the first owed. */
function defaultYear(c: SecondmentContext): number {
  const assessed = c.annualAssessments.at(-1)?.year;
  if (assessed !== undefined) return assessed;
  const owed = c.duties
    .filter((d) => d.kind === 'service.annualAssessment')
    .map((d) => Number(d.key.split('/')[1]))
    .filter(Number.isFinite);
  return owed[0] ?? c.year;
}

/** The input of one case document from stored data, or what the data lacks for it. */
export async function caseDocumentDraft<K extends CaseDocumentKind>(
  db: Queryable,
  ref: CaseRef,
  kind: K,
  opts: { year?: number | undefined; now?: Date } = {},
): Promise<DraftResult<K>> {
  const loaded = await load(db, ref, opts.now ?? new Date());
  if (!loaded.ok) return loaded;
  const { c, common, payloads, roundName } = loaded.l;
  const last = (type: string) => payloads.filter((e) => e.type === type).at(-1);
  const ok = (draft: unknown, year: number | null = null) =>
    ({ ok: true, draft: draft as DocumentInputDrafts[K], year }) as DraftResult<K>;
  switch (kind) {
    case 'appointmentApproval':
      return ok({ ...common, ...(roundName ? { roundName } : {}) });
    case 'introductionLetter':
      return ok({ ...common, letterNo: c.posting.introductionLetter });
    case 'appraisalForm': {
      const summary = last('final.summary.submit');
      const appraisal = last('final.appraisal.submit');
      const inspection = last('final.inspection.submit');
      const f = c.final;
      return ok({
        ...common,
        summary: f.summaryAt
          ? {
              submittedOn: printedDate(c, f.summaryAt),
              ...(text(summary?.payload.summary) ? { text: text(summary?.payload.summary) } : {}),
            }
          : null,
        appraisal: f.appraisal
          ? { ...f.appraisal, ...(appraisal ? { submittedOn: printedDate(c, appraisal.at) } : {}) }
          : null,
        inspection: f.inspection
          ? { ...f.inspection, ...(inspection ? { submittedOn: printedDate(c, inspection.at) } : {}) }
          : null,
        result: f.result ? { composite: f.result.composite, grade: f.result.grade } : null,
      });
    }
    case 'annualAssessmentForm': {
      const year = opts.year ?? defaultYear(c);
      const assessed = c.annualAssessments.find((a) => a.year === year);
      const assessEvent = payloads.find((e) => e.type === 'service.annual.assess' && e.payload.year === year);
      const priorOwed = c.duties.some((d) => d.key === `service.firstHalfRecord/${year}`);
      const prior = c.priorRecords.find((r) => r.year === year);
      const priorEvent = prior
        ? payloads.find((e) => e.type === 'service.firstHalfRecord.provide' && e.at === prior.at)
        : undefined;
      const priorText = text(priorEvent?.payload.summary);
      // A year the cadre served from January owes no record of the months before: the form says so.
      const firstHalfRecord =
        prior && priorText
          ? { summary: priorText, providedOn: printedDate(c, prior.at) }
          : !priorOwed && assessed
            ? { summary: '本年度全年在接收单位挂职，派出单位无须提供挂职前表现情况。' }
            : null;
      return ok(
        {
          ...common,
          year,
          assessment: assessed
            ? {
                grade: assessed.grade,
                score: assessed.score,
                ...(text(assessEvent?.payload.comment)
                  ? { comment: text(assessEvent?.payload.comment) }
                  : {}),
              }
            : null,
          firstHalfRecord,
        },
        year,
      );
    }
  }
  return { ok: false, missing: [{ field: 'kind', zh: '未知文书', en: 'unknown document kind' }] };
}
