// The demo's parties: every few seconds they do the open duties of the demo round's cases — the
// receiving units arrange posts, the cadres report, the sending units keep contact … — a little
// before each is due, so a newcomer sees reminders, cases moving through the demo policy's fast
// clock, and finished assessments. One case is left alone (its receiving unit never arranges the
// post) until an org admin intervenes on it: the stuck case of the README tour.
import type { SecondmentClient } from '../../client';
import type { Db } from '../../db';
import type { DutyView } from '../../machines/secondment/projections';
import { getAuditTrail, getCaseState, listRecommendations, listRoundCases } from '../../store';
import { readout } from '../../machines/secondment';
import { caseViewOf } from '../../machines/secondment/projections';

/** 韩冬's case: nobody arranges his post, so it climbs the ladder to stuck. */
export const DEMO_NEGLECTED_PERSON = 'p8e54a72c6d9b5f3ca46f';
/** 周建华 is promoted at the end of his term (提拔任用); everyone else returns. */
const PROMOTED_PERSON = 'p9f6b5e37a2c0e8f1b3d5';

const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

export interface CaseFacts {
  caseId: string;
  personId: string;
  post: { title: string; level: string; elected: boolean } | null;
}

/** The event a diligent party sends for a duty, or null for one the demo leaves (milestones …). */
export function stepFor(
  duty: DutyView,
  c: CaseFacts,
  n: number,
): { type: string; payload: Record<string, unknown> } | null {
  const period = Number(duty.key.split('/')[1] ?? '1');
  switch (duty.kind) {
    case 'posting.post':
      // the board's post; an elected one is a deputy township head (副乡镇长), which needs the
      // people's congress election (machine v2 ties the election to the kind of post)
      return {
        type: 'posting.post.arrange',
        payload: c.post
          ? {
              title: c.post.title,
              postType: c.post.elected ? 'deputy_township_head' : 'deputy_leader',
              level: c.post.level,
              ...(c.post.level === 'deputy_section' ? {} : { levelReason: '按组织确定的岗位层级' }),
            }
          : { title: '挂职副科长', postType: 'deputy_leader', level: 'deputy_section' },
      };
    case 'posting.election':
      return {
        type: 'posting.election.record',
        payload: { elected: true, votesFor: 41, votesTotal: 45, session: '第十八届人民代表大会第三次会议' },
      };
    case 'posting.appointment':
      return {
        type: 'posting.appointment.file',
        payload: { documentNo: `清组干〔${new Date().getUTCFullYear()}〕${n}号` },
      };
    case 'posting.unitedFront':
      return {
        type: 'posting.unitedFront.acknowledge',
        payload: { documentNo: `清统〔${new Date().getUTCFullYear()}〕${n}号` },
      };
    case 'posting.party':
      return { type: 'posting.party.transfer', payload: { branch: '市挂职干部临时党支部' } };
    case 'posting.introduction':
      return {
        type: 'posting.introduction.send',
        payload: { letterNo: `介字〔${new Date().getUTCFullYear()}〕${n}号` },
      };
    case 'posting.mentor':
      return { type: 'posting.mentor.name', payload: { mentorName: '分管副职', mentorTitle: '班子成员' } };
    case 'posting.duties':
      return { type: 'posting.duties.assign', payload: { portfolio: '协助分管综合协调和重点项目推进' } };
    case 'posting.arrival':
      return { type: 'posting.arrival.confirm', payload: { arrivedOn: chinaToday(), fullTime: true } };
    case 'service.quarterly':
      return {
        type: 'service.quarterly.submit',
        payload: { quarter: period, study: '学习政策法规和业务知识', work: '参与重点工作', life: '生活正常' },
      };
    case 'service.halfYearReport':
      return {
        type: 'service.halfYear.report',
        payload: { half: period, thought: '思想稳定', work: '工作扎实' },
      };
    case 'service.halfYearAssessment':
      return {
        type: 'service.halfYear.assess',
        payload: { half: period, grade: 'competent', score: 86, feedback: '继续发挥专业特长' },
      };
    case 'service.contact':
      return {
        type: 'service.contact.log',
        payload: { half: period, channel: 'visit', summary: '派出单位走访了解' },
      };
    case 'service.firstHalfRecord':
      return { type: 'service.firstHalfRecord.provide', payload: { summary: '上半年表现良好' } };
    case 'service.annualAssessment':
      return {
        type: 'service.annual.assess',
        payload: {
          year: period,
          // the grade within its score band; a modest share of 优秀 votes (no 优秀 guidance to depart from)
          ...(n % 3 === 0 ? { grade: 'excellent', score: 92 } : { grade: 'competent', score: 86 }),
          comment: '工作认真',
          votes: { excellent: 8, total: 40 },
        },
      };
    case 'final.summary':
      return { type: 'final.summary.submit', payload: { summary: '一年挂职工作总结' } };
    case 'final.appraisal': {
      const d = (comment: string) => ({ score: 88 + (n % 8), comment });
      return {
        type: 'final.appraisal.submit',
        payload: {
          thought: d('政治坚定'),
          work: d('实绩突出'),
          study: d('勤于学习'),
          life: d('作风朴素'),
          integrity: d('廉洁自律'),
        },
      };
    }
    case 'final.inspection':
      return { type: 'final.inspection.submit', payload: { score: 88, findings: '群众认可度高' } };
    case 'final.democratic':
      return {
        type: 'final.democratic.record',
        payload: { excellent: 20 + (n % 10), competent: 12, basically_competent: 1, incompetent: 0 },
      };
    case 'final.grade':
      return { type: 'final.grade.decide', payload: {} };
    case 'final.disposition':
      return c.personId === PROMOTED_PERSON
        ? {
            type: 'promotion.decide',
            payload: {
              newPost: '县政府副县长',
              newRank: 'deputy_division',
              documentNo: '清委〔提〕1号',
              inPlace: false,
            },
          }
        : { type: 'return.start', payload: {} };
    case 'return.handover':
      return {
        type: 'return.handover.complete',
        payload: { receivedBy: '接收单位办公室', summary: '工作交接完毕' },
      };
    case 'return.party':
      return { type: 'return.party.return', payload: { branch: '原单位党支部' } };
    case 'return.post':
      return { type: 'return.post.resume', payload: { post: '原岗位' } };
    case 'tracking.review':
      return { type: 'tracking.review.submit', payload: { summary: '跟踪培养情况良好' } };
    default:
      return null;
  }
}

/**
 * When a party acts: most once the reminder went out (or just before the due time), so reminders
 * show and nothing is late; every fifth case's parties only once their duty is overdue, so the
 * dashboard has overdue items to show while the round runs.
 */
const ripe = (d: DutyView, now: number, late: boolean): boolean =>
  late
    ? d.escalations.some((e) => e.step === 'overdue')
    : d.escalations.length > 0 || now >= Date.parse(d.dueAt) - 3000;

export function startDemoParties(deps: { db: Db; cases: SecondmentClient; roundId: string }): {
  stop(): Promise<void>;
} {
  let stopped = false;
  let busy: Promise<void> = Promise.resolve();
  const tick = async () => {
    const [cases, recs] = await Promise.all([
      listRoundCases(deps.db, deps.roundId),
      listRecommendations(deps.db, deps.roundId),
    ]);
    const post = new Map(recs.map((r) => [r.id, r.assignment]));
    // Each case's parties act independently (one workflow each), so the cases are served at once:
    // machine v2 keeps several periodic duties open together, more than one pass in turn keeps up with
    // on the demo's fast clock.
    const actOn = async (rc: (typeof cases)[number], n: number): Promise<void> => {
      const state = await getCaseState(deps.db, rc.caseId);
      if (!state) return;
      const read = readout(state.snapshot);
      if (read.closed) return;
      const ctx = state.snapshot.snapshot.context;
      if (rc.personId === DEMO_NEGLECTED_PERSON) {
        // left alone until an org admin has intervened on it
        const trail = await getAuditTrail(deps.db, rc.caseId);
        if (!trail.some((e) => e.eventType.startsWith('admin.'))) return;
      }
      const view = caseViewOf(read, state.seq, state.run);
      const assignment = post.get(rc.recommendationId) ?? null;
      const facts: CaseFacts = {
        caseId: rc.caseId,
        personId: rc.personId,
        post: assignment
          ? { title: assignment.title, level: assignment.level, elected: assignment.elected }
          : null,
      };
      for (const duty of view.openDuties) {
        if (stopped) return;
        if (duty.paused || !ripe(duty, Date.now(), n % 5 === 0)) continue;
        const step = stepFor(duty, facts, n);
        if (!step) continue;
        const role = duty.owner.role;
        const actor = {
          id: role === 'cadre' ? rc.personId : `demo-${role}`,
          role: role as 'org_admin',
          unit:
            role === 'org_admin'
              ? ctx.orgUnit
              : role === 'united_front'
                ? ctx.unitedFrontUnit
                : duty.owner.unit,
        };
        // Every ripe duty in turn: the workflow judges each against the case as it is by then, so a
        // step that must wait (the annual assessment for the sending unit's record) is refused and
        // the others still go ahead.
        await deps.cases.send(rc.caseId, step.type, { ...step.payload, actor }).catch(() => undefined);
      }
    };
    if (stopped) return;
    await Promise.all(cases.map((rc, i) => actOn(rc, i + 1).catch(() => undefined)));
  };
  const timer = setInterval(() => {
    busy = busy.then(() => (stopped ? undefined : tick().catch(() => undefined)));
  }, 2000);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await busy;
    },
  };
}
