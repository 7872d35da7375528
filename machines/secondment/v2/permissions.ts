// Who may send each event, as data (the permission table in docs/lifecycle.md), and the check of
// an actor against a case: the right role at the right unit, the cadre by person id, acting on
// behalf only as the practice allows. A duty's new owner (after a reassignment) may discharge it.
import type { Duty, SecondmentContext } from './context';
import { eventLabels, type EventType } from './events';
import { refuse, type Refusal } from './refusal';
import { roleLabels, type Actor, type Principal, type Role } from './roles';
import type { DutyKind } from './vocabulary';

type Ctx = SecondmentContext;

export interface Permission {
  roles: readonly Role[];
  /** Duties this event discharges: after a reassignment their new owner may send it too. */
  discharges?: readonly DutyKind[];
}

const org = ['org_admin'] as const;
const sending = ['sending_officer'] as const;
const receiving = ['receiving_officer'] as const;
const cadre = ['cadre'] as const;

export const PERMISSIONS: Record<EventType, Permission> = {
  'nomination.withdraw': { roles: sending },
  'approval.approve': { roles: org, discharges: ['approval.decide'] },
  'approval.reject': { roles: org, discharges: ['approval.decide'] },
  'posting.post.arrange': { roles: receiving, discharges: ['posting.post'] },
  'posting.election.record': { roles: receiving, discharges: ['posting.election'] },
  'posting.appointment.file': { roles: receiving, discharges: ['posting.appointment'] },
  'posting.unitedFront.acknowledge': { roles: ['united_front'], discharges: ['posting.unitedFront'] },
  'posting.party.transfer': { roles: ['cadre', 'receiving_officer'], discharges: ['posting.party'] },
  'posting.introduction.send': { roles: sending, discharges: ['posting.introduction'] },
  'posting.mentor.name': { roles: receiving, discharges: ['posting.mentor'] },
  'posting.duties.assign': { roles: receiving, discharges: ['posting.duties'] },
  'posting.arrival.confirm': { roles: receiving, discharges: ['posting.arrival'] },
  'service.quarterly.submit': { roles: cadre, discharges: ['service.quarterly'] },
  'service.halfYear.report': { roles: cadre, discharges: ['service.halfYearReport'] },
  'service.halfYear.assess': { roles: org, discharges: ['service.halfYearAssessment'] },
  'service.contact.log': { roles: sending, discharges: ['service.contact'] },
  'service.firstHalfRecord.provide': { roles: sending, discharges: ['service.firstHalfRecord'] },
  'service.annual.assess': { roles: receiving, discharges: ['service.annualAssessment'] },
  'service.leave.request': { roles: cadre },
  'service.leave.decide': { roles: receiving, discharges: ['service.leaveDecision'] },
  'service.leave.return': { roles: ['cadre', 'receiving_officer'], discharges: ['service.leaveReturn'] },
  'service.sendingTask.request': { roles: sending },
  'service.sendingTask.decide': { roles: org, discharges: ['service.sendingTaskDecision'] },
  'service.breach.report': { roles: ['cadre', 'receiving_officer', 'org_admin'] },
  'service.breach.respond': { roles: sending, discharges: ['service.breachResponse'] },
  'service.breach.resolve': { roles: org, discharges: ['service.breachFollowUp'] },
  'service.post.rotate': { roles: receiving },
  'extension.request': { roles: receiving },
  'extension.consent': { roles: sending, discharges: ['extension.consent'] },
  'extension.decide': { roles: org, discharges: ['extension.decision'] },
  'recall.request': { roles: ['sending_officer', 'org_admin'] },
  'recall.consent': { roles: receiving, discharges: ['recall.consent'] },
  'promotion.decide': { roles: org, discharges: ['final.disposition'] },
  'final.open': { roles: org, discharges: ['service.termEnd'] },
  'final.summary.submit': { roles: cadre, discharges: ['final.summary'] },
  'final.appraisal.submit': { roles: receiving, discharges: ['final.appraisal'] },
  'final.inspection.submit': { roles: sending, discharges: ['final.inspection'] },
  'final.democratic.record': { roles: org, discharges: ['final.democratic'] },
  'final.grade.decide': { roles: org, discharges: ['final.grade'] },
  'return.start': { roles: org, discharges: ['final.disposition'] },
  'return.handover.complete': { roles: cadre, discharges: ['return.handover'] },
  'return.party.return': { roles: cadre, discharges: ['return.party'] },
  'return.post.resume': { roles: sending, discharges: ['return.post'] },
  'tracking.review.submit': { roles: sending, discharges: ['tracking.review'] },
  'admin.deadline.extend': { roles: org },
  'admin.duty.waive': { roles: org },
  'admin.duty.reassign': { roles: org },
  'admin.case.hold': { roles: org },
  'admin.case.resume': { roles: org },
  'admin.case.force': { roles: org },
  // sent for every open case by the host once an org admin has loaded a year's holiday table
  'calendar.update': { roles: ['system'] },
  'deadline.reached': { roles: ['system'] },
};

/** Does this principal hold `role` in this case (right unit, or the cadre themself)? */
export function holdsRole(c: Ctx, p: Principal, role: Role): boolean {
  switch (role) {
    case 'org_admin':
      return p.unit === c.orgUnit;
    case 'sending_officer':
      return p.unit === c.sendingUnit;
    case 'receiving_officer':
      return p.unit === c.receivingUnit;
    case 'united_front':
      return p.unit === c.unitedFrontUnit;
    case 'cadre':
      return p.id === c.cadre.id;
    case 'system':
      return true;
    case 'auditor':
      return false;
  }
}

export function unitOfRole(c: Ctx, role: Role): string {
  switch (role) {
    case 'org_admin':
      return c.orgUnit;
    case 'sending_officer':
      return c.sendingUnit;
    case 'receiving_officer':
    case 'cadre':
      return c.receivingUnit;
    case 'united_front':
      return c.unitedFrontUnit;
    default:
      return role;
  }
}

const live = (d: Duty) => d.state === 'open' || d.state === 'planned';

/** Open duties this event type discharges whose (possibly reassigned) owner is this role at this unit. */
export function ownsDischargedDuty(c: Ctx, type: EventType, role: Role, unit: string): boolean {
  const kinds = PERMISSIONS[type].discharges ?? [];
  return (
    kinds.length > 0 &&
    c.duties.some((d) => live(d) && kinds.includes(d.kind) && d.owner.role === role && d.owner.unit === unit)
  );
}

/** Who is acting, for whom, and may they: null when allowed. */
export function authorize(c: Ctx, type: EventType, actor: Actor): Refusal | null {
  const label = eventLabels[type];
  const spec = PERMISSIONS[type];
  if (actor.role === 'auditor')
    return refuse(
      'READ_ONLY',
      'auditor.readOnly',
      `审计角色不能执行「${label.zh}」`,
      `An auditor cannot ${label.en}`,
    );
  const p = actor.onBehalfOf ?? actor;
  if (actor.onBehalfOf) {
    const orgActing = actor.role === 'org_admin' && actor.unit === c.orgUnit;
    const sameDesk = actor.role === p.role && actor.unit === p.unit;
    if ((!orgActing && !sameDesk) || p.role === 'system' || p.role === 'auditor')
      return refuse(
        'ON_BEHALF_FORBIDDEN',
        'actor.onBehalf',
        `${roleLabels[actor.role].zh}不能代${roleLabels[p.role].zh}办理「${label.zh}」`,
        `The ${roleLabels[actor.role].en} cannot act for the ${roleLabels[p.role].en}`,
      );
  }
  const byOwnership = ownsDischargedDuty(c, type, p.role, p.unit);
  if (!spec.roles.includes(p.role) && !byOwnership)
    return refuse(
      'ROLE_FORBIDDEN',
      'role.permission',
      `「${label.zh}」只能由${spec.roles.map((r) => roleLabels[r].zh).join('或')}执行，${roleLabels[p.role].zh}无权执行`,
      `"${label.en}" is for the ${spec.roles.map((r) => roleLabels[r].en).join(' or ')}, not the ${roleLabels[p.role].en}`,
    );
  if (!byOwnership && !holdsRole(c, p, p.role))
    return refuse(
      'WRONG_UNIT',
      'unit.binding',
      p.role === 'cadre'
        ? `只有本案挂职干部本人可以执行「${label.zh}」`
        : `只有本案的${roleLabels[p.role].zh}（${unitOfRole(c, p.role)}）可以执行「${label.zh}」，${p.unit}不是`,
      p.role === 'cadre'
        ? `Only this case's cadre may ${label.en}`
        : `Only this case's ${roleLabels[p.role].en} (${unitOfRole(c, p.role)}) may ${label.en}; ${p.unit} is not`,
    );
  return null;
}

/** Could this role of this unit send the event at all (no payload)? For the console's forms. */
export function mayOffer(c: Ctx, type: EventType, role: Role, unit: string): boolean {
  if (role === 'auditor' || role === 'system') return false;
  const spec = PERMISSIONS[type];
  const p: Principal = { id: role === 'cadre' ? c.cadre.id : role, role, unit };
  return spec.roles.includes(role) ? holdsRole(c, p, role) : ownsDischargedDuty(c, type, role, unit);
}
