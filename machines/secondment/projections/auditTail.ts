import type { EffectOf } from '../v2/effects';
import type { AuditTailEntry, PrincipalView } from './views';

/** How an on-behalf-of principal is written into the audit trail: readable and unambiguous. */
export const principalLabel = (p: PrincipalView): string => `${p.role}@${p.unit}/${p.id}`;

/** The inverse of principalLabel: `role@unit/id` back to a principal (null for anything else). */
export function principalOf(label: string | null): PrincipalView | null {
  const m = label === null ? null : /^([^@]+)@([^/]+)\/(.*)$/.exec(label);
  return m ? { role: m[1] ?? '', unit: m[2] ?? '', id: m[3] ?? '' } : null;
}

/** The audit-tail entry of one accepted transition, from the machine's record effect. */
export function auditTailEntryOf(record: EffectOf<'record'>['params']): AuditTailEntry {
  return {
    seq: record.seq,
    at: record.at,
    eventType: record.eventType,
    actor: record.actor,
    onBehalfOf: record.onBehalfOf,
    reason: record.reason,
    fromState: record.fromState,
    toState: record.toState,
  };
}

/** The same entry from a stored audit row (the database read model), where "no state" is 'NONE'. */
export function auditTailEntryFromRow(row: {
  seq: number;
  at: string;
  eventType: string;
  actorId: string;
  actorRole: string;
  actorUnit: string;
  onBehalfOf: string | null;
  reason: string | null;
  fromState: string;
  toState: string;
}): AuditTailEntry {
  return {
    seq: row.seq,
    at: row.at,
    eventType: row.eventType,
    actor: { id: row.actorId, role: row.actorRole, unit: row.actorUnit },
    onBehalfOf: principalOf(row.onBehalfOf),
    reason: row.reason,
    fromState: row.fromState === 'NONE' ? null : row.fromState,
    toState: row.toState,
  };
}
