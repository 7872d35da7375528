// The figures a round reports upward (选派统计): counts by kind, 党外 count and share, 选调生, 县级后备,
// cadres from townships, by status, and the grade distribution. Rejected and withdrawn nominations
// are counted apart and are in none of the other figures.
import type { StatusCode } from '../machines/secondment';
import type { Grade, Kind } from '../machines/secondment';
import { kindSchema } from '../machines/secondment';
import { isNonCpc } from './format';
import type { RoundEntry } from './inputs';
import { isListed } from './requirements';

export interface RoundStatistics {
  /** Listed cadres (every nomination except rejected and withdrawn ones). */
  total: number;
  byKind: Record<Kind, number>;
  nonCpc: number;
  selectedGraduate: number;
  countyReserve: number;
  fromTownship: number;
  /** By case status; `null` is a decided but not yet launched case. */
  byStatus: { status: StatusCode | null; count: number }[];
  byGrade: Record<Grade | 'none', number>;
  rejected: number;
  withdrawn: number;
}

export function roundStatistics(entries: readonly RoundEntry[]): RoundStatistics {
  const listed = entries.filter((e) => isListed(e.status));
  const byKind = Object.fromEntries(kindSchema.options.map((k) => [k, 0])) as Record<Kind, number>;
  const byGrade: RoundStatistics['byGrade'] = {
    excellent: 0,
    competent: 0,
    basically_competent: 0,
    incompetent: 0,
    none: 0,
  };
  const statusCounts = new Map<StatusCode | null, number>();
  for (const e of listed) {
    byKind[e.kind] += 1;
    byGrade[e.grade ?? 'none'] += 1;
    statusCounts.set(e.status, (statusCounts.get(e.status) ?? 0) + 1);
  }
  const count = (pred: (e: RoundEntry) => boolean): number => listed.filter(pred).length;
  return {
    total: listed.length,
    byKind,
    nonCpc: count((e) => isNonCpc(e.person.partyMembership)),
    selectedGraduate: count((e) => e.person.categories.includes('selected_graduate')),
    countyReserve: count((e) => e.person.categories.includes('county_reserve')),
    fromTownship: count((e) => e.fromTownship),
    byStatus: [...statusCounts].map(([status, n]) => ({ status, count: n })),
    byGrade,
    rejected: entries.filter((e) => e.status === 'REJECTED').length,
    withdrawn: entries.filter((e) => e.status === 'WITHDRAWN').length,
  };
}
