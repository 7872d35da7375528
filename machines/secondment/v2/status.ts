// External status codes: stable, public, used in search attributes, audit rows, lists. They are
// derived from the statechart's state value (never stored beside it), with the same codes as v1.
import { z } from 'zod';

export const STATUS_CODES = [
  'NOMINATED',
  'POSTING',
  'IN_SERVICE',
  'EXTENDED',
  'EXTENSION_REQUESTED',
  'EXTENSION_CONSENTED',
  'RECALL_REQUESTED',
  'ON_HOLD',
  'FINAL_ASSESSMENT',
  'ASSESSED',
  'RETURNING',
  'TRACKING',
  'CLOSED_RETURNED',
  'CLOSED_PROMOTED',
  'REJECTED',
  'WITHDRAWN',
  'RECALLED',
] as const;
export const statusCodeSchema = z.enum(STATUS_CODES);
export type StatusCode = z.infer<typeof statusCodeSchema>;

export const statusLabels: Record<StatusCode, { zh: string; en: string }> = {
  NOMINATED: { zh: '已推荐，待组织部审批', en: 'nominated, awaiting approval' },
  POSTING: { zh: '任职准备（到岗清单办理中）', en: 'posting checklist in progress' },
  IN_SERVICE: { zh: '挂职中', en: 'in service' },
  EXTENDED: { zh: '挂职中（已延期）', en: 'in service (term extended)' },
  EXTENSION_REQUESTED: { zh: '延期申请待派出单位同意', en: 'extension asked, awaiting sending unit' },
  EXTENSION_CONSENTED: {
    zh: '延期申请待组织部审批',
    en: 'extension consented, awaiting organization department',
  },
  RECALL_REQUESTED: { zh: '召回申请待接收单位同意', en: 'recall asked, awaiting receiving unit' },
  ON_HOLD: { zh: '暂停', en: 'on hold' },
  FINAL_ASSESSMENT: { zh: '期满考核中', en: 'final assessment' },
  ASSESSED: { zh: '已定等次，待决定返回或提拔', en: 'graded, awaiting return or promotion decision' },
  RETURNING: { zh: '返回原单位办理中', en: 'returning to the sending unit' },
  TRACKING: { zh: '跟踪培养期', en: 'follow-up tracking period' },
  CLOSED_RETURNED: { zh: '已结束（返回原单位）', en: 'closed (returned)' },
  CLOSED_PROMOTED: { zh: '已结束（提拔任用）', en: 'closed (promoted)' },
  REJECTED: { zh: '未获批准', en: 'rejected' },
  WITHDRAWN: { zh: '已撤回', en: 'withdrawn' },
  RECALLED: { zh: '已召回', en: 'recalled' },
};

export const TERMINAL_STATUSES: readonly StatusCode[] = [
  'CLOSED_RETURNED',
  'CLOSED_PROMOTED',
  'REJECTED',
  'WITHDRAWN',
  'RECALLED',
];
export const isTerminal = (s: StatusCode): boolean => TERMINAL_STATUSES.includes(s);

/**
 * Forced transitions an administrator may ever make; the policy picks a subset and the chart has
 * a guarded edge for each. None of them skips evidence the rules require.
 */
export const FORCE_EDGES = [
  'POSTING->WITHDRAWN',
  'IN_SERVICE->FINAL_ASSESSMENT',
  'EXTENDED->FINAL_ASSESSMENT',
  'RETURNING->TRACKING',
  'RETURNING->CLOSED_PROMOTED',
  'RETURNING->RECALLED',
  'TRACKING->CLOSED_RETURNED',
] as const;
export const forceEdgeSchema = z.enum(FORCE_EDGES);
export type ForceEdge = z.infer<typeof forceEdgeSchema>;
export const forceEdgeLabels: Record<ForceEdge, { zh: string; en: string }> = {
  'POSTING->WITHDRAWN': { zh: '干部未到位，撤销选派', en: 'cadre never arrived: abandon the secondment' },
  'IN_SERVICE->FINAL_ASSESSMENT': {
    zh: '提前结束挂职，进入期满考核',
    en: 'end the term early: start final assessment',
  },
  'EXTENDED->FINAL_ASSESSMENT': { zh: '提前结束延期，进入期满考核', en: 'end the extended term early' },
  'RETURNING->TRACKING': {
    zh: '免办剩余返回手续，进入跟踪培养',
    en: 'skip remaining return steps: start tracking',
  },
  'RETURNING->CLOSED_PROMOTED': {
    zh: '免办剩余交接手续，按提拔结案',
    en: 'skip remaining handover steps: close as promoted',
  },
  'RETURNING->RECALLED': {
    zh: '免办剩余交接手续，按召回结案',
    en: 'skip remaining handover steps: close as recalled',
  },
  'TRACKING->CLOSED_RETURNED': { zh: '提前结束跟踪培养', en: 'end follow-up tracking early' },
};

type Value = string | { [k: string]: Value };

const FINAL_STATES: Record<string, StatusCode> = {
  nominated: 'NOMINATED',
  onHold: 'ON_HOLD',
  closedReturned: 'CLOSED_RETURNED',
  promoted: 'CLOSED_PROMOTED',
  rejected: 'REJECTED',
  withdrawn: 'WITHDRAWN',
  recalled: 'RECALLED',
};
const NEGOTIATION: Record<string, StatusCode> = {
  extensionRequested: 'EXTENSION_REQUESTED',
  extensionConsented: 'EXTENSION_CONSENTED',
  recallRequested: 'RECALL_REQUESTED',
};

/** The status code of a state value of the v2 chart. Throws on a value the chart cannot have. */
export function statusFromValue(value: unknown): StatusCode {
  const v = value as Value;
  if (typeof v === 'string') {
    const s = FINAL_STATES[v];
    if (s) return s;
  } else if (typeof v === 'object' && v !== null && 'active' in v) {
    const a = v.active as Value;
    if (a === 'posting') return 'POSTING';
    if (a === 'tracking') return 'TRACKING';
    if (typeof a === 'object') {
      if ('returning' in a) return 'RETURNING';
      if ('concluding' in a) return a.concluding === 'assessed' ? 'ASSESSED' : 'FINAL_ASSESSMENT';
      if ('serving' in a && typeof a.serving === 'object') {
        const { negotiation, term } = a.serving as { negotiation?: Value; term?: Value };
        const n = typeof negotiation === 'string' ? NEGOTIATION[negotiation] : undefined;
        if (n) return n;
        return term === 'extended' ? 'EXTENDED' : 'IN_SERVICE';
      }
    }
  }
  throw new Error(`not a state of the v2 chart: ${JSON.stringify(value)}`);
}
