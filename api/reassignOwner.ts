// admin.duty.reassign names a new owner (role at a unit): the unit must be a unit of the directory
// (单位库), still active, and one the role can sit at — a department's role at that department, a
// unit's officer or cadre at a unit that is not a department. Checked against stored data, so free
// text (or 3,000 characters of HTML) never becomes a duty's owner.
import type { Role } from '../machines/secondment';
import type { Queryable } from '../db';
import { getUnit } from '../store';
import { ApiError } from './errors';

const DEPARTMENT_OF: Partial<Record<Role, 'org_dept' | 'united_front_dept'>> = {
  org_admin: 'org_dept',
  united_front: 'united_front_dept',
};
const UNIT_ROLES: ReadonlySet<Role> = new Set(['sending_officer', 'receiving_officer', 'cadre']);

export async function checkReassignOwner(db: Queryable, owner: { role: Role; unit: string }): Promise<void> {
  if (!DEPARTMENT_OF[owner.role] && !UNIT_ROLES.has(owner.role)) {
    throw new ApiError(
      'INVALID_INPUT',
      `owner.role: ${owner.role} 不能承办事项（审计只读，系统为工作流）/ ${owner.role} cannot own a duty (auditors only read, system is the workflow)`,
      { field: 'body.owner.role' },
    );
  }
  const unit = await getUnit(db, owner.unit);
  if (!unit || !unit.active) {
    throw new ApiError(
      'INVALID_INPUT',
      `owner.unit: ${owner.unit} 不是单位库中的有效单位 / ${owner.unit} is not an active unit of the directory`,
      { field: 'body.owner.unit' },
    );
  }
  const department = DEPARTMENT_OF[owner.role];
  const fits = department
    ? unit.type === department
    : unit.type !== 'org_dept' && unit.type !== 'united_front_dept';
  if (!fits) {
    throw new ApiError(
      'INVALID_INPUT',
      `owner.unit: ${unit.name.zh}（${unit.type}）不是 ${owner.role} 所在的单位类型 / ${owner.unit} (${unit.type}) is not a unit a ${owner.role} sits at`,
      { field: 'body.owner.unit' },
    );
  }
}
