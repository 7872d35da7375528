// Which open duty a duty intervention of a bulk run targets in each case. The API's planner, the
// CLI and the console's runner must pick the same one, so the rule is written once.

export type DutySelector = 'next' | 'stuck';

/** The named duty, else the one due soonest ('next') or the first stuck one ('stuck'). */
export function pickDuty<D extends { id: string; dueAt: string; stuck: boolean }>(
  duties: readonly D[],
  selector: DutySelector | undefined,
  dutyId?: unknown,
): D | undefined {
  if (typeof dutyId === 'string') return duties.find((d) => d.id === dutyId);
  const open = [...duties].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return selector === 'stuck' ? open.find((d) => d.stuck) : open[0];
}
