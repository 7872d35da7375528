import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { SecondmentError } from '../../client/secondmentClient';
import { fromPersisted, liveDuties } from '../../machines/secondment';
import { demoPolicy } from '../../machines/secondment';
import { startDevServer, type DevServer } from '../../stack/devServer';
import { caseWorkflowId, type CaseView, type DutyView } from '../../workflows/secondment/definitions';
import { connectTo, type DevServerClients } from '../harness/environments';
import { devServerOptionsIn } from '../harness/devServerOptions';
import { actor, nomination } from '../machines/v2/support/fixtures';
import { argsOf, stepFor } from './support/diligentParties';
import {
  closeEventOf,
  runChain,
  seqsAppliedIn,
  serverSuggestedContinueAsNew,
  timersOfFirstTask,
} from './support/runChain';
import { createSecondmentWorld, type SecondmentWorld } from './support/secondmentWorld';

/** Events after which the server suggests continue-as-new (its default is 4 Ki). */
const HISTORY_THRESHOLD = 40;
const SECOND = 1000;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// The demo escalation ladder, relative to a duty's due time.
const e = demoPolicy.escalation;
const ladderOffset: Record<string, number> = {
  reminder: -e.reminderBefore.amount * SECOND,
  overdue: e.overdueAfter.amount * SECOND,
  unitHead: e.unitHeadAfter.amount * SECOND,
  orgDept: e.orgDeptAfter.amount * SECOND,
  stuck: e.stuckAfter.amount * SECOND,
};

describe('continue-as-new suggested by the server (history threshold lowered)', () => {
  let server: DevServer;
  let dev: DevServerClients;
  let world: SecondmentWorld;
  beforeAll(async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'continue-as-new-'));
    server = await startDevServer(
      await devServerOptionsIn(dir, {
        extraArgs: ['--dynamic-config-value', `limit.historyCount.suggestContinueAsNew=${HISTORY_THRESHOLD}`],
      }),
    );
    dev = await connectTo(server.address, 'default');
    // No test hook: only the server's suggestion makes the workflow continue as new.
    world = await createSecondmentWorld(dev.nativeConnection, dev.client, 'default');
  });
  afterAll(async () => {
    await world?.close();
    await dev?.close();
    await server?.stop();
  });

  it('crosses several runs without losing a deadline, a timer or an audit entry', async () => {
    const { cases, reads } = world;
    const caseId = `c-can-${randomUUID().slice(0, 8)}`;
    const started = Date.now();
    const year = new Date(started).getUTCFullYear();
    const {
      caseId: _fixtureId,
      at: _at,
      ...request
    } = nomination({ year, policy: 'demo', termMonths: 24, cadre: { age: 28 } });
    await cases.nominate({ ...request, caseId, at: new Date(started).toISOString() });

    // Every view polled, in order: runs only grow, so consecutive views bracket each hand-over.
    const views: CaseView[] = [];
    const look = async (): Promise<CaseView> => {
      const v = await cases.status(caseId);
      views.push(v);
      return v;
    };
    /** Does one open duty (other than the held ones), as a diligent party would. */
    const actOnce = async (view: CaseView, hold: (d: DutyView) => boolean): Promise<boolean> => {
      for (const duty of view.openDuties) {
        if (hold(duty)) continue;
        const step = stepFor(duty, 'return', new Date().toISOString());
        if (!step) continue;
        try {
          views.push(await cases.send(caseId, step.type, argsOf(step)));
          return true;
        } catch (err) {
          if (!(err instanceof SecondmentError && err.code === 'EVENT_REFUSED')) throw err;
        }
      }
      return false;
    };
    const drive = async (
      until: (v: CaseView) => boolean,
      hold: (d: DutyView) => boolean,
      timeoutMs: number,
    ): Promise<CaseView> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const view = await look();
        if (until(view)) return view;
        if (view.closed) throw new Error(`case closed early as ${view.status}`);
        if (Date.now() > deadline) {
          throw new Error(`timed out in ${view.status}, run ${view.run}: ${JSON.stringify(view.openDuties)}`);
        }
        if (!(await actOnce(view, hold))) await sleep(200);
      }
    };

    // 1. Everybody is diligent except the mentor's naming (posting.mentor), which climbs the
    //    whole ladder to "stuck" while the other parties' transitions push the history over the
    //    threshold again and again.
    const isMentor = (d: DutyView) => d.kind === 'posting.mentor';
    const stuckView = await drive(
      (v) => v.openDuties.some((d) => isMentor(d) && d.stuck),
      isMentor,
      90 * SECOND,
    );
    const held = stuckView.openDuties.find(isMentor);
    if (!held) throw new Error('the mentor duty disappeared');
    expect(held.escalations.map((x) => x.step)).toEqual([
      'reminder',
      'overdue',
      'unitHead',
      'orgDept',
      'stuck',
    ]);
    expect(stuckView.nextDeadline).not.toBeNull();

    // 2. The organization department extends the stuck duty; the mentor is named at once.
    const until = new Date(Date.now() + 60 * SECOND).toISOString();
    const extended = await cases.send(caseId, 'admin.deadline.extend', {
      actor: actor('org_admin'),
      dutyId: held.id,
      until,
      reason: '导师人选需党委会研究，延长期限',
    });
    views.push(extended);
    const after = extended.openDuties.find((d) => d.id === held.id);
    expect(after).toMatchObject({ stuck: false });
    expect(Date.parse(after?.dueAt ?? '')).toBe(Date.parse(until));

    // 3. Diligent service until the first quarterly report is in, then a recall closes the case.
    const quarterlyIn = (v: CaseView) =>
      v.status === 'IN_SERVICE' && !v.openDuties.some((d) => d.key === 'service.quarterly/1');
    await drive(
      (v) => v.status === 'IN_SERVICE' && v.openDuties.some((d) => d.key === 'service.quarterly/1'),
      () => false,
      30 * SECOND,
    );
    await drive(quarterlyIn, () => false, 60 * SECOND);
    const recall = await cases.send(caseId, 'recall.request', {
      actor: actor('sending_officer'),
      ground: 'campaign',
      reference: '中组部关于抽调干部参加专项工作的通知',
      reason: '抽调参加专项工作',
    });
    views.push(recall);
    if (recall.status === 'RECALL_REQUESTED') {
      views.push(
        await cases.send(caseId, 'recall.consent', { actor: actor('receiving_officer'), consent: true }),
      );
    }
    // a recalled cadre still hands over and takes the party relation back before the case closes
    await drive(
      (v) => v.closed,
      () => false,
      60 * SECOND,
    );
    const final = await cases.result(caseId);
    expect(final).toMatchObject({ status: 'RECALLED', closed: true });
    views.push(final);

    // The execution chain: several runs, every hand-over suggested by the server.
    const runs = await runChain(dev.client, caseWorkflowId(caseId));
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(final.run).toBe(runs.length);
    runs.forEach((run, i) => {
      expect(run.input.continueAsNewAfter).toBeUndefined();
      expect(run.input.carried?.run ?? 1).toBe(i + 1);
      expect(closeEventOf(run)).toBe(i < runs.length - 1 ? 'continuedAsNew' : 'completed');
      if (i < runs.length - 1) expect(serverSuggestedContinueAsNew(run)).toBe(true);
    });

    // Each new run re-arms, in its first workflow task, one timer per carried alarm, for the
    // very moment the carried snapshot names (or at once, if that moment has already passed).
    for (const run of runs.slice(1)) {
      const carried = run.input.carried;
      if (!carried) throw new Error(`run ${run.runId} carried nothing`);
      const snapshot = fromPersisted(carried.persisted);
      // v2 arms planned duties too: their alarm is the moment their window opens
      const alarms = liveDuties(snapshot)
        .flatMap((d) => (d.nextAlarmAt ? [Math.max(Date.parse(d.nextAlarmAt), run.startedAt)] : []))
        .sort((a, b) => a - b);
      const timers = timersOfFirstTask(run).sort((a, b) => a - b);
      expect(timers).toHaveLength(alarms.length);
      timers.forEach((t, i) => expect(Math.abs(t - (alarms[i] ?? 0))).toBeLessThan(1500));
    }

    // Seen from outside (every view polled or returned by an Update, in order): across every
    // hand-over, a duty open on both sides kept its due time.
    let handOvers = 0;
    for (let i = 1; i < views.length; i++) {
      const [before, afterCan] = [views[i - 1], views[i]];
      if (!before || !afterCan || afterCan.run === before.run) continue;
      handOvers += 1;
      for (const d of afterCan.openDuties) {
        const earlier = before.openDuties.find((x) => x.id === d.id);
        if (earlier) expect(d.dueAt).toBe(earlier.dueAt);
      }
    }
    expect(handOvers).toBeGreaterThanOrEqual(2);

    // The audit trail: seqs exactly 1..N, chain intact, N the case's last seq; every seq was
    // applied by exactly one run.
    const trail = await reads.getAuditTrail(caseId);
    expect(trail.map((x) => x.seq)).toEqual(trail.map((_, i) => i + 1));
    expect(trail.length).toBe(final.lastSeq);
    expect(await reads.verifyChain(caseId)).toMatchObject({ ok: true });
    const runOfSeq = new Map<number, number>();
    runs.forEach((run, i) => {
      for (const seq of seqsAppliedIn(run)) {
        expect(runOfSeq.has(seq)).toBe(false);
        runOfSeq.set(seq, i + 1);
      }
    });
    expect([...runOfSeq.keys()].sort((a, b) => a - b)).toEqual(trail.map((x) => x.seq));
    expect(final.lastSeq).toBe(trail.at(-1)?.seq);

    // The held duty's ladder: each step fired no earlier than its moment (and promptly), and
    // the ladder itself crossed a continue-as-new: its timers kept firing in later runs.
    const ladder = trail.filter((x) => x.eventType === 'deadline.reached' && x.payload.dutyId === held.id);
    expect(ladder).toHaveLength(5);
    held.escalations.forEach((step, i) => {
      const due = Date.parse(held.dueAt) + (ladderOffset[step.step] ?? NaN);
      const entry = ladder[i];
      expect(entry).toBeDefined();
      expect(Date.parse(entry?.at ?? '')).toBeGreaterThanOrEqual(due);
      expect(Date.parse(entry?.at ?? '')).toBeLessThan(due + 5 * SECOND);
      expect(step.at).toBe(entry?.at);
    });
    const ladderRuns = new Set(ladder.map((x) => runOfSeq.get(x.seq)));
    expect(ladderRuns.size).toBeGreaterThanOrEqual(2);
    const openedIn = runOfSeq.get(trail.find((x) => x.eventType === 'approval.approve')?.seq ?? -1);
    expect(Math.max(...[...ladderRuns].map(Number))).toBeGreaterThan(openedIn ?? Infinity);

    console.log(
      `continue-as-new: ${runs.length} runs, ${trail.length} audit entries, events per run ${runs
        .map((r) => r.events.length)
        .join('/')}, ${Math.round((Date.now() - started) / SECOND)} s`,
    );
  });
});
