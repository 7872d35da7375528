// Mermaid rendering of the v2 statechart, derived from the machine definition itself (pure; the
// script scripts/genStatechart.ts writes it to docs/statechart.mmd). Every edge says why it is taken: the event
// and the rules guarding it; an eventless edge shows its condition; what a state handles without
// leaving it is listed in a note.
import type { AnyStateNode } from 'xstate';
import { eventLabels, type EventType } from './events';
import { GUARDS, type GuardName } from './guards';
import { secondmentMachine, type GuardRef } from './machine';
import { statusLabels, type StatusCode } from './status';

/** The diagram node that shows each status (the console highlights it). */
export const STATUS_NODE: Record<StatusCode, string> = {
  NOMINATED: 'nominated',
  POSTING: 'active_posting',
  IN_SERVICE: 'active_serving_term_regular',
  EXTENDED: 'active_serving_term_extended',
  EXTENSION_REQUESTED: 'active_serving_negotiation_extensionRequested',
  EXTENSION_CONSENTED: 'active_serving_negotiation_extensionConsented',
  RECALL_REQUESTED: 'active_serving_negotiation_recallRequested',
  ON_HOLD: 'onHold',
  FINAL_ASSESSMENT: 'active_concluding_finalAssessment',
  ASSESSED: 'active_concluding_assessed',
  RETURNING: 'active_returning',
  TRACKING: 'active_tracking',
  CLOSED_RETURNED: 'closedReturned',
  CLOSED_PROMOTED: 'promoted',
  REJECTED: 'rejected',
  WITHDRAWN: 'withdrawn',
  RECALLED: 'recalled',
};

const LABELS: Record<string, { zh: string; en: string }> = {
  active: { zh: '办理中', en: 'active' },
  active_serving: { zh: '挂职期间（并行）', en: 'serving (parallel regions)' },
  active_serving_term: { zh: '挂职期', en: 'term' },
  active_serving_negotiation: { zh: '延期与召回协商', en: 'extension and recall' },
  active_serving_negotiation_idle: { zh: '无协商', en: 'no negotiation' },
  active_serving_reviews: { zh: '定期汇报与考核', en: 'periodic reviews' },
  active_serving_reviews_running: {
    zh: '按期汇报、考核（各期窗口内）',
    en: 'reports and reviews, each in its window',
  },
  active_serving_attendance: { zh: '请销假', en: 'attendance' },
  active_serving_attendance_present: { zh: '在岗', en: 'on post' },
  active_serving_attendance_onLeave: { zh: '请假中（待销假）', en: 'on leave (to report back)' },
  active_serving_conduct: { zh: '派出单位不得安排工作', en: 'sending unit assigns no work' },
  active_serving_conduct_compliant: { zh: '无反映', en: 'no report' },
  active_serving_conduct_breachOpen: { zh: '反映处理中', en: 'report being followed up' },
  active_concluding: { zh: '期满考核与定等次', en: 'final assessment and grade' },
  active_returning_afterTerm: { zh: '期满返回', en: 'after the term' },
  active_returning_afterPromotion: { zh: '提拔离任交接', en: 'leaving on promotion' },
  active_returning_afterRecall: { zh: '召回离任交接', en: 'leaving on recall' },
  active_hist: { zh: 'H* 恢复到暂停前的状态', en: 'H* back to where the hold found it' },
};

const idOf = (n: AnyStateNode): string => n.id.split('.').slice(1).join('_');

function labelOf(n: AnyStateNode): string {
  const id = idOf(n);
  const codes = (Object.entries(STATUS_NODE) as [StatusCode, string][]).filter(([, node]) => node === id);
  if (codes.length > 0) return codes.map(([c]) => `${statusLabels[c].zh} ${c}`).join(' / ');
  const l = LABELS[id];
  return l ? `${l.zh} ${l.en}` : id;
}

/** The rules an edge names (not the base guards every edge has). */
function rulesOf(t: { meta?: unknown; guard?: unknown }): string {
  const rules = ((t.meta as { rules?: GuardRef[] } | undefined)?.rules ?? []).map((r) => {
    const name = (typeof r === 'string' ? r : r.type) as GuardName;
    const spec = GUARDS[name] as { label?: (p: Record<string, string> | undefined) => string };
    return spec.label ? spec.label(typeof r === 'string' ? undefined : r.params) : name;
  });
  return rules.length > 0 ? ` [${rules.join(' ∧ ')}]` : '';
}

const eventText = (type: string): string => `${type}（${eventLabels[type as EventType]?.zh ?? type}）`;

export function renderStatechart(): string {
  const declarations: string[] = [];
  const body: string[] = [];
  const edges: string[] = [];
  const notes: string[] = [];

  const visit = (node: AnyStateNode, indent: string): void => {
    const id = idOf(node);
    declarations.push(`  state "${labelOf(node)}" as ${id}`);
    const children = Object.values(node.states);
    if (children.length > 0) {
      body.push(`${indent}state ${id} {`);
      const initial = node.initial?.target?.[0];
      if (node.type !== 'parallel' && initial) body.push(`${indent}  [*] --> ${idOf(initial)}`);
      children.forEach((child, i) => {
        if (node.type === 'parallel' && i > 0) body.push(`${indent}  --`);
        if (Object.keys(child.states).length === 0) body.push(`${indent}  ${idOf(child)}`);
        visit(child, `${indent}  `);
      });
      body.push(`${indent}}`);
    }
    if (node.type === 'final') edges.push(`  ${id} --> [*]`);
    const stays: string[] = [];
    for (const [type, list] of node.transitions)
      for (const t of list) {
        const target = t.target?.[0];
        if (target)
          for (const tg of t.target ?? [])
            edges.push(`  ${id} --> ${idOf(tg)} : ${eventText(type)}${rulesOf(t)}`);
        else stays.push(`    ${eventText(type)}${rulesOf(t)}`);
      }
    for (const t of node.always ?? [])
      for (const tg of t.target ?? [])
        edges.push(`  ${id} --> ${idOf(tg)} : [${typeof t.guard === 'string' ? t.guard : 'always'}]`);
    if (stays.length > 0)
      notes.push(`  note right of ${id}`, '    handled here, state unchanged:', ...stays, '  end note');
  };

  const root = secondmentMachine.root;
  for (const child of Object.values(root.states)) visit(child, '  ');
  declarations.push(`  state "任何未结束的状态 any open state" as anyOpenState`);
  const rootHandlers = [...root.transitions].flatMap(([type, list]) =>
    list.map((t) => `    ${eventText(type)}${rulesOf(t)}`),
  );
  notes.push(
    '  note right of anyOpenState',
    '    handled at the root (every phase, on hold too):',
    ...rootHandlers,
    '  end note',
  );
  const initial = root.initial?.target?.[0];
  return [
    '%% Generated by scripts/genStatechart.ts from machines/secondment (version 2) — do not edit.',
    'stateDiagram-v2',
    ...declarations,
    `  [*] --> ${initial ? idOf(initial) : 'nominated'}`,
    ...body,
    ...edges,
    ...notes,
    '',
  ].join('\n');
}
