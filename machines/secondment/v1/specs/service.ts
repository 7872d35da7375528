// 挂职期间 (service): periodic reviews, leave, rotation, sending-unit task requests, extension,
// recall and promotion during the term.
import { addDuration } from '../calendar';
import type { SecondmentContext } from '../context';
import { closeByKey, findOpen, openTimedDuty } from '../duties';
import { close, enterFinal, serviceStatus } from '../phases';
import { syncServicePlan } from '../plans';
import { violation, type Refusal } from '../refusal';
import type { SpecMap } from '../spec';
import { ms } from '../time';
import { gradeLabels, type DutyKind } from '../vocabulary';

type K =
  | 'service.quarterly.submit'
  | 'service.halfYear.report'
  | 'service.halfYear.assess'
  | 'service.contact.log'
  | 'service.firstHalfRecord.provide'
  | 'service.annual.assess'
  | 'service.leave.request'
  | 'service.leave.decide'
  | 'service.sendingTask.request'
  | 'service.sendingTask.decide'
  | 'service.post.rotate'
  | 'extension.request'
  | 'extension.consent'
  | 'extension.decide'
  | 'recall.request'
  | 'recall.consent'
  | 'promotion.decide'
  | 'final.open';

type Ctx = SecondmentContext;
const term = (c: Ctx): number => c.termMonths + c.extensionMonths;

function periodOwed(c: Ctx, kind: DutyKind, n: number, zh: string, en: string): Refusal | null {
  return findOpen(c, `${kind}/${n}`)
    ? null
    : violation('service.period', `没有待办的${zh}（第${n}期）`, `No open ${en} for period ${n}`);
}

const longTerm = (c: Ctx): Refusal | null =>
  term(c) > c.policy.service.annualAssessmentAboveMonths
    ? null
    : violation(
        'service.longTermOnly',
        `挂职期${term(c)}个月，不超过${c.policy.service.annualAssessmentAboveMonths}个月，不进行年度考核`,
        `The term is ${term(c)} months, not above ${c.policy.service.annualAssessmentAboveMonths}: no annual assessment`,
      );

const reviewFeedback =
  (what: string) => (c: Ctx, grade: keyof typeof gradeLabels, score: number, feedback: string) => ({
    what,
    grade: gradeLabels[grade].zh,
    score,
    feedback,
    caseId: c.caseId,
  });

export const serviceSpecs: SpecMap<K> = {
  'service.quarterly.submit': {
    roles: ['cadre'],
    discharges: ['service.quarterly'],
    check: (c, e) => periodOwed(c, 'service.quarterly', e.quarter, '季度汇报', 'quarterly report'),
    apply: (c, e, out) => {
      closeByKey(c, `service.quarterly/${e.quarter}`, 'done', out.now);
      // 每季度汇报 goes to both the sending unit and the organization department
      out.notifyRoles(['sending_officer', 'org_admin'], 'case.reportReceived', {
        what: `第${e.quarter}季度汇报`,
      });
    },
  },
  'service.halfYear.report': {
    roles: ['cadre'],
    discharges: ['service.halfYearReport'],
    check: (c, e) => periodOwed(c, 'service.halfYearReport', e.half, '半年思想工作汇报', 'half-year report'),
    apply: (c, e, out) => {
      closeByKey(c, `service.halfYearReport/${e.half}`, 'done', out.now);
      out.notifyRoles(['sending_officer', 'org_admin'], 'case.reportReceived', {
        what: `第${e.half}个半年思想工作汇报`,
      });
    },
  },
  'service.halfYear.assess': {
    roles: ['org_admin'],
    discharges: ['service.halfYearAssessment'],
    check: (c, e) => periodOwed(c, 'service.halfYearAssessment', e.half, '半年考核', 'half-year assessment'),
    apply: (c, e, out) => {
      closeByKey(c, `service.halfYearAssessment/${e.half}`, 'done', out.now);
      c.halfYearAssessments.push({ period: e.half, grade: e.grade, score: e.score, at: out.now });
      // 列入干部个人档案 and fed back to the cadre and both units
      out.personnelFile('halfYearAssessment', {
        half: e.half,
        grade: e.grade,
        score: e.score,
        feedback: e.feedback,
      });
      out.notifyRoles(
        ['cadre', 'sending_officer', 'receiving_officer'],
        'case.feedback',
        reviewFeedback(`第${e.half}个半年考核`)(c, e.grade, e.score, e.feedback),
      );
    },
  },
  'service.contact.log': {
    roles: ['sending_officer'],
    discharges: ['service.contact'],
    check: (c, e) => periodOwed(c, 'service.contact', e.half, '派出单位联系', 'sending-unit contact'),
    apply: (c, e, out) => {
      closeByKey(c, `service.contact/${e.half}`, 'done', out.now);
    },
  },
  'service.firstHalfRecord.provide': {
    roles: ['sending_officer'],
    discharges: ['service.firstHalfRecord'],
    pre: (c) =>
      longTerm(c) ??
      (findOpen(c, 'service.firstHalfRecord/1')
        ? null
        : violation('service.period', '上半年表现情况已提供', 'The first-half record was already provided')),
    apply: (c, _e, out) => {
      c.firstHalfRecordAt = out.now;
      closeByKey(c, 'service.firstHalfRecord/1', 'done', out.now);
      out.notifyRoles(['receiving_officer'], 'case.reportReceived', { what: '派出单位提供的上半年表现情况' });
    },
  },
  'service.annual.assess': {
    roles: ['receiving_officer'],
    discharges: ['service.annualAssessment'],
    pre: longTerm,
    check: (c, e) => {
      const owed = periodOwed(c, 'service.annualAssessment', e.year, '年度考核', 'annual assessment');
      if (owed) return owed;
      const recordWaived = c.duties.some((d) => d.kind === 'service.firstHalfRecord' && d.state === 'waived');
      if (e.year === 1 && c.firstHalfRecordAt === null && !recordWaived)
        return violation(
          'service.firstHalfRecord',
          '派出单位尚未提供干部上半年表现情况，接收单位不能进行年度考核',
          'The sending unit has not yet provided the first-half record; the annual assessment must wait',
        );
      return null;
    },
    apply: (c, e, out) => {
      closeByKey(c, `service.annualAssessment/${e.year}`, 'done', out.now);
      c.annualAssessments.push({ period: e.year, grade: e.grade, score: e.score, at: out.now });
      out.personnelFile('annualAssessment', {
        year: e.year,
        grade: e.grade,
        score: e.score,
        comment: e.comment,
      });
      out.notifyRoles(
        ['cadre', 'sending_officer', 'org_admin'],
        'case.feedback',
        reviewFeedback(`第${e.year}年度考核`)(c, e.grade, e.score, e.comment),
      );
    },
  },
  'service.leave.request': {
    roles: ['cadre'],
    check: (_c, e) =>
      ms(e.to) >= ms(e.from)
        ? null
        : violation(
            'service.leaveDates',
            `请假${e.from}至${e.to}，结束早于开始`,
            `Leave ${e.from}–${e.to} ends before it starts`,
          ),
    apply: (c, e, out) => {
      c.counters.leave += 1;
      const id = `L${c.counters.leave}`;
      c.leaves.push({ id, from: e.from, to: e.to, reason: e.reason, state: 'pending' });
      // 请销假 follows the receiving unit's rules: it decides
      openTimedDuty(c, 'service.leaveDecision', out.now, { key: `service.leaveDecision/${id}` });
      out.notifyRoles(['receiving_officer'], 'case.leaveRequested', {
        from: e.from,
        to: e.to,
        requestId: id,
      });
    },
  },
  'service.leave.decide': {
    roles: ['receiving_officer'],
    discharges: ['service.leaveDecision'],
    check: (c, e) =>
      c.leaves.some((l) => l.id === e.requestId && l.state === 'pending')
        ? null
        : violation(
            'service.unknownRequest',
            `没有待审批的请假申请${e.requestId}`,
            `No pending leave request ${e.requestId}`,
          ),
    apply: (c, e, out) => {
      const leave = c.leaves.find((l) => l.id === e.requestId);
      if (leave) leave.state = e.approved ? 'approved' : 'denied';
      closeByKey(c, `service.leaveDecision/${e.requestId}`, 'done', out.now);
      out.notifyRoles(['cadre', 'sending_officer'], 'case.leaveDecided', {
        result: e.approved ? '已批准' : '未批准',
      });
    },
  },
  'service.sendingTask.request': {
    roles: ['sending_officer'],
    apply: (c, e, out) => {
      c.counters.task += 1;
      const id = `T${c.counters.task}`;
      c.sendingTasks.push({ id, task: e.task, state: 'pending' });
      // 派出单位不得再给挂职干部安排工作; special need → ask the secondment office
      openTimedDuty(c, 'service.sendingTaskDecision', out.now, { key: `service.sendingTaskDecision/${id}` });
      out.notifyRoles(['org_admin'], 'case.sendingTaskRequested', { task: e.task, requestId: id });
    },
  },
  'service.sendingTask.decide': {
    roles: ['org_admin'],
    discharges: ['service.sendingTaskDecision'],
    check: (c, e) =>
      c.sendingTasks.some((t) => t.id === e.requestId && t.state === 'pending')
        ? null
        : violation(
            'service.unknownRequest',
            `没有待审批的临时使用申请${e.requestId}`,
            `No pending task request ${e.requestId}`,
          ),
    apply: (c, e, out) => {
      const task = c.sendingTasks.find((t) => t.id === e.requestId);
      if (task) task.state = e.approved ? 'approved' : 'denied';
      closeByKey(c, `service.sendingTaskDecision/${e.requestId}`, 'done', out.now);
      out.notifyRoles(['sending_officer', 'receiving_officer', 'cadre'], 'case.sendingTaskDecided', {
        result: e.approved ? '已批准' : '未批准',
      });
    },
  },
  'service.post.rotate': {
    roles: ['receiving_officer'],
    pre: (c) => {
      const rule = c.policy.kinds[c.kind];
      const min = c.policy.service.rotationMinTermMonths;
      if (!rule.rotationAllowed)
        return violation(
          'service.rotation',
          '该挂职类型不安排轮岗',
          'This kind of secondment has no rotation',
        );
      if (term(c) < min)
        return violation(
          'service.rotation',
          `挂职期${term(c)}个月，少于${min}个月，不安排轮岗`,
          `The term (${term(c)} months) is shorter than ${min}`,
        );
      return null;
    },
    apply: (c, e, out) => {
      c.rotations.push({ title: e.title, level: e.level, portfolio: e.portfolio, at: out.now });
      out.personnelFile('rotation', { title: e.title, level: e.level, portfolio: e.portfolio });
      out.notifyRoles(['org_admin', 'sending_officer', 'cadre'], 'case.rotated', { title: e.title });
    },
  },
  'extension.request': {
    roles: ['receiving_officer'],
    check: (c, e, now) => {
      const max = c.policy.service.extensionMaxTotalMonths;
      if (c.extensionMonths + e.months > max)
        return violation(
          'extension.limit',
          `已延期${c.extensionMonths}个月，再延${e.months}个月超过上限${max}个月`,
          `Already extended ${c.extensionMonths} months; ${e.months} more exceeds ${max}`,
        );
      const latest = addDuration(c.termEnd ?? now, c.policy.service.extensionRequestLead, c.policy, -1);
      if (ms(now) > ms(latest))
        return violation(
          'extension.lead',
          `延期申请须在${latest}前提出`,
          `An extension had to be asked before ${latest}`,
        );
      return null;
    },
    apply: (c, e, out) => {
      c.extensionRequest = { months: e.months, reason: e.reason, at: out.now };
      c.status = 'EXTENSION_REQUESTED';
      openTimedDuty(c, 'extension.consent', out.now);
      out.notifyRoles(['sending_officer', 'org_admin'], 'case.extensionRequested', {
        months: e.months,
        reason: e.reason,
      });
    },
  },
  'extension.consent': {
    roles: ['sending_officer'],
    discharges: ['extension.consent'],
    apply: (c, e, out) => {
      closeByKey(c, 'extension.consent', 'done', out.now);
      if (e.consent) {
        c.status = 'EXTENSION_CONSENTED';
        openTimedDuty(c, 'extension.decision', out.now);
      } else {
        c.extensionRequest = null;
        c.status = serviceStatus(c);
      }
      out.notifyRoles(['receiving_officer', 'org_admin'], 'case.extensionAnswered', {
        result: e.consent ? '派出单位同意，待组织部审批' : '派出单位不同意',
      });
    },
  },
  'extension.decide': {
    roles: ['org_admin'],
    discharges: ['extension.decision'],
    apply: (c, e, out) => {
      closeByKey(c, 'extension.decision', 'done', out.now);
      const months = c.extensionRequest?.months ?? 0;
      c.extensionRequest = null;
      if (e.approved) {
        c.extensionMonths += months;
        c.status = 'EXTENDED';
        syncServicePlan(c, out.now);
        out.notifyRoles(['cadre', 'sending_officer', 'receiving_officer'], 'case.extended', {
          termEnd: c.termEnd,
        });
      } else {
        c.status = serviceStatus(c);
        out.notifyRoles(['sending_officer', 'receiving_officer'], 'case.extensionAnswered', {
          result: '组织部不予批准',
        });
      }
    },
  },
  'recall.request': {
    roles: ['sending_officer', 'org_admin'],
    check: (_c, e) =>
      e.ground !== 'other' && !e.reference
        ? violation(
            'recall.ground',
            e.ground === 'promotion' ? '因提拔召回须提供提拔决定文号' : '因专项任务召回须提供任务文件文号',
            e.ground === 'promotion'
              ? 'Recall for promotion needs the promotion decision reference'
              : 'Recall for a campaign needs the mandate reference',
          )
        : null,
    apply: (c, e, out) => {
      if (e.ground === 'other') {
        // any other recall needs negotiation and the receiving unit's consent
        c.recallRequest = { ground: e.ground, reference: e.reference ?? null, reason: e.reason, at: out.now };
        c.status = 'RECALL_REQUESTED';
        openTimedDuty(c, 'recall.consent', out.now);
        out.notifyRoles(['receiving_officer', 'org_admin'], 'case.recallRequested', { reason: e.reason });
        return;
      }
      c.recall = { ground: e.ground, reference: e.reference ?? null, at: out.now };
      out.personnelFile('recall', { ground: e.ground, reference: e.reference ?? null, reason: e.reason });
      out.notifyRoles(['receiving_officer', 'org_admin', 'cadre'], 'case.recalled', { ground: e.ground });
      close(c, out, 'RECALLED');
    },
  },
  'recall.consent': {
    roles: ['receiving_officer'],
    discharges: ['recall.consent'],
    apply: (c, e, out) => {
      closeByKey(c, 'recall.consent', 'done', out.now);
      const req = c.recallRequest;
      c.recallRequest = null;
      if (e.consent && req) {
        c.recall = { ground: req.ground, reference: req.reference, at: out.now };
        out.personnelFile('recall', {
          ground: req.ground,
          reference: req.reference,
          reason: req.reason,
          consentedBy: e.actor.unit,
        });
        close(c, out, 'RECALLED');
      } else {
        c.status = serviceStatus(c);
        out.notifyRoles(['sending_officer', 'org_admin'], 'case.recallRefused');
      }
    },
  },
  'promotion.decide': {
    roles: ['org_admin'],
    discharges: ['final.disposition'],
    apply: (c, e, out) => {
      closeByKey(c, 'final.disposition', 'done', out.now);
      c.promotion = {
        newPost: e.newPost,
        newRank: e.newRank,
        documentNo: e.documentNo,
        inPlace: e.inPlace,
        at: out.now,
      };
      out.personnelFile('promotion', {
        newPost: e.newPost,
        newRank: e.newRank,
        documentNo: e.documentNo,
        inPlace: e.inPlace,
        phase: c.status,
      });
      out.notifyRoles(['cadre', 'sending_officer', 'receiving_officer'], 'case.promoted', {
        newPost: e.newPost,
        documentNo: e.documentNo,
      });
      close(c, out, 'CLOSED_PROMOTED');
    },
  },
  'final.open': {
    roles: ['org_admin'],
    discharges: ['service.termEnd'],
    check: (c, _e, now) => {
      const earliest = addDuration(c.termEnd ?? now, c.policy.service.finalOpenLead, c.policy, -1);
      return ms(now) >= ms(earliest)
        ? null
        : violation(
            'final.tooEarly',
            `期满考核最早于${earliest}启动`,
            `The final assessment can start from ${earliest}`,
          );
    },
    apply: (c, _e, out) => enterFinal(c, out),
  },
};
