import type { CaseView, DutyView } from '../contract';

/** Every difference a person would notice between two views of one case (bulk and re-plan runs). */
export function describeChange(before: CaseView, after: CaseView): string {
  const parts: string[] = [];
  if (before.status !== after.status) parts.push(`status ${before.status} → ${after.status}`);
  const label = (d: DutyView) => `${d.id} (${d.what.zh} / ${d.what.en})`;
  const duties = (v: CaseView) => [...v.openDuties, ...v.plannedDuties];
  const afterById = new Map(duties(after).map((d) => [d.id, d]));
  const beforeIds = new Set(duties(before).map((d) => d.id));
  for (const d of duties(before)) {
    const a = afterById.get(d.id);
    if (!a) {
      parts.push(`duty ${label(d)}: closed`);
      continue;
    }
    if (a.state !== d.state) parts.push(`duty ${label(d)}: ${d.state} → ${a.state}`);
    if (a.dueAt !== d.dueAt) parts.push(`duty ${label(d)}: due ${d.dueAt} → ${a.dueAt}`);
    if (a.provisional !== d.provisional)
      parts.push(
        `duty ${label(d)}: ${a.provisional ? 'provisional' : `no longer provisional (${a.calendarVersion})`}`,
      );
    if (a.owner.role !== d.owner.role || a.owner.unit !== d.owner.unit)
      parts.push(`duty ${label(d)}: owner ${d.owner.role}@${d.owner.unit} → ${a.owner.role}@${a.owner.unit}`);
    if (a.paused !== d.paused) parts.push(`duty ${label(d)}: ${a.paused ? 'paused' : 'resumed'}`);
    if (a.stuck !== d.stuck) parts.push(`duty ${label(d)}: ${a.stuck ? 'stuck' : 'no longer stuck'}`);
  }
  for (const a of duties(after)) {
    if (!beforeIds.has(a.id)) parts.push(`duty ${label(a)}: opened, due ${a.dueAt}`);
  }
  return parts.length > 0 ? parts.join('; ') : '记录在案，无可见变化 / recorded, no visible change';
}
