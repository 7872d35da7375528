import { bundleWorkflowCode, ReplayError, Worker, type ReplayResult } from '@temporalio/worker';
import type { BundleOptions, WorkflowBundle } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { Resource } from '@opentelemetry/resources';
import { makeWorkflowExporter } from '@temporalio/interceptors-opentelemetry';
import { quietRuntime, sharedWorkflowBundle, tracedWorkflowBundle } from '../harness/environments';
import { historyFiles, loadHistories } from './support/histories';
import { isEncrypted } from '../../codec';
import { decryptHistory, testDataConverter } from '../harness/codec';
import { payloadsOf } from './support/rawHistory';

/** Same rule as worker/createWorker.ts: chinese-days' ES build needs auto-detected parsing. */
const webpackConfigHook: NonNullable<BundleOptions['webpackConfigHook']> = (config) => {
  config.module ??= {};
  config.module.rules ??= [];
  config.module.rules.push({ test: /chinese-days[\\/]dist[\\/].*\.js$/, type: 'javascript/auto' });
  return config;
};
const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} };

async function replayAll(
  workflowBundle: WorkflowBundle | { codePath: string },
  sinks?: Parameters<typeof Worker.runReplayHistories>[0]['sinks'],
): Promise<ReplayResult[]> {
  const results: ReplayResult[] = [];
  for await (const result of Worker.runReplayHistories(
    { workflowBundle, dataConverter: testDataConverter, ...(sinks ? { sinks } : {}) },
    loadHistories(),
  )) {
    results.push(result);
  }
  return results;
}

describe('replay of recorded histories (test/histories, written by test/harness/recordHistories.ts and recordRoundHistories.ts)', () => {
  beforeAll(() => quietRuntime());

  it('covers the representative cases of both machine versions, including runs handed over by continue-as-new', async () => {
    const files = historyFiles();
    const common = [
      'lifecycle-return.json',
      'stuck-extended-rejected.json',
      'lifecycle-promote-continued.run1.json',
      'lifecycle-promote-continued.run2.json',
      'server-suggested-continued.run1.json',
      'server-suggested-continued.run2.json',
    ];
    expect(files).toEqual(
      expect.arrayContaining([
        ...common.map((f) => `v1/${f}`),
        ...common.map((f) => `v2/${f}`),
        // a v1 case migrated by admin.case.migrate into a v2 run; a re-plan for a loaded year
        'v2/migrated-from-v1.run1.json',
        'v2/migrated-from-v1.run2.json',
        'v2/calendar-replan.json',
        // test/harness/recordRoundHistories.ts: a round through its launch (the round workflow's
        // own history), and two of its cases on v2: one approved within the stored allocation,
        // one its allocation refused
        'round-launched.json',
        'v2/round-case-approved.json',
        'v2/round-case-over-quota.json',
      ]),
    );
    // recorded through the payload codec (v1/ predates it and is frozen): readable here with the test key
    const stored = loadHistories();
    const plain = stored
      .filter((h) => !h.workflowId.startsWith('v1/'))
      .flatMap((h) =>
        payloadsOf(h.history.events).map((p) => ({ id: h.workflowId, encrypted: isEncrypted(p) })),
      )
      .filter((p) => !p.encrypted);
    expect(plain).toEqual([]);
    const histories = await Promise.all(
      stored.map(async (h) => ({ ...h, history: await decryptHistory(h.history) })),
    );
    const started = (h: (typeof histories)[number]) =>
      h.history.events?.[0]?.workflowExecutionStartedEventAttributes;
    // some runs start from a nomination, others from state carried over by continue-as-new
    expect(histories.some((h) => started(h)?.continuedExecutionRunId)).toBe(true);
    expect(histories.some((h) => !started(h)?.continuedExecutionRunId)).toBe(true);
    // which machine each run hosts, from its own input (absent = 1)
    const versionOf = (h: (typeof histories)[number]): number => {
      const raw = started(h)?.input?.payloads?.[0]?.data;
      const input = JSON.parse(raw ? Buffer.from(raw).toString('utf8') : '{}') as {
        machineVersion?: number;
        carried?: { persisted: { machineVersion: number } };
      };
      return input.carried?.persisted.machineVersion ?? input.machineVersion ?? 1;
    };
    const cases = histories.filter((h) => started(h)?.workflowType?.name === 'secondmentWorkflow');
    expect(histories.length - cases.length).toBeGreaterThanOrEqual(1); // the round's own
    for (const h of cases) {
      const expected = h.workflowId.startsWith('v1/') || h.workflowId === 'v2/migrated-from-v1.run1' ? 1 : 2;
      expect([h.workflowId, versionOf(h)]).toEqual([h.workflowId, expected]);
    }
  });

  it('replays every recorded history against the current workflow code without error', async () => {
    const t0 = Date.now();
    const results = await replayAll(sharedWorkflowBundle());
    const elapsed = Date.now() - t0;

    expect(results.map((r) => ({ id: r.workflowId, error: r.error?.message ?? null }))).toEqual(
      historyFiles().map((f) => ({ id: f.replace(/\.json$/, ''), error: null })),
    );
    console.log(`replayed ${results.length} histories in ${elapsed} ms`);
  });

  it('replays them just as well with the tracing interceptors in the bundle (tracing switched on)', async () => {
    const spans = new InMemorySpanExporter();
    const results = await replayAll(tracedWorkflowBundle(), {
      exporter: makeWorkflowExporter(spans, new Resource({ 'service.name': 'replay' })),
    });
    expect(results.map((r) => ({ id: r.workflowId, error: r.error?.message ?? null }))).toEqual(
      historyFiles().map((f) => ({ id: f.replace(/\.json$/, ''), error: null })),
    );
    // Sinks are not called on replay: a replaying worker exports no duplicate spans.
    expect(spans.getFinishedSpans()).toEqual([]);
  });

  it('fails every history when the workflow code changes non-deterministically', async () => {
    const changed = await bundleWorkflowCode({
      workflowsPath: require.resolve('./support/nondeterministic/workflows'),
      webpackConfigHook,
      logger: silent,
    });
    const results = await replayAll(changed);

    expect(results).toHaveLength(historyFiles().length);
    for (const r of results) {
      expect(r.error).toBeDefined();
      expect(r.error instanceof DeterminismViolationError || r.error instanceof ReplayError).toBe(true);
      expect(r.error?.message).toMatch(/nondetermin/i);
    }
  });
});
