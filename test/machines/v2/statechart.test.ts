// The v2 diagram is generated from the chart and says why each edge is taken.
import {
  CHART,
  GUARDS,
  renderStatechart,
  secondmentMachine,
  STATUS_CODES,
  STATUS_NODE,
} from '../../../machines/secondment/v2';

const guardNames = (g: unknown): string[] => {
  if (typeof g === 'string') return [g];
  if (typeof g === 'function' && 'guards' in g)
    return (g as { guards: unknown[] }).guards.flatMap(guardNames);
  if (typeof g === 'object' && g !== null && 'type' in g) return [(g as { type: string }).type];
  return [];
};

describe('the v2 statechart (diagram and definition)', () => {
  test('every guard an edge names is a rule the machine knows', () => {
    const walk = (node: typeof secondmentMachine.root): string[] => [
      ...[...node.transitions.values()].flat().flatMap((t) => guardNames(t.guard)),
      ...(node.always ?? []).flatMap((t) => guardNames(t.guard)),
      ...Object.values(node.states).flatMap(walk),
    ];
    const unknown = walk(secondmentMachine.root).filter((g) => !(g in GUARDS));
    expect(unknown).toEqual([]);
    expect(CHART.id).toBe('secondment');
  });

  test('the diagram declares a node for every status and labels guarded edges with their rules', () => {
    const text = renderStatechart();
    for (const code of STATUS_CODES) expect(text).toMatch(new RegExp(`as ${STATUS_NODE[code]}$`, 'm'));
    expect(text).toContain('active_posting --> active_serving : [postingComplete]');
    expect(text).toContain(
      'nominated --> active_posting : approval.approve（批准选派） [eligible ∧ differentUnits ∧ withinQuota]',
    );
    expect(text).toMatch(
      /service\.annual\.assess（年度考核） \[periodOwed ∧ withinReportWindow ∧ priorRecordProvided ∧ gradeMatchesScore ∧ guidanceFollowed\]/,
    );
    expect(text).toMatch(/^stateDiagram-v2$/m);
  });

  test('parallel regions of service are drawn as concurrent regions', () => {
    const text = renderStatechart();
    const serving = text.slice(
      text.indexOf('state active_serving {'),
      text.indexOf('state active_concluding {'),
    );
    expect(serving.match(/^\s+--$/gm)).toHaveLength(4);
  });
});
