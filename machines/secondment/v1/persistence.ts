// Snapshots outlive code: they are persisted by the workflow (continue-as-new) with the machine
// version, and migrated forward before xstate resolves them.
import type { SecondmentContext } from './context';
import { MACHINE_VERSION, secondmentMachine } from './machine';
import type { SecondmentSnapshot } from './snapshot';
import { STATE_KEYS } from './status';

export interface PersistedSecondment {
  machineVersion: number;
  value: string;
  context: SecondmentContext;
}

type Migration = (p: { value: string; context: Record<string, unknown> }) => {
  value: string;
  context: Record<string, unknown>;
};

/** MIGRATIONS[n] lifts a version-n snapshot to n+1. Version 1 is the first; none yet. */
const MIGRATIONS: Record<number, Migration> = {};

export function toPersisted(snapshot: SecondmentSnapshot): PersistedSecondment {
  return JSON.parse(
    JSON.stringify({ machineVersion: MACHINE_VERSION, value: snapshot.value, context: snapshot.context }),
  ) as PersistedSecondment;
}

export function fromPersisted(p: {
  machineVersion: number;
  value: unknown;
  context: unknown;
}): SecondmentSnapshot {
  if (!Number.isInteger(p.machineVersion) || p.machineVersion < 1 || p.machineVersion > MACHINE_VERSION)
    throw new Error(
      `cannot restore machine version ${p.machineVersion} (this code is version ${MACHINE_VERSION})`,
    );
  let cur = {
    value: String(p.value),
    context: JSON.parse(JSON.stringify(p.context)) as Record<string, unknown>,
  };
  for (let v = p.machineVersion; v < MACHINE_VERSION; v += 1) {
    const m = MIGRATIONS[v];
    if (!m) throw new Error(`no migration from machine version ${v}`);
    cur = m(cur);
  }
  if (!(STATE_KEYS as readonly string[]).includes(cur.value)) throw new Error(`unknown state ${cur.value}`);
  return secondmentMachine.resolveState({
    value: cur.value,
    context: cur.context as unknown as SecondmentContext,
  });
}
