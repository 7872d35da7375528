import type { Queryable } from '../db';
import type { Actor } from '../machines/secondment';
import { caseRefInScope, type CaseRef } from '../store';
import type { ApiUser } from './auth/users';
import { ApiError, notFound } from './errors';

export type { CaseRef } from '../store';

/**
 * Who sees which case (the one rule every read and write goes through):
 *
 * | role              | sees a case when                                   | acts as unit         |
 * | ----------------- | -------------------------------------------------- | -------------------- |
 * | org_admin         | the case's organization department ∈ user's units  | the case's org unit  |
 * | sending_officer   | the case's sending unit ∈ user's units             | the sending unit     |
 * | receiving_officer | the case's (current) receiving unit ∈ user's units | the receiving unit   |
 * | cadre             | the case's cadre id = the user's cadre id          | (cadre id)           |
 * | auditor           | org, sending or receiving unit ∈ user's units      | never acts           |
 *
 * Anything else is "not found" (404), so a user cannot learn that another unit's case exists. The
 * SQL of the rule is in store/scope.ts; this file holds what the API decides from it.
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

/** The unit this user acts for in this case (always one of the user's units, by the scope rule). */
export function actingUnit(user: ApiUser, ref: CaseRef): string {
  switch (user.role) {
    case 'org_admin':
      return ref.orgUnit ?? '';
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
 * actor id is their cadre id, which is how the lifecycle machine recognises the case's own cadre.
 */
export function actorFor(user: ApiUser, ref: CaseRef): Actor {
  return {
    id: user.role === 'cadre' ? (user.cadreId ?? user.username) : user.username,
    role: user.role,
    unit: actingUnit(user, ref),
  };
}

/** An org admin entering a step for another party of the case: recorded as on-behalf-of. */
export function onBehalfPrincipal(
  ref: CaseRef,
  forParty: { role: 'sending_officer' | 'receiving_officer' | 'cadre'; id?: string | undefined },
): NonNullable<Actor['onBehalfOf']> {
  const unit = forParty.role === 'sending_officer' ? ref.sendingUnit : ref.receivingUnit;
  const id =
    forParty.role === 'cadre'
      ? (ref.cadreId ?? forParty.id ?? 'cadre')
      : (forParty.id ?? `${forParty.role}@${unit}`);
  return { id, role: forParty.role, unit };
}
