// The round's statistics from its cases' real state (store/roundStats.ts reads them): pure
// counting, so the API's JSON, the CSV and the XLSX workbook say the same.
import type { Label, RoundStats } from '../contract';
import {
  categoryLabels,
  gradeLabels,
  kindLabels,
  statusLabels,
  type Grade,
  type Kind,
  type StatusCode,
} from '../machines/secondment';
import type { RoundCaseFacts, StoredRound } from '../store';

const NOT_SECONDMENTS = new Set(['REJECTED', 'WITHDRAWN']);
const IN_SERVICE = new Set([
  'IN_SERVICE',
  'EXTENDED',
  'EXTENSION_REQUESTED',
  'EXTENSION_CONSENTED',
  'RECALL_REQUESTED',
]);
const RETURNED = new Set(['TRACKING', 'CLOSED_RETURNED']);
/** 乡镇（街道）: where a cadre "from the townships" comes from (seed 001 counts them). */
const TOWNSHIP_TYPES = new Set(['township', 'subdistrict']);

const share = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 1000) / 10);

function countBy<T>(items: T[], key: (x: T) => string, label: (k: string, x: T) => Label) {
  const groups = new Map<string, { label: Label; count: number }>();
  for (const x of items) {
    const k = key(x);
    const g = groups.get(k) ?? { label: label(k, x), count: 0 };
    g.count += 1;
    groups.set(k, g);
  }
  return [...groups.entries()]
    .map(([k, g]) => ({ key: k, label: g.label, count: g.count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export function roundStatistics(
  round: StoredRound,
  facts: RoundCaseFacts[],
  apart: { rejected: number; withdrawn: number },
): RoundStats {
  const started = facts.filter((f) => f.status !== null);
  const cases = started.filter((f) => !NOT_SECONDMENTS.has(f.status ?? ''));
  const total = cases.length;
  const nonCpc = cases.filter((f) => f.partyStatus === 'non_cpc').length;
  const graduates = cases.filter((f) => f.categories.includes('selected_graduate')).length;
  const reserve = cases.filter((f) => f.categories.includes('county_reserve')).length;
  const either = cases.filter(
    (f) => f.categories.includes('selected_graduate') || f.categories.includes('county_reserve'),
  ).length;
  const status = (f: RoundCaseFacts) => f.status ?? '';
  return {
    roundId: round.id,
    year: round.year,
    total,
    byKind: countBy(
      cases,
      (f) => f.kind,
      (k) => kindLabels[k as Kind],
    ),
    byReceivingUnit: countBy(
      cases,
      (f) => f.receivingUnit,
      (_k, f) => f.receivingUnitName,
    ),
    bySendingUnit: countBy(
      cases,
      (f) => f.sendingUnit,
      (_k, f) => f.sendingUnitName,
    ),
    nonCpc: { count: nonCpc, share: share(nonCpc, total) },
    selectedGraduates: graduates,
    countyReserve: reserve,
    graduatesAndReserve: { count: either, share: share(either, total) },
    fromTownships: cases.filter((f) => TOWNSHIP_TYPES.has(f.sendingUnitType)).length,
    progress: {
      arrived: cases.filter((f) => f.arrived).length,
      inService: cases.filter((f) => IN_SERVICE.has(status(f))).length,
      extended: cases.filter((f) => f.extended).length,
      recalled: cases.filter((f) => f.status === 'RECALLED').length,
      promoted: cases.filter((f) => f.promoted).length,
      returned: cases.filter((f) => RETURNED.has(status(f))).length,
    },
    byStatus: countBy(cases, status, (k) => statusLabels[k as StatusCode] ?? { zh: k, en: k }),
    grades: countBy(
      cases.filter((f) => f.grade !== null),
      (f) => f.grade ?? '',
      (k) => gradeLabels[k as Grade],
    ),
    overdue: cases.filter((f) => f.overdue).length,
    stuck: cases.filter((f) => f.stuck).length,
    apart: {
      rejectedCases: started.filter((f) => f.status === 'REJECTED').length,
      withdrawnCases: started.filter((f) => f.status === 'WITHDRAWN').length,
      recommendationsRejected: apart.rejected,
      recommendationsWithdrawn: apart.withdrawn,
    },
    cases: started.map((f) => ({
      caseId: f.caseId,
      name: f.name,
      gender: f.gender,
      birthDate: f.birthDate,
      party: f.partyStatus === 'cpc' ? '中共党员' : (f.partyName ?? '党外'),
      kind: f.kind,
      sendingUnit: f.sendingUnitName.zh,
      receivingUnit: f.receivingUnitName.zh,
      post: f.post,
      categories: f.categories.map((c) => categoryLabels[c].zh),
      termStart: f.termStart,
      termEnd: f.termEnd,
      termReason: f.termReason,
      subsidyPerDay: f.subsidyPerDay,
      subsidyPayer: f.sendingUnitName.zh,
      payRule: '工资待遇不变，由原单位发放',
      status: status(f),
      statusLabel: statusLabels[status(f) as StatusCode] ?? { zh: status(f), en: status(f) },
      grade: f.grade,
    })),
  };
}
