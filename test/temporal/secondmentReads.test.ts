import type { Role } from '../../machines/secondment';
import type { CaseView } from '../../workflows/secondment/definitions';
import { actor, UNITS } from '../machines/v2/support/fixtures';
import { argsOf, stepFor } from './support/diligentParties';
import { nomineeAt } from './support/nominee';
import { useTimeSkippingWorld } from './support/timeSkippingWorld';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The API and the CLI read a case from the database (case_state, migration 003), not by Temporal
 * queries. Both must give the same answers: compared after every step of a case, escalations too.
 */
describe('reads from the database agree with the workflow queries', () => {
  const suite = useTimeSkippingWorld();

  const parties: [Role, string][] = [
    ['org_admin', UNITS.org],
    ['sending_officer', UNITS.sending],
    ['receiving_officer', UNITS.receiving],
    ['receiving_officer', UNITS.other],
    ['cadre', actor('cadre').unit],
    ['auditor', 'audit'],
  ];

  async function compare(caseId: string): Promise<CaseView> {
    const { cases, casesReadFromDb } = suite.world();
    // The database gets a transition when its activity commits; the workflow's own view counts it
    // when that activity returns. Compare once both have the same last transition.
    let queried = await cases.status(caseId);
    let stored = await casesReadFromDb.status(caseId);
    for (let i = 0; stored.lastSeq !== queried.lastSeq && i < 200; i++) {
      await sleep(25);
      [queried, stored] = await Promise.all([cases.status(caseId), casesReadFromDb.status(caseId)]);
    }
    expect(stored).toEqual(queried);
    for (const [role, unit] of parties) {
      expect(await casesReadFromDb.allowedEvents(caseId, role, unit)).toEqual(
        await cases.allowedEvents(caseId, role, unit),
      );
    }
    expect(await casesReadFromDb.auditTail(caseId, 20)).toEqual(await cases.auditTail(caseId, 20));
    return queried;
  }

  it('gives the same status, duties, allowed events and audit tail at every step', async () => {
    const { cases } = suite.world();
    const clock = suite.clock();
    const caseId = 'c-reads-agree';
    const nominated = await cases.nominate({ ...nomineeAt(await clock.now()), caseId });
    // nominate answers from the same pure first transition the workflow runs
    expect(await compare(caseId)).toEqual(nominated);
    expect(nominated.lastSeq).toBe(1);

    let steps = 0;
    let escalated = false;
    for (let round = 0; round < 60 && steps < 25; round++) {
      const view = await compare(caseId);
      const duty = view.openDuties.find((d) => stepFor(d, 'return', new Date().toISOString()));
      const step = duty && stepFor(duty, 'return', new Date().toISOString());
      if (!escalated && view.status === 'IN_SERVICE') {
        // Let a duty go overdue: the deadline's escalation is read back from the database too.
        const due = Math.min(...view.openDuties.map((d) => Date.parse(d.dueAt)));
        await clock.sleep(due - (await clock.now()) + 3 * 86_400_000);
        const after = await compare(caseId);
        expect(after.overdue).toBe(true);
        expect(after.openDuties.some((d) => d.escalations.length > 0)).toBe(true);
        escalated = true;
        continue;
      }
      if (!step) {
        await clock.sleep(30 * 86_400_000);
        continue;
      }
      await cases.send(caseId, step.type, argsOf(step)).catch(() => clock.sleep(86_400_000));
      steps += 1;
    }
    expect(escalated).toBe(true);
    expect(steps).toBeGreaterThanOrEqual(10);
  });
});
