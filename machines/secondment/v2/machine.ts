// The lifecycle statechart (version 2). Phases are compound states; service runs its parallel
// regions (term, negotiation, periodic reviews, attendance, the sending unit's conduct); admin and
// deadline events are handled once at the root; a hold keeps a deep history so resume returns to
// exactly where the case was. Every edge is guarded by named rules (guards.ts) and runs named
// actions (actions/); the status code is derived from the state value (status.ts).
import { and, enqueueActions, setup } from 'xstate';
import { ACTIONS, type ActionName } from './actions';
import type { SecondmentContext } from './context';
import { Draft } from './draft';
import type { Effect } from './effects';
import { HOST_FACT_EVENTS, type EventType, type HostFactsType, type SecondmentEvent } from './events';
import { GUARDS, type GuardName } from './guards';
import { initialContext } from './initial';
import type { SecondmentInputDraft } from './input';
import { normalize } from './time';
import { kindLabels } from './vocabulary';

/** Bump when the context shape or state names change; add a migration in persistence.ts. */
export const MACHINE_VERSION = 2;

export type GuardRef = GuardName | { type: GuardName; params: Record<string, string> };
type ActionRef = ActionName | { type: ActionName; params: Record<string, string> };

/** Rules that read the host's facts. */
const FACT_RULES: readonly string[] = ['withinQuota', 'calendarNewer'];

/** The guards every edge starts with, in the order a refusal is explained. */
export const BASE_GUARDS = ['wellFormed', 'inOrder', 'permitted'] as const;

/**
 * An edge for one event: the base guards, the host's facts where the event needs them, then the
 * rules; its actions, then the audit stamp. `meta.rules` is what the diagram prints.
 */
function edge(type: EventType, rules: GuardRef[], actions: ActionRef[], target?: string | string[]) {
  // the host's facts are asked for just before the first rule that reads them: an ineligible
  // nominee is told so, not that the quota is unknown
  const named = rules.map((r) => (typeof r === 'string' ? r : r.type));
  const at = named.findIndex((n) => FACT_RULES.includes(n));
  const guards: GuardRef[] = HOST_FACT_EVENTS.includes(type as HostFactsType)
    ? [...rules.slice(0, at < 0 ? rules.length : at), 'hasFacts', ...rules.slice(at < 0 ? rules.length : at)]
    : rules;
  return {
    guard: and([...BASE_GUARDS, ...guards] as never),
    actions: [...actions, 'stamp'],
    ...(target ? { target } : {}),
    meta: { rules },
  };
}
const when = (guard: GuardName, target: string, actions: ActionRef[] = []) => ({ guard, target, actions });

const ID = '#secondment';
const SERVING = `${ID}.active.serving`;
const FINAL = `${ID}.active.concluding.finalAssessment`;
const force = (from: string, to: string): GuardRef[] => [
  { type: 'forceTo', params: { to } },
  { type: 'forceAllowed', params: { from, to } },
];

/** Periodic reviews: during the term, and late ones during the final assessment. */
const reviews = () => ({
  'service.quarterly.submit': edge(
    'service.quarterly.submit',
    ['periodOwed', 'withinReportWindow'],
    ['submitQuarterly'],
  ),
  'service.halfYear.report': edge(
    'service.halfYear.report',
    ['periodOwed', 'withinReportWindow'],
    ['submitHalfYearReport'],
  ),
  'service.halfYear.assess': edge(
    'service.halfYear.assess',
    ['periodOwed', 'withinReportWindow', 'gradeMatchesScore'],
    ['assessHalfYear'],
  ),
  'service.contact.log': edge('service.contact.log', ['periodOwed', 'withinReportWindow'], ['logContact']),
  'service.firstHalfRecord.provide': edge(
    'service.firstHalfRecord.provide',
    ['priorRecordOwed'],
    ['providePriorRecord'],
  ),
  'service.annual.assess': edge(
    'service.annual.assess',
    ['periodOwed', 'withinReportWindow', 'priorRecordProvided', 'gradeMatchesScore', 'guidanceFollowed'],
    ['assessYear'],
  ),
});

const nowOf = (c: SecondmentContext, e: object): string => {
  const at = (e as { at?: unknown }).at;
  return typeof at === 'string' ? normalize(at) : c.lastAt;
};

const noop = () => undefined;
type Params<T extends Effect['type']> = Extract<Effect, { type: T }>['params'];

const namedActions = Object.fromEntries(
  (Object.keys(ACTIONS) as ActionName[]).map((name) => [
    name,
    enqueueActions<SecondmentContext, SecondmentEvent, Record<string, string> | undefined, SecondmentEvent>(
      ({ context, event, enqueue }, params) => {
        const d = new Draft(context, nowOf(context, event));
        ACTIONS[name](d, event, params);
        if (d.c !== context) enqueue.assign(d.c as never);
        for (const fx of d.effects) enqueue(fx as never);
      },
    ),
  ]),
) as Record<
  ActionName,
  ReturnType<
    typeof enqueueActions<
      SecondmentContext,
      SecondmentEvent,
      Record<string, string> | undefined,
      SecondmentEvent
    >
  >
>;

const namedGuards = Object.fromEntries(
  (Object.keys(GUARDS) as GuardName[]).map((name) => [
    name,
    (
      { context, event }: { context: SecondmentContext; event: SecondmentEvent },
      params?: Record<string, string>,
    ) => GUARDS[name].test(context, event, params),
  ]),
) as Record<
  GuardName,
  (a: { context: SecondmentContext; event: SecondmentEvent }, p?: Record<string, string>) => boolean
>;

const chart = {
  id: 'secondment',
  initial: 'nominated',
  entry: ['announceNomination'],
  on: {
    'admin.deadline.extend': edge(
      'admin.deadline.extend',
      ['dutyExtendable', 'laterDeadline'],
      ['extendDeadline'],
    ),
    'admin.duty.reassign': edge('admin.duty.reassign', ['dutyReassignable'], ['reassignDuty']),
    'admin.duty.waive': edge('admin.duty.waive', ['dutyWaivable'], ['waiveDuty']),
    'deadline.reached': edge('deadline.reached', ['alarmDue'], ['takeAlarm']),
    'calendar.update': edge('calendar.update', ['yearOfCase', 'calendarNewer'], ['replanCalendar']),
  },
  states: {
    nominated: {
      on: {
        'nomination.withdraw': edge('nomination.withdraw', [], ['withdraw'], `${ID}.withdrawn`),
        'approval.reject': edge('approval.reject', [], ['reject'], `${ID}.rejected`),
        'approval.approve': edge(
          'approval.approve',
          ['eligible', 'differentUnits', 'withinQuota'],
          ['approve', 'openPostingChecklist'],
          `${ID}.active.posting`,
        ),
      },
    },
    active: {
      initial: 'posting',
      on: {
        'admin.case.hold': edge('admin.case.hold', [], ['hold'], `${ID}.onHold`),
        'service.breach.respond': edge(
          'service.breach.respond',
          ['hasOpenBreach', 'breachAwaitsResponse'],
          ['respondBreach'],
        ),
        'service.breach.resolve': edge(
          'service.breach.resolve',
          ['hasUnresolvedBreach', 'breachUnresolved'],
          ['resolveBreach'],
        ),
        'service.leave.return': edge(
          'service.leave.return',
          ['hasLeaveToReturn', 'leaveOutstanding', 'returnDateValid'],
          ['endLeave'],
        ),
      },
      states: {
        posting: {
          always: when('postingComplete', SERVING, ['startTerm']),
          on: {
            'posting.post.arrange': [
              edge(
                'posting.post.arrange',
                ['postOwed', 'postLevelExplained', 'electionRequired'],
                ['arrangePost', 'awaitElection'],
              ),
              edge(
                'posting.post.arrange',
                ['postOwed', 'postLevelExplained'],
                ['arrangePost', 'awaitAppointment'],
              ),
            ],
            'posting.election.record': [
              edge(
                'posting.election.record',
                ['electionOwed', 'votesAddUp', 'electionWon'],
                ['recordElection', 'awaitAppointment'],
              ),
              edge(
                'posting.election.record',
                ['electionOwed', 'votesAddUp'],
                ['recordElection', 'reopenPost'],
              ),
            ],
            'posting.appointment.file': [
              edge(
                'posting.appointment.file',
                ['appointmentOwed', 'nonCpcCadre'],
                ['fileAppointment', 'sendUnitedFrontCopy'],
              ),
              edge('posting.appointment.file', ['appointmentOwed'], ['fileAppointment']),
            ],
            'posting.unitedFront.acknowledge': edge(
              'posting.unitedFront.acknowledge',
              ['copyOwed'],
              ['acknowledgeCopy'],
            ),
            'posting.party.transfer': edge(
              'posting.party.transfer',
              ['cpcCadre', 'partyTransferOwed'],
              ['transferParty'],
            ),
            'posting.introduction.send': edge(
              'posting.introduction.send',
              ['introductionOwed'],
              ['sendIntroduction'],
            ),
            'posting.mentor.name': edge('posting.mentor.name', ['mentorOwed'], ['nameMentor']),
            'posting.duties.assign': edge(
              'posting.duties.assign',
              ['dutiesOwed', 'concreteDuties'],
              ['assignDuties'],
            ),
            'posting.arrival.confirm': edge(
              'posting.arrival.confirm',
              ['arrivalOwed', 'fullTime', 'arrivalDateValid'],
              ['confirmArrival'],
            ),
            'admin.case.force': edge(
              'admin.case.force',
              force('POSTING', 'WITHDRAWN'),
              ['noteForce'],
              `${ID}.withdrawn`,
            ),
          },
        },
        serving: {
          type: 'parallel',
          on: {
            'deadline.reached': edge(
              'deadline.reached',
              ['termEndDue'],
              ['endTerm', 'openFinalAssessment'],
              FINAL,
            ),
            'final.open': edge(
              'final.open',
              ['noPendingNegotiation', 'finalWindowOpen'],
              ['endTerm', 'openFinalAssessment'],
              FINAL,
            ),
            'promotion.decide': edge(
              'promotion.decide',
              [],
              [{ type: 'promote', params: { phase: 'IN_SERVICE' } }, 'startReturn'],
              `${ID}.active.returning.afterPromotion`,
            ),
            'service.post.rotate': edge('service.post.rotate', ['rotationAllowed'], ['rotate']),
            'service.sendingTask.request': edge('service.sendingTask.request', [], ['requestSendingTask']),
            'service.sendingTask.decide': edge(
              'service.sendingTask.decide',
              ['hasPendingTask', 'taskPending'],
              ['decideSendingTask'],
            ),
          },
          states: {
            term: {
              initial: 'regular',
              states: {
                regular: {
                  on: {
                    'admin.case.force': edge(
                      'admin.case.force',
                      [...force('IN_SERVICE', 'FINAL_ASSESSMENT'), 'noPendingNegotiation'],
                      ['noteForce', 'endTerm', 'openFinalAssessment'],
                      FINAL,
                    ),
                  },
                },
                extended: {
                  on: {
                    'admin.case.force': edge(
                      'admin.case.force',
                      [...force('EXTENDED', 'FINAL_ASSESSMENT'), 'noPendingNegotiation'],
                      ['noteForce', 'endTerm', 'openFinalAssessment'],
                      FINAL,
                    ),
                  },
                },
              },
            },
            negotiation: {
              initial: 'idle',
              states: {
                idle: {
                  on: {
                    'extension.request': edge(
                      'extension.request',
                      ['withinExtensionLimit', 'extensionAskedInTime'],
                      ['requestExtension'],
                      `${SERVING}.negotiation.extensionRequested`,
                    ),
                    'recall.request': [
                      edge(
                        'recall.request',
                        ['recallForPromotion', 'recallDocumented', 'promotionDetailsGiven'],
                        ['recallForPromotion', 'startReturn'],
                        `${ID}.active.returning.afterPromotion`,
                      ),
                      edge(
                        'recall.request',
                        ['recallForCampaign', 'recallDocumented'],
                        ['recallForCampaign', 'startReturn'],
                        `${ID}.active.returning.afterRecall`,
                      ),
                      edge(
                        'recall.request',
                        ['recallOnOtherGround'],
                        ['requestRecall'],
                        `${SERVING}.negotiation.recallRequested`,
                      ),
                    ],
                  },
                },
                extensionRequested: {
                  on: {
                    'extension.consent': [
                      edge(
                        'extension.consent',
                        ['consentGiven'],
                        ['consentExtension'],
                        `${SERVING}.negotiation.extensionConsented`,
                      ),
                      edge('extension.consent', [], ['refuseExtension'], `${SERVING}.negotiation.idle`),
                    ],
                  },
                },
                extensionConsented: {
                  on: {
                    'extension.decide': [
                      edge(
                        'extension.decide',
                        ['extensionApproved'],
                        ['extendTerm'],
                        [`${SERVING}.negotiation.idle`, `${SERVING}.term.extended`],
                      ),
                      edge('extension.decide', [], ['declineExtension'], `${SERVING}.negotiation.idle`),
                    ],
                  },
                },
                recallRequested: {
                  on: {
                    'recall.consent': [
                      edge(
                        'recall.consent',
                        ['consentGiven'],
                        ['recallConsented', 'startReturn'],
                        `${ID}.active.returning.afterRecall`,
                      ),
                      edge('recall.consent', [], ['refuseRecall'], `${SERVING}.negotiation.idle`),
                    ],
                  },
                },
              },
            },
            reviews: { initial: 'running', states: { running: { on: reviews() } } },
            attendance: {
              initial: 'present',
              on: {
                'service.leave.request': edge(
                  'service.leave.request',
                  ['noOpenLeave', 'leaveDatesValid', 'leaveInTerm'],
                  ['requestLeave'],
                ),
              },
              states: {
                present: {
                  on: {
                    'service.leave.decide': [
                      edge(
                        'service.leave.decide',
                        ['hasPendingLeave', 'leavePending', 'leaveApproved'],
                        ['grantLeave'],
                        `${SERVING}.attendance.onLeave`,
                      ),
                      edge('service.leave.decide', ['hasPendingLeave', 'leavePending'], ['denyLeave']),
                    ],
                  },
                },
                onLeave: {
                  on: {
                    'service.leave.return': edge(
                      'service.leave.return',
                      ['hasLeaveToReturn', 'leaveOutstanding', 'returnDateValid'],
                      ['endLeave'],
                      `${SERVING}.attendance.present`,
                    ),
                  },
                },
              },
            },
            conduct: {
              initial: 'compliant',
              states: {
                compliant: {
                  on: {
                    'service.breach.report': edge(
                      'service.breach.report',
                      [],
                      ['reportBreach'],
                      `${SERVING}.conduct.breachOpen`,
                    ),
                  },
                },
                breachOpen: {
                  always: when('noOpenBreach', `${SERVING}.conduct.compliant`),
                  on: { 'service.breach.report': edge('service.breach.report', [], ['reportBreach']) },
                },
              },
            },
          },
        },
        concluding: {
          initial: 'finalAssessment',
          on: {
            ...reviews(),
            'service.leave.decide': [
              edge(
                'service.leave.decide',
                ['hasPendingLeave', 'leavePending', 'leaveApproved'],
                ['grantLeave'],
              ),
              edge('service.leave.decide', ['hasPendingLeave', 'leavePending'], ['denyLeave']),
            ],
            'service.sendingTask.decide': edge(
              'service.sendingTask.decide',
              ['hasPendingTask', 'taskPending'],
              ['decideSendingTask'],
            ),
          },
          states: {
            finalAssessment: {
              on: {
                'final.summary.submit': edge('final.summary.submit', ['summaryOwed'], ['submitSummary']),
                'final.appraisal.submit': edge(
                  'final.appraisal.submit',
                  ['appraisalOwed'],
                  ['submitAppraisal'],
                ),
                'final.inspection.submit': edge(
                  'final.inspection.submit',
                  ['inspectionOwed'],
                  ['submitInspection'],
                ),
                'final.democratic.record': edge(
                  'final.democratic.record',
                  ['democraticOwed', 'votesCast'],
                  ['recordDemocratic'],
                ),
                'final.grade.decide': edge(
                  'final.grade.decide',
                  ['finalInputsComplete'],
                  ['grade'],
                  `${ID}.active.concluding.assessed`,
                ),
              },
            },
            assessed: {
              on: {
                'return.start': edge('return.start', [], ['startReturn'], `${ID}.active.returning.afterTerm`),
                'promotion.decide': edge(
                  'promotion.decide',
                  [],
                  [{ type: 'promote', params: { phase: 'ASSESSED' } }, 'startReturn'],
                  `${ID}.active.returning.afterPromotion`,
                ),
              },
            },
          },
        },
        returning: {
          initial: 'afterTerm',
          on: {
            'return.handover.complete': edge(
              'return.handover.complete',
              ['handoverOwed'],
              ['completeHandover'],
            ),
            'return.party.return': edge('return.party.return', ['partyReturnOwed'], ['returnParty']),
            'return.post.resume': edge('return.post.resume', ['postResumeOwed'], ['resumePost']),
          },
          states: {
            afterTerm: {
              always: when('returnComplete', `${ID}.active.tracking`, ['startTracking']),
              on: {
                'admin.case.force': edge(
                  'admin.case.force',
                  force('RETURNING', 'TRACKING'),
                  ['noteForce', 'skipReturn', 'startTracking'],
                  `${ID}.active.tracking`,
                ),
              },
            },
            afterPromotion: {
              always: when('returnComplete', `${ID}.promoted`),
              on: {
                'admin.case.force': edge(
                  'admin.case.force',
                  force('RETURNING', 'CLOSED_PROMOTED'),
                  ['noteForce'],
                  `${ID}.promoted`,
                ),
              },
            },
            afterRecall: {
              always: when('returnComplete', `${ID}.recalled`),
              on: {
                'admin.case.force': edge(
                  'admin.case.force',
                  force('RETURNING', 'RECALLED'),
                  ['noteForce'],
                  `${ID}.recalled`,
                ),
              },
            },
          },
        },
        tracking: {
          on: {
            'tracking.review.submit': edge(
              'tracking.review.submit',
              ['trackingPeriodOver'],
              ['closeTracking'],
              `${ID}.closedReturned`,
            ),
            'promotion.decide': edge(
              'promotion.decide',
              [],
              [{ type: 'promote', params: { phase: 'TRACKING' } }],
              `${ID}.promoted`,
            ),
            'admin.case.force': edge(
              'admin.case.force',
              force('TRACKING', 'CLOSED_RETURNED'),
              ['noteForce'],
              `${ID}.closedReturned`,
            ),
          },
        },
        hist: { type: 'history', history: 'deep' },
      },
    },
    onHold: {
      on: { 'admin.case.resume': edge('admin.case.resume', [], ['resume'], `${ID}.active.hist`) },
    },
    closedReturned: { type: 'final', entry: [{ type: 'closeCase', params: { status: 'CLOSED_RETURNED' } }] },
    promoted: { type: 'final', entry: [{ type: 'closeCase', params: { status: 'CLOSED_PROMOTED' } }] },
    rejected: { type: 'final', entry: [{ type: 'closeCase', params: { status: 'REJECTED' } }] },
    withdrawn: { type: 'final', entry: [{ type: 'closeCase', params: { status: 'WITHDRAWN' } }] },
    recalled: { type: 'final', entry: [{ type: 'closeCase', params: { status: 'RECALLED' } }] },
  },
} as const;

export const secondmentMachine = setup({
  types: {
    context: {} as SecondmentContext,
    events: {} as SecondmentEvent,
    input: {} as SecondmentInputDraft,
  },
  actions: {
    // typed by ACTIONS themselves; xstate's per-action generics cannot follow a mapped record
    ...(namedActions as unknown as Record<ActionName, never>),
    announceNomination: enqueueActions(({ context, enqueue }) => {
      const d = new Draft(context, context.nominatedAt);
      d.notifyRoles(['org_admin'], 'case.nominated', {
        kind: kindLabels[context.kind].zh,
        dueAt: context.duties[0]?.dueAt ?? null,
      });
      for (const fx of d.effects) enqueue(fx as never);
    }),
    // effect kinds: carried out by the host, never here
    notify: (_: unknown, _p: Params<'notify'>) => noop(),
    personnelFile: (_: unknown, _p: Params<'personnelFile'>) => noop(),
  },
  guards: namedGuards,
}).createMachine({
  ...(chart as unknown as Record<string, never>),
  context: ({ input }) => initialContext(input),
});

export type SecondmentMachine = typeof secondmentMachine;
export { chart as CHART };
