// One transition's working copy: context changes are copies of what changed only (structural
// sharing, no clone of the whole context), and the effects the step decided on, in order.
import type { Duty, SecondmentContext } from './context';
import type { Effect, PersonnelFileKind, Vars } from './effects';
import type { Recipient, Role } from './roles';
import type { TemplateId } from './templates';

export function ownerUnit(c: SecondmentContext, role: Role): string {
  switch (role) {
    case 'org_admin':
      return c.orgUnit;
    case 'sending_officer':
      return c.sendingUnit;
    case 'united_front':
      return c.unitedFrontUnit;
    case 'receiving_officer':
    case 'cadre':
      return c.receivingUnit;
    default:
      return 'system';
  }
}

/** A recipient by role at the unit that role has in this case; the cadre also by person id. */
export function recipientOf(c: SecondmentContext, role: Role): Recipient {
  return role === 'cadre'
    ? { role, unit: ownerUnit(c, role), personId: c.cadre.id }
    : { role, unit: ownerUnit(c, role) };
}

export class Draft {
  readonly effects: Effect[] = [];
  private ownDuties = false;

  constructor(
    public c: SecondmentContext,
    readonly now: string,
  ) {}

  set(patch: Partial<SecondmentContext>): void {
    this.c = { ...this.c, ...patch };
  }

  private duties(): Duty[] {
    if (!this.ownDuties) {
      this.c = { ...this.c, duties: [...this.c.duties] };
      this.ownDuties = true;
    }
    return this.c.duties;
  }

  addDuty(d: Duty): void {
    this.duties().push(d);
  }

  /** Replaces one duty by `f(duty)` (f returns a new object); a no-op for an unknown id. */
  updateDuty(id: string, f: (d: Duty) => Duty): Duty | undefined {
    const i = this.c.duties.findIndex((d) => d.id === id);
    const old = this.c.duties[i];
    if (!old) return undefined;
    const next = f(old);
    if (next !== old) this.duties()[i] = next;
    return next;
  }

  /** Replaces every duty matching `pick` by `f(duty)`. */
  updateDuties(pick: (d: Duty) => boolean, f: (d: Duty) => Duty): void {
    for (const d of this.c.duties) if (pick(d)) this.updateDuty(d.id, f);
  }

  to(role: Role): Recipient {
    return recipientOf(this.c, role);
  }

  notify(recipients: Recipient[], template: TemplateId, vars: Vars = {}): void {
    this.effects.push({ type: 'notify', params: { recipients, template, vars } });
  }

  notifyRoles(roles: Role[], template: TemplateId, vars: Vars = {}): void {
    this.notify(
      roles.map((r) => this.to(r)),
      template,
      vars,
    );
  }

  personnelFile(kind: PersonnelFileKind, content: Record<string, unknown>): void {
    this.effects.push({
      type: 'personnelFile',
      params: { caseId: this.c.caseId, cadreId: this.c.cadre.id, kind, at: this.now, content },
    });
  }
}
