import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { freePort } from '../../harness/freePort';
import { ROOT } from '../../harness/paths';
import { harnessState } from '../../harness/state';
import { metricNames } from '../../harness/promText';
import { StackProcess } from '../support/stackProcess';

/**
 * The dashboard and the alert rules in ops/ are only useful if they name metrics that exist. The
 * stack (`npm start`'s process, JSON logs on by default) runs against the shared dev server with
 * an embedded database; its /metrics and the Temporal SDK's are scraped, and every metric named
 * in an alert expression or a dashboard query must be in those scrapes.
 */
jest.setTimeout(180_000);

const ALERTS = path.join(ROOT, 'ops', 'prometheus', 'alerts.yml');
const DASHBOARD = path.join(ROOT, 'ops', 'grafana', 'secondment.json');
/** Series Prometheus makes itself, not an exporter. */
const SYNTHETIC = new Set(['up']);

const alertRulesSchema = z.object({
  groups: z
    .array(
      z.object({
        name: z.string().min(1),
        rules: z
          .array(
            z
              .object({
                alert: z.string().regex(/^Secondment[A-Za-z]+$/),
                expr: z.string().min(1),
                for: z.string().regex(/^\d+[smhd]$/),
                labels: z.object({ severity: z.enum(['info', 'warning', 'critical']) }),
                annotations: z.object({ summary: z.string().min(1), description: z.string().optional() }),
              })
              .strict(),
          )
          .min(1),
      }),
    )
    .min(1),
});

const dashboardSchema = z.object({
  title: z.string().min(1),
  uid: z.string().min(1),
  schemaVersion: z.number().int(),
  panels: z.array(
    z.object({
      id: z.number().int(),
      type: z.string(),
      title: z.string().min(1),
      gridPos: z.object({ h: z.number(), w: z.number(), x: z.number(), y: z.number() }),
      targets: z.array(z.object({ refId: z.string(), expr: z.string().min(1) })).optional(),
    }),
  ),
});

const PROMQL_WORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
  'le',
  'Inf',
  'NaN',
]);

/** The metric names a PromQL expression reads (functions, label sets, ranges and keywords removed). */
export function metricsIn(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const m of stripped.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)) {
    const [, name, call] = m;
    if (!name || call || PROMQL_WORDS.has(name)) continue;
    names.add(name);
  }
  return [...names];
}

let stack: StackProcess;
let metricsUrl = '';
let sdkMetricsUrl = '';

beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'secondment-ops-'));
  const [apiPort, metricsPort, sdkPort] = [await freePort(), await freePort(), await freePort()];
  metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  sdkMetricsUrl = `http://127.0.0.1:${sdkPort}/metrics`;
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(TEMPORAL_|DATABASE_|SECONDMENT_|SMTP_|OTEL_|LOG_)/.test(k),
    ),
  );
  stack = new StackProcess({
    logFile: path.join(dir, 'stack.log'),
    env: {
      ...env,
      TEMPORAL_ADDRESS: harnessState().devServerAddress,
      TEMPORAL_TASK_QUEUE: `ops-${randomUUID()}`,
      SECONDMENT_DATA_DIR: path.join(dir, 'data'),
      SECONDMENT_API_PORT: String(apiPort),
      SECONDMENT_METRICS_PORT: String(metricsPort),
      TEMPORAL_SDK_METRICS_PORT: String(sdkPort),
      SECONDMENT_CONSOLE: 'false',
      // The demo users, not the demo round: its parties would keep acting (and mailing) throughout.
      SECONDMENT_DEMO_DATA: 'false',
    },
  });
  await stack.start();
});

afterAll(async () => {
  await stack?.stop();
});

async function scrapeNames(): Promise<Set<string>> {
  const names = new Set<string>();
  for (const url of [metricsUrl, sdkMetricsUrl]) {
    const res = await fetch(url);
    expect(res.status).toBe(200);
    for (const n of metricNames(await res.text())) names.add(n);
  }
  return names;
}

/** The SDK registers its series as the worker first uses them: polling starts at once. */
async function scrapeOnceWorkerPolls(): Promise<Set<string>> {
  for (let i = 0; ; i++) {
    const names = await scrapeNames();
    if (names.has('temporal_num_pollers') || i > 60) return names;
    await new Promise((r) => setTimeout(r, 500));
  }
}

test('every alert rule is well-formed and names only metrics a real scrape has', async () => {
  const rules = alertRulesSchema.parse(parseYaml(readFileSync(ALERTS, 'utf8')));
  const alerts = rules.groups.flatMap((g) => g.rules);
  // The four the issue asks for, at least.
  expect(alerts.map((a) => a.alert)).toEqual(
    expect.arrayContaining([
      'SecondmentStuckCasesRising',
      'SecondmentOutboxDeadLetters',
      'SecondmentTechnicalFailures',
      'SecondmentWorkerDown',
    ]),
  );
  const names = await scrapeOnceWorkerPolls();
  const missing = alerts.flatMap((a) =>
    metricsIn(a.expr)
      .filter((m) => !names.has(m) && !SYNTHETIC.has(m))
      .map((m) => `${a.alert}: ${m}`),
  );
  expect(missing).toEqual([]);
  expect(alerts.every((a) => metricsIn(a.expr).length > 0)).toBe(true);
});

test('the Grafana dashboard is valid JSON whose every query names existing metrics', async () => {
  const dashboard = dashboardSchema.parse(JSON.parse(readFileSync(DASHBOARD, 'utf8')));
  const ids = dashboard.panels.map((p) => p.id);
  expect(new Set(ids).size).toBe(ids.length);
  const queries = dashboard.panels
    .filter((p) => p.type !== 'row')
    .flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));
  expect(dashboard.panels.filter((p) => p.type !== 'row' && (p.targets ?? []).length === 0)).toEqual([]);
  const names = await scrapeOnceWorkerPolls();
  const missing = queries.flatMap((q) =>
    metricsIn(q.expr)
      .filter((m) => !names.has(m))
      .map((m) => `${q.panel}: ${m}`),
  );
  expect(missing).toEqual([]);
});

test('the stack logs structured JSON by default, the SDK’s lines included', () => {
  const json = stack.lines.filter((l) => l.startsWith('{'));
  const parsed = json.map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(parsed.length).toBeGreaterThan(3);
  for (const entry of parsed) {
    expect(typeof entry['level']).toBe('string');
    expect(typeof entry['time']).toBe('string');
    expect(entry['name']).toBe('secondment-stack');
  }
  expect(parsed.some((e) => e['component'] === 'temporal-sdk')).toBe(true);
  expect(parsed.some((e) => typeof e['msg'] === 'string' && /metrics listening/.test(e['msg']))).toBe(true);
});
