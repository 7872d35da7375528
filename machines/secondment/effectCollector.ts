// Collects the effects a handler decides on. Record, deadline and search-attribute effects are
// derived afterwards by the engine, so no handler can forget them.
import type { SecondmentContext } from './context';
import { ownerUnit } from './duties';
import type { Effect, Vars } from './effects';
import type { Recipient, Role } from './roles';
import type { TemplateId } from './templates';

export class EffectCollector {
  readonly effects: Effect[] = [];
  constructor(
    readonly c: SecondmentContext,
    readonly now: string,
  ) {}

  /** A recipient by role, at the unit that role has in this case (the cadre: by person id too). */
  to(role: Role): Recipient {
    return this.personal({ role, unit: ownerUnit(this.c, role) });
  }

  /** The case has one cadre: whatever reaches "the cadre" is addressed to that person. */
  private personal(r: Recipient): Recipient {
    return r.role === 'cadre' ? { ...r, personId: this.c.cadre.id } : r;
  }

  notify(recipients: Recipient[], template: TemplateId, vars: Vars = {}): void {
    this.effects.push({
      type: 'notify',
      params: { recipients: recipients.map((r) => this.personal(r)), template, vars },
    });
  }

  notifyRoles(roles: Role[], template: TemplateId, vars: Vars = {}): void {
    this.notify(
      roles.map((r) => this.to(r)),
      template,
      vars,
    );
  }

  personnelFile(
    kind: Extract<Effect, { type: 'personnelFile' }>['params']['kind'],
    content: Record<string, unknown>,
  ): void {
    this.effects.push({
      type: 'personnelFile',
      params: { caseId: this.c.caseId, cadreId: this.c.cadre.id, kind, at: this.now, content },
    });
  }
}
