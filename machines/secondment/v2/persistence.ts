// Snapshots outlive code: the workflow persists them (continue-as-new) and the database keeps them
// (case_state), each with its machine version. A v2 snapshot keeps the deep history of a held
// case (which phase and regions resume takes it back to) as state-node ids.
import type { AnyStateNode, StateValue } from 'xstate';
import type { SecondmentContext } from './context';
import { MACHINE_VERSION, secondmentMachine } from './machine';
import { statusFromValue } from './status';
import type { SecondmentSnapshot } from './step';

export interface PersistedSecondment {
  machineVersion: number;
  value: StateValue;
  context: SecondmentContext;
  /** history state id → the state-node ids it remembers (only meaningful while on hold) */
  historyValue?: Record<string, string[]>;
}

export function toPersisted(snapshot: SecondmentSnapshot): PersistedSecondment {
  const history = snapshot.historyValue as Record<string, AnyStateNode[]>;
  const historyValue = Object.fromEntries(
    Object.entries(history).map(([k, nodes]) => [k, nodes.map((n) => n.id)]),
  );
  return {
    machineVersion: MACHINE_VERSION,
    value: snapshot.value,
    context: snapshot.context,
    ...(Object.keys(historyValue).length > 0 ? { historyValue } : {}),
  };
}

/** Revives a v2 snapshot. A v1 snapshot is migrated explicitly (migration.ts), never on read. */
export function fromPersisted(p: {
  machineVersion: number;
  value: unknown;
  context: unknown;
  historyValue?: unknown;
}): SecondmentSnapshot {
  if (p.machineVersion !== MACHINE_VERSION)
    throw new Error(
      `cannot restore machine version ${p.machineVersion} with version ${MACHINE_VERSION}: ${
        p.machineVersion < MACHINE_VERSION
          ? 'migrate it first (migrateFromV1)'
          : 'this code is older than the snapshot'
      }`,
    );
  statusFromValue(p.value);
  const ids = (p.historyValue ?? {}) as Record<string, string[]>;
  const historyValue = Object.fromEntries(
    Object.entries(ids).map(([k, list]) => [k, list.map((id) => secondmentMachine.getStateNodeById(id))]),
  );
  return secondmentMachine.resolveState({
    value: p.value as StateValue,
    context: p.context as SecondmentContext,
    historyValue: historyValue as never,
  });
}
