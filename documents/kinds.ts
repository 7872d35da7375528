// The documents the practice runs on, by the names offices use.
import type { DocumentKind } from './inputs';

export const documentKindLabels: Record<DocumentKind, { zh: string; en: string }> = {
  appointmentApproval: { zh: '干部任免审批表', en: 'cadre appointment approval form' },
  introductionLetter: { zh: '介绍信', en: 'letter of introduction' },
  appraisalForm: { zh: '挂职干部鉴定表', en: 'appraisal form of the seconded cadre' },
  annualAssessmentForm: { zh: '年度考核登记表', en: 'annual assessment registration form' },
  roundList: { zh: '选派名单及统计', en: 'round list and statistics' },
};
