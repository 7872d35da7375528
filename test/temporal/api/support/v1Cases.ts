import { randomUUID } from 'node:crypto';
import type { Role } from '../../../../machines/secondment/v1';
import { DEMO_CADRE_ID } from '../../../../stack/demo/persons';
import { getCaseState, recordCaseParties } from '../../../../store';
import {
  caseWorkflowId,
  eventUpdate,
  SECONDMENT_WORKFLOW_TYPE,
  type UpdateEventType,
} from '../../../../workflows/secondment/definitions';
import { actor, nomination, P as P1 } from '../../../machines/v1/support/fixtures';
import type { ApiWorld } from './apiWorld';

/**
 * v1 cases as the host before version 2 made them: the v1 nomination started without a
 * machineVersion, worked with v1 events (v1 payloads) sent straight to the workflow. The demo
 * users of the API world see them (the v1 fixtures use the demo units).
 */
export async function startV1(api: ApiWorld): Promise<{ caseId: string; firstRunId: string }> {
  const caseId = `m${randomUUID().replaceAll('-', '').slice(0, 15)}`;
  const now = new Date();
  const year = now.getUTCFullYear();
  // 30 years old whenever the test runs (v1 checks the age from the birth date)
  // the cadre is the demo cadre account's person, so that account sees the case (a v1 case of
  // before the registry whose person was backfilled)
  const n = nomination({
    caseId,
    at: now.toISOString(),
    year,
    cadre: { id: DEMO_CADRE_ID, birthDate: `${year - 30}-03-14` },
  });
  await recordCaseParties(api.world.db, {
    caseId,
    orgUnit: n.orgUnit,
    unitedFrontUnit: n.unitedFrontUnit,
    sendingUnit: n.sendingUnit,
    requestedReceivingUnit: n.requestedReceivingUnit,
    cadreId: n.cadre.id,
    cpcMember: n.cadre.cpcMember,
    roundId: null,
    createdBy: 'sender',
  });
  const handle = await api.env.client.workflow.start(SECONDMENT_WORKFLOW_TYPE, {
    args: [{ nomination: n }],
    workflowId: caseWorkflowId(caseId),
    taskQueue: api.world.taskQueue,
  });
  await waitForSeq(api, caseId, 1);
  return { caseId, firstRunId: handle.firstExecutionRunId };
}

export async function v1Send(
  api: ApiWorld,
  caseId: string,
  type: UpdateEventType,
  payload: object,
  role: Role,
): Promise<void> {
  await api.env.client.workflow.getHandle(caseWorkflowId(caseId)).executeUpdate(eventUpdate(type), {
    args: [
      {
        ...payload,
        actor: role === 'cadre' ? { ...actor(role), id: DEMO_CADRE_ID } : actor(role),
        at: new Date().toISOString(),
      },
    ],
  });
}

export async function waitForSeq(api: ApiWorld, caseId: string, seq: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const state = await getCaseState(api.world.db, caseId);
    if (state && state.seq >= seq) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`case ${caseId} never reached seq ${seq}`);
}

/** A v1 case in service: approved, its posting checklist done, arrived today. */
export async function v1InService(api: ApiWorld): Promise<{ caseId: string; firstRunId: string }> {
  const c = await startV1(api);
  const send = (type: UpdateEventType, payload: object, role: Role) =>
    v1Send(api, c.caseId, type, payload, role);
  await send('approval.approve', P1.approve, 'org_admin');
  await send('posting.post.arrange', P1.arrange, 'receiving_officer');
  await send('posting.appointment.file', P1.appointment, 'receiving_officer');
  await send('posting.party.transfer', P1.party, 'cadre');
  await send('posting.introduction.send', P1.intro, 'sending_officer');
  await send('posting.mentor.name', P1.mentor, 'receiving_officer');
  await send('posting.duties.assign', P1.duties, 'receiving_officer');
  await send(
    'posting.arrival.confirm',
    P1.arrival(new Date().toISOString().slice(0, 10)),
    'receiving_officer',
  );
  return c;
}
