// The lifecycle statechart. States are flat so the diagram reads like the practice; every edge
// has the same guard (`leadsTo`: the engine accepted the event and it lands in this state) and
// the same action (`apply`: assign the engine's context, emit its effects). Where an event may
// land in several states (a checklist item that completes the checklist, a consent that is
// refused) each outcome is its own guarded edge, so model-based tests can cover all of them.
import { enqueueActions, setup } from 'xstate';
import type { SecondmentContext } from './context';
import type { Effect, EffectOf } from './effects';
import { evaluate } from './engine';
import type { EventType, SecondmentEvent } from './events';
import { initialContext, initialEffects } from './initial';
import type { SecondmentInputDraft } from './input';
import { STATUS_STATE, type StateKey } from './status';

/** Bump when the context shape or state names change; add a migration in persistence.ts. */
export const MACHINE_VERSION = 1;

const noop = () => undefined;

/** A target state, or '=' for "stays where it is". */
type Outcome = StateKey | '=';
type EdgeMap = Partial<Record<EventType, readonly Outcome[]>>;

/** Steps of the term that keep running whatever extension/recall negotiation is going on. */
const SERVING_STEPS: EventType[] = [
  'service.quarterly.submit',
  'service.halfYear.report',
  'service.halfYear.assess',
  'service.contact.log',
  'service.firstHalfRecord.provide',
  'service.annual.assess',
  'service.leave.request',
  'service.leave.decide',
  'service.sendingTask.request',
  'service.sendingTask.decide',
  'service.post.rotate',
  'admin.deadline.extend',
  'admin.duty.waive',
  'admin.duty.reassign',
];
/** Reviews of the term that may still arrive late during the final assessment. */
const LATE_STEPS: EventType[] = [
  'service.quarterly.submit',
  'service.halfYear.report',
  'service.halfYear.assess',
  'service.contact.log',
  'service.firstHalfRecord.provide',
  'service.annual.assess',
  'service.leave.decide',
  'service.sendingTask.decide',
  'admin.deadline.extend',
  'admin.duty.waive',
  'admin.duty.reassign',
];
const stayOn = (types: EventType[]): EdgeMap => Object.fromEntries(types.map((t) => [t, ['=']]));

/** Where each event may lead from each state ('=' = stays). */
export const EDGES: Record<StateKey, EdgeMap> = {
  nominated: {
    'nomination.withdraw': ['withdrawn'],
    'approval.reject': ['rejected'],
    'approval.approve': ['posting'],
    ...stayOn(['admin.deadline.extend', 'admin.duty.reassign', 'deadline.reached']),
  },
  posting: {
    ...stayOn([
      'posting.post.arrange',
      'posting.election.record',
      'admin.deadline.extend',
      'admin.duty.reassign',
      'deadline.reached',
    ]),
    ...Object.fromEntries(
      (
        [
          'posting.appointment.file',
          'posting.unitedFront.acknowledge',
          'posting.party.transfer',
          'posting.introduction.send',
          'posting.mentor.name',
          'posting.duties.assign',
          'posting.arrival.confirm',
          'admin.duty.waive',
        ] as EventType[]
      ).map((t) => [t, ['=', 'service']]),
    ),
    'admin.case.hold': ['onHold'],
    'admin.case.force': ['withdrawn'],
  },
  service: {
    ...stayOn(SERVING_STEPS),
    'extension.request': ['extensionRequested'],
    'recall.request': ['recallRequested', 'recalled'],
    'promotion.decide': ['promoted'],
    'final.open': ['finalAssessment'],
    'admin.case.hold': ['onHold'],
    'admin.case.force': ['finalAssessment'],
    'deadline.reached': ['=', 'finalAssessment'],
  },
  extensionRequested: {
    ...stayOn(SERVING_STEPS),
    'extension.consent': ['extensionConsented', 'service'],
    'deadline.reached': ['=', 'finalAssessment'],
  },
  extensionConsented: {
    ...stayOn(SERVING_STEPS),
    'extension.decide': ['service'],
    'deadline.reached': ['=', 'finalAssessment'],
  },
  recallRequested: {
    ...stayOn(SERVING_STEPS),
    'recall.consent': ['recalled', 'service'],
    'deadline.reached': ['=', 'finalAssessment'],
  },
  onHold: {
    ...stayOn(['admin.deadline.extend', 'admin.duty.waive', 'admin.duty.reassign', 'deadline.reached']),
    'admin.case.resume': ['posting', 'service', 'finalAssessment', 'assessed', 'returning', 'tracking'],
  },
  finalAssessment: {
    ...stayOn([
      ...LATE_STEPS,
      'final.summary.submit',
      'final.appraisal.submit',
      'final.inspection.submit',
      'final.democratic.record',
      'deadline.reached',
    ]),
    'final.grade.decide': ['assessed'],
    'admin.case.hold': ['onHold'],
  },
  assessed: {
    ...stayOn([...LATE_STEPS, 'deadline.reached']),
    'return.start': ['returning'],
    'promotion.decide': ['promoted'],
    'admin.case.hold': ['onHold'],
  },
  returning: {
    ...stayOn(['admin.deadline.extend', 'admin.duty.reassign', 'deadline.reached']),
    'return.handover.complete': ['=', 'tracking'],
    'return.party.return': ['=', 'tracking'],
    'return.post.resume': ['=', 'tracking'],
    'admin.duty.waive': ['=', 'tracking'],
    'admin.case.hold': ['onHold'],
    'admin.case.force': ['tracking'],
  },
  tracking: {
    ...stayOn(['admin.deadline.extend', 'admin.duty.reassign', 'deadline.reached']),
    'tracking.review.submit': ['closedReturned'],
    'promotion.decide': ['promoted'],
    'admin.case.hold': ['onHold'],
    'admin.case.force': ['closedReturned'],
  },
  closedReturned: {},
  promoted: {},
  rejected: {},
  withdrawn: {},
  recalled: {},
};

const TERMINAL_STATES = new Set<StateKey>([
  'closedReturned',
  'promoted',
  'rejected',
  'withdrawn',
  'recalled',
]);

function stateConfig(key: StateKey) {
  if (TERMINAL_STATES.has(key)) return { type: 'final' as const };
  const on: Record<
    string,
    { guard: { type: 'leadsTo'; params: { state: StateKey } }; target?: StateKey; actions: 'apply' }[]
  > = {};
  for (const [type, outcomes] of Object.entries(EDGES[key]))
    on[type] = (outcomes ?? []).map((o) => {
      const to = o === '=' ? key : o;
      return to === key
        ? { guard: { type: 'leadsTo', params: { state: to } }, actions: 'apply' }
        : { guard: { type: 'leadsTo', params: { state: to } }, target: to, actions: 'apply' };
    });
  return { on };
}

type Params<T extends Effect['type']> = EffectOf<T>['params'];

export const secondmentMachine = setup({
  types: {
    context: {} as SecondmentContext,
    events: {} as SecondmentEvent,
    input: {} as SecondmentInputDraft,
  },
  actions: {
    // effect kinds: carried out by the host, never here
    notify: (_: unknown, _p: Params<'notify'>) => noop(),
    record: (_: unknown, _p: Params<'record'>) => noop(),
    personnelFile: (_: unknown, _p: Params<'personnelFile'>) => noop(),
    'deadline.set': (_: unknown, _p: Params<'deadline.set'>) => noop(),
    'deadline.clear': (_: unknown, _p: Params<'deadline.clear'>) => noop(),
    searchAttributes: (_: unknown, _p: Params<'searchAttributes'>) => noop(),
    init: enqueueActions(({ context, enqueue }) => {
      for (const fx of initialEffects(context)) enqueue(fx);
    }),
    apply: enqueueActions(({ context, event, enqueue }) => {
      const r = evaluate(context, event);
      if (!r.ok) return;
      enqueue.assign(() => r.next);
      for (const fx of r.effects) enqueue(fx);
    }),
  },
  guards: {
    leadsTo: ({ context, event }, params: { state: StateKey }) => {
      const r = evaluate(context, event);
      return r.ok && STATUS_STATE[r.next.status] === params.state;
    },
  },
}).createMachine({
  id: 'secondment',
  context: ({ input }) => initialContext(input),
  initial: 'nominated',
  entry: 'init',
  states: {
    nominated: stateConfig('nominated'),
    posting: stateConfig('posting'),
    service: stateConfig('service'),
    extensionRequested: stateConfig('extensionRequested'),
    extensionConsented: stateConfig('extensionConsented'),
    recallRequested: stateConfig('recallRequested'),
    onHold: stateConfig('onHold'),
    finalAssessment: stateConfig('finalAssessment'),
    assessed: stateConfig('assessed'),
    returning: stateConfig('returning'),
    tracking: stateConfig('tracking'),
    closedReturned: stateConfig('closedReturned'),
    promoted: stateConfig('promoted'),
    rejected: stateConfig('rejected'),
    withdrawn: stateConfig('withdrawn'),
    recalled: stateConfig('recalled'),
  },
});

export type SecondmentMachine = typeof secondmentMachine;
