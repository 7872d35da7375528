import { spawnSync } from 'node:child_process';
import path from 'node:path';

// The layer rules (.dependency-cruiser.cjs) run in `npm run check`; this proves they bite: on a
// small tree where each file breaks one rule, every rule is reported, and the allowed imports are not.
const ROOT = path.resolve(__dirname, '..', '..', '..');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(ROOT, 'node_modules', '.bin', 'depcruise');
const FIXTURE = path.join(__dirname, 'fixture');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function cruise(cwd: string, dirs: string[]): Violation[] {
  const run = spawnSync(DEPCRUISE, ['--config', CONFIG, '--output-type', 'json', ...dirs], {
    cwd,
    encoding: 'utf8',
    // the whole repository's JSON report outgrows spawnSync's default 1 MiB buffer
    maxBuffer: 64 * 1024 * 1024,
  });
  if (!run.stdout) throw new Error(`depcruise printed nothing: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('dependency rules', () => {
  it('report each violation of the fixture tree, naming the rule and the import', () => {
    const found = cruise(FIXTURE, [
      'machines',
      'workflows',
      'api',
      'cli',
      'web',
      'scripts',
      'common',
      'observability',
    ])
      .map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)
      .sort();
    expect(found).toEqual([
      'cli-and-console-speak-http: cli/readsStore.ts → store/index.ts',
      'console-imports-contract-types-only: web/src/bundlesContract.ts → contract/index.ts',
      'machines-pure: machines/opensDb.ts → db/index.ts',
      'no-circular: common/cycleA.ts → common/cycleB.ts',
      'not-to-test: scripts/usesTest.ts → test/helper.ts',
      'observability-is-below: observability/readsApi.ts → api/storeIndex.ts',
      'store-through-its-index: api/storeInternals.ts → store/internal.ts',
      'workflows-activities-type-only: workflows/importsActivity.ts → activities/index.ts',
    ]);
  });

  it('allow what the layers permit: a type-only import of activities, the store through its index', () => {
    const found = cruise(FIXTURE, ['workflows/typesActivity.ts', 'api/storeIndex.ts']);
    expect(found).toEqual([]);
  });

  it('hold for the repository itself', () => {
    const found = cruise(ROOT, [
      'activities',
      'api',
      'calendarFeed',
      'cli',
      'client',
      'common',
      'config',
      'contract',
      'db',
      'documents',
      'machines',
      'notify',
      'observability',
      'scripts',
      'stack',
      'store',
      'test',
      'web',
      'worker',
      'workflows',
    ]);
    expect(found.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });
});
