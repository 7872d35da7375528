import type { Queryable } from '../db';
import type { Actor } from '../machines/secondment';
import { caseRefInScope, findUser, type CaseRef } from '../store';
import type { ApiUser } from './auth/users';
import { ApiError, notFound } from './errors';

export type { CaseRef } from '../store';

/**
 * Who sees which case (the one rule every read and write goes through; jurisdictions follow the
 * unit tree, see store/scope.ts):
 *
 * | role              | sees a case when                                                              | acts as unit               |
 * | ----------------- | ----------------------------------------------------------------------------- | -------------------------- |
 * | org_admin         | its org department, sending or receiving unit lies in the admin's jurisdiction | the case's org unit (if theirs) |
 * | united_front      | the same, for 党外 (non-CPC) cadres                                            | the case's united front unit (if theirs) |
 * | sending_officer   | its sending unit ∈ the user's units                                           | the sending unit           |
 * | receiving_officer | its (current) receiving unit ∈ the user's units                               | the receiving unit         |
 * | cadre             | its cadre is the user's person                                                | (person id)                |
 * | auditor           | like org_admin                                                                | never acts                 |
 *
 * A jurisdiction is the subtree of the region above each of the user's units: the city department's
 * includes every county under the city, a county department's only its county. Anything else is
 * "not found" (404), so a user cannot learn that another unit's case exists.
 */

/** The case if this user may see it; otherwise NOT_FOUND, exactly as if it did not exist. */
export async function caseInScope(db: Queryable, user: ApiUser, caseId: string): Promise<CaseRef> {
  const ref = await caseRefInScope(db, user, caseId);
  if (!ref) throw notFound();
  return ref;
}

/** Only these roles change cases; an auditor reads and verifies. */
export function assertMayAct(user: ApiUser): void {
  if (user.role === 'auditor') {
    throw new ApiError('FORBIDDEN', '审计角色只读 / auditors only read', { rule: 'auditor.readOnly' });
  }
}

export function assertOrgAdmin(user: ApiUser, what: string): void {
  if (user.role !== 'org_admin') {
    throw new ApiError(
      'FORBIDDEN',
      `仅组织部可以${what.split(' / ')[0]} / only the organization department may ${what.split(' / ')[1] ?? what}`,
    );
  }
}

/**
 * The unit this user acts for in this case. A department acts as the case's own department only
 * if it is one of theirs: the city department sees a county's case but acts as itself, which the
 * lifecycle rules refuse (unit.binding) — it reads, the county acts.
 */
export function actingUnit(user: ApiUser, ref: CaseRef): string {
  const own = (unit: string | null) =>
    unit !== null && user.units.includes(unit) ? unit : (user.units[0] ?? '');
  switch (user.role) {
    case 'org_admin':
      return own(ref.orgUnit);
    case 'united_front':
      return own(ref.unitedFrontUnit);
    case 'sending_officer':
      return ref.sendingUnit;
    case 'receiving_officer':
    case 'cadre':
      return ref.receivingUnit;
    case 'auditor':
      return user.units[0] ?? 'audit';
  }
}

/**
 * The event's actor, built from the logged-in user only (never from the request body). A cadre's
 * actor id is their person id, which is how the lifecycle machine recognises the case's own cadre.
 */
export function actorFor(user: ApiUser, ref: CaseRef): Actor {
  return {
    id: user.role === 'cadre' ? (user.personId ?? user.username) : user.username,
    role: user.role,
    unit: actingUnit(user, ref),
  };
}

/**
 * An org admin entering a step for another party of the case: recorded as on-behalf-of. The party
 * is the case's own: its cadre (the registry's person), or a desk of the case's unit for that role
 * — or, when an id is named, a real user who holds that role at that unit; anything else is refused.
 */
export async function onBehalfPrincipal(
  db: Queryable,
  ref: CaseRef,
  forParty: { role: 'sending_officer' | 'receiving_officer' | 'cadre'; id?: string | undefined },
): Promise<NonNullable<Actor['onBehalfOf']>> {
  const unit = forParty.role === 'sending_officer' ? ref.sendingUnit : ref.receivingUnit;
  if (forParty.role === 'cadre') {
    const cadre = ref.cadreId ?? '';
    if (forParty.id !== undefined && forParty.id !== cadre)
      throw new ApiError('FORBIDDEN', '只能代本案干部本人办理 / you may act only for this case’s own cadre', {
        field: 'body.onBehalfOf.id',
        rule: 'actor.onBehalf',
      });
    return { id: cadre || 'cadre', role: 'cadre', unit };
  }
  if (forParty.id === undefined) return { id: `${forParty.role}@${unit}`, role: forParty.role, unit };
  const stored = await findUser(db, forParty.id);
  const holds =
    stored !== null &&
    !stored.disabled &&
    stored.user.role === forParty.role &&
    stored.user.units.includes(unit);
  if (!holds)
    throw new ApiError(
      'FORBIDDEN',
      `代为办理须指明本案${forParty.role === 'sending_officer' ? '派出' : '接收'}单位的在岗用户 / onBehalfOf.id must be an active ${forParty.role} of the case’s unit ${unit}`,
      { field: 'body.onBehalfOf.id', rule: 'actor.onBehalf' },
    );
  return { id: stored.user.username, role: forParty.role, unit };
}
