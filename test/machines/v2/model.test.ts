// Model-based coverage with xstate/graph on the v2 chart: traverse it with per-state event
// generators and prove every state is reached and every guarded edge of the definition — event
// edges and eventless ones — is taken by at least one generated path.
import { initialTransition, transition, type AnyStateNode, type AnyTransitionDefinition } from 'xstate';
import { getAdjacencyMap, getShortestPaths, type AdjacencyMap, type AdjacencyValue } from 'xstate/graph';
import {
  inState,
  secondmentMachine,
  statusCode,
  type SecondmentEvent,
  type SecondmentSnapshot,
} from '../../../machines/secondment/v2';
import { nomination } from './support/fixtures';
import { serializeForModel, usefulEvents } from './support/generators';

const INPUTS = {
  cpcShortTerm: { input: nomination({ policy: 'demo' }) },
  nonCpcLongTerm: { input: nomination({ policy: 'demo', termMonths: 18, cadre: { cpcMember: false } }) },
  // a term beginning in July: the sending unit owes the record of the months before it
  midYear: { input: nomination({ policy: 'demo', at: '2026-07-01T09:00:00+08:00' }) },
  // requests still pending when the term is ended early are answered during the final assessment
  lateRequests: {
    input: nomination({ policy: 'demo' }),
    carryRequests: true,
    stopWhen: (s: SecondmentSnapshot) =>
      !['NOMINATED', 'POSTING', 'IN_SERVICE', 'FINAL_ASSESSMENT'].includes(statusCode(s)) ||
      (statusCode(s) === 'FINAL_ASSESSMENT' &&
        !s.context.leaves.some((l) => l.state === 'pending' || l.state === 'approved') &&
        !s.context.sendingTasks.some((t) => t.state === 'pending')),
  },
  // working days in a year without a table: deadlines are provisional until calendar.update
  provisional2027: {
    input: nomination({ year: 2027, at: '2027-09-20T09:00:00+08:00' }),
    stopWhen: (s: SecondmentSnapshot) => !['NOMINATED', 'POSTING'].includes(statusCode(s)),
  },
};

function allNodes(node: AnyStateNode = secondmentMachine.root): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap((n) => allNodes(n))];
}
const eventEdges = () => allNodes().flatMap((n) => [...n.transitions.values()].flat());
const alwaysEdges = () => allNodes().flatMap((n) => n.always ?? []);
const path = (n: AnyStateNode): unknown => {
  const parts = n.id.split('.').slice(1);
  return parts.reduceRight<unknown>((inner, p) => (inner === null ? p : { [p]: inner }), null);
};
const label = (t: AnyTransitionDefinition) =>
  `${t.source.id} --${t.eventType || '(always)'}--> ${t.target?.map((x) => x.id).join(',') ?? '(stay)'} ${JSON.stringify((t as { meta?: unknown }).meta ?? '')}`;

const options = ({
  input,
  stopWhen,
  carryRequests,
}: {
  input: unknown;
  stopWhen?: (s: SecondmentSnapshot) => boolean;
  carryRequests?: boolean;
}) => ({
  input: input as never,
  events: (s: SecondmentSnapshot) => usefulEvents(s, 'model', { carryRequests: carryRequests ?? false }),
  serializeState: (s: SecondmentSnapshot) => serializeForModel(s),
  ...(stopWhen ? { stopWhen } : {}),
});

describe('model-based coverage of the v2 chart (xstate/graph)', () => {
  const covered = new Set<AnyTransitionDefinition>();
  const reached = new Set<string>();

  for (const [name, model] of Object.entries(INPUTS)) {
    test(`${name}: generated paths replay and every taken edge is a chart transition`, () => {
      const adjacency: AdjacencyMap<SecondmentSnapshot, SecondmentEvent> = getAdjacencyMap(
        secondmentMachine,
        options(model),
      );
      type Vertex = AdjacencyValue<SecondmentSnapshot, SecondmentEvent>;
      const vertices = Object.values(adjacency) as Vertex[];
      for (const vertex of vertices) {
        for (const n of allNodes())
          if (n.type !== 'history' && n.parent && inState(vertex.state, path(n) as never)) reached.add(n.id);
        for (const { event, state: next } of Object.values(vertex.transitions) as {
          event: SecondmentEvent;
          state: SecondmentSnapshot;
        }[]) {
          for (const t of secondmentMachine.getTransitionData(vertex.state, event)) covered.add(t);
          // an eventless edge was taken when the step ended inside its target, having started in its source outside it
          for (const a of alwaysEdges()) {
            const target = a.target?.[0];
            if (
              target &&
              inState(vertex.state, path(a.source) as never) &&
              !inState(vertex.state, path(target) as never) &&
              inState(next, path(target) as never)
            )
              covered.add(a);
          }
        }
      }
      const paths = getShortestPaths(secondmentMachine, options(model));
      for (const p of paths.filter((_, i) => i % 40 === 0)) {
        let [s] = initialTransition(secondmentMachine, model.input);
        for (const step of p.steps.slice(1)) [s] = transition(secondmentMachine, s, step.event);
        expect(serializeForModel(s)).toBe(serializeForModel(p.state));
      }
      expect(vertices.length).toBeGreaterThan(10);
    });
  }

  test('every state of the chart is reached', () => {
    const all = allNodes()
      .filter((n) => n.type !== 'history' && n.parent)
      .map((n) => n.id);
    expect(all.filter((id) => !reached.has(id))).toEqual([]);
  });

  test('every guarded edge of the chart is taken by at least one generated path', () => {
    const missing = [...eventEdges(), ...alwaysEdges()].filter((t) => !covered.has(t)).map(label);
    expect(missing).toEqual([]);
  });
});
