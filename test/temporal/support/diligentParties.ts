import type { SecondmentClient } from '../../../client/secondmentClient';
import { SecondmentError } from '../../../client/secondmentClient';
import type { Duty, SecondmentEvent } from '../../../machines/secondment';
import type { CaseView, DutyView } from '../../../workflows/secondment/definitions';
import { P, event } from '../../machines/v2/support/fixtures';
import { finalItem, postingItem, submitPeriodic } from '../../machines/v2/support/generators';

export type Disposition = 'return' | 'promote';

/**
 * What a diligent party does about one open duty. The event's time is stamped by the client; `now`
 * dates what the party writes down (the arrival date: the term runs from it).
 */
export function stepFor(duty: DutyView, disposition: Disposition, now: string): SecondmentEvent | null {
  const at = now;
  const d = duty as unknown as Duty;
  if (duty.kind === 'final.disposition') {
    return disposition === 'return'
      ? event('return.start', {}, at)
      : event('promotion.decide', P.promotion, at);
  }
  // the workflow attaches the quota itself
  if (duty.kind === 'approval.decide') return event('approval.approve', {}, at);
  if (duty.kind === 'tracking.review')
    return event('tracking.review.submit', { summary: '跟踪培养情况良好' }, at);
  return submitPeriodic(d, at) ?? postingItem(d, at)[0] ?? finalItem(d, at)[0] ?? null;
}

/** The event without `type` and `at`: what an Update carries. */
export function argsOf(e: SecondmentEvent): Record<string, unknown> {
  const { type: _type, at: _at, ...rest } = e as SecondmentEvent & { facts?: unknown };
  delete rest.facts;
  return rest;
}

/**
 * Plays every party as someone who does each duty as soon as it is open, and lets (simulated)
 * time run to the next alarm when nobody can act. Stops when `until` holds or the case closes.
 */
export async function playDiligently(
  cases: SecondmentClient,
  caseId: string,
  clock: { sleep: (ms: number) => Promise<void>; now: () => Promise<number> },
  opts: { disposition: Disposition; until?: (v: CaseView) => boolean; maxRounds?: number },
): Promise<CaseView> {
  const refusals: string[] = [];
  let view: CaseView | undefined;
  for (let round = 0; round < (opts.maxRounds ?? 400); round++) {
    view = await cases.status(caseId);
    if (view.closed || opts.until?.(view)) return view;
    let acted = false;
    for (const duty of view.openDuties) {
      const step = stepFor(duty, opts.disposition, new Date(await clock.now()).toISOString());
      if (!step) continue;
      try {
        await cases.send(caseId, step.type, argsOf(step));
        acted = true;
        break; // the case changed: look again
      } catch (err) {
        if (!(err instanceof SecondmentError && err.code === 'EVENT_REFUSED')) throw err;
        refusals.push(`${step.type}: ${err.message}`);
      }
    }
    if (acted) continue;
    // planned duties open by their alarm: a diligent party waits for the first of any
    const alarms = [...view.openDuties, ...view.plannedDuties].flatMap((d) =>
      d.nextAlarmAt ? [Date.parse(d.nextAlarmAt)] : [],
    );
    // no alarm at all: the workflow is still working (a new case waits for its holiday tables)
    const nextAlarm = alarms.length > 0 ? Math.min(...alarms) : await clock.now();
    await clock.sleep(Math.max(1000, nextAlarm - (await clock.now()) + 1000));
  }
  throw new Error(
    `case ${caseId} did not finish within the round limit; status ${view?.status}, open duties ${view?.openDuties
      .map((d) => d.kind)
      .join(', ')}; last refusals:\n${refusals.slice(-5).join('\n')}`,
  );
}
