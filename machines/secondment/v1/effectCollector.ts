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

  /** A recipient by role, at the unit that role has in this case. */
  to(role: Role): Recipient {
    return { role, unit: ownerUnit(this.c, role) };
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
