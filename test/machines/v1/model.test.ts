// Model-based coverage with xstate/graph: traverse the statechart with per-state event
// generators and prove every state is reachable and every transition of the machine
// definition is taken by at least one generated path.
import { initialTransition, transition, type AnyTransitionDefinition } from 'xstate';
import { getAdjacencyMap, getShortestPaths, type AdjacencyMap, type AdjacencyValue } from 'xstate/graph';
import {
  STATE_KEYS,
  secondmentMachine,
  stateKeyOf,
  type SecondmentEvent,
  type SecondmentSnapshot,
} from '../../../machines/secondment/v1';
import { nomination } from './support/fixtures';
import { serializeForModel, usefulEvents } from './support/generators';

const INPUTS = {
  cpcShortTerm: nomination({ policy: 'demo' }),
  nonCpcLongTerm: nomination({ policy: 'demo', termMonths: 18, cadre: { cpcMember: false } }),
};

function allTransitions(): Set<AnyTransitionDefinition> {
  const all = new Set<AnyTransitionDefinition>();
  for (const node of Object.values(secondmentMachine.root.states))
    for (const list of node.transitions.values()) for (const t of list) all.add(t);
  return all;
}

const options = (input: (typeof INPUTS)[keyof typeof INPUTS]) => ({
  input,
  events: (s: SecondmentSnapshot) => usefulEvents(s, 'model'),
  serializeState: (s: SecondmentSnapshot) => serializeForModel(s),
});

describe('model-based coverage (xstate/graph)', () => {
  const covered = new Set<AnyTransitionDefinition>();
  const reached = new Set<string>();

  for (const [name, input] of Object.entries(INPUTS)) {
    test(`${name}: generated paths replay and every taken edge is a machine transition`, () => {
      // Arrange
      const adjacency: AdjacencyMap<SecondmentSnapshot, SecondmentEvent> = getAdjacencyMap(
        secondmentMachine,
        options(input),
      );
      const paths = getShortestPaths(secondmentMachine, options(input));

      // Act: record which transition definitions each generated edge takes
      type Vertex = AdjacencyValue<SecondmentSnapshot, SecondmentEvent>;
      for (const vertex of Object.values(adjacency) as Vertex[]) {
        reached.add(stateKeyOf(vertex.state));
        for (const { event } of Object.values(vertex.transitions) as { event: SecondmentEvent }[])
          for (const t of secondmentMachine.getTransitionData(vertex.state, event)) covered.add(t);
      }

      // Assert: a sample of generated paths replays from the initial state to the same state
      for (const path of paths.filter((_, i) => i % 25 === 0)) {
        let [s] = initialTransition(secondmentMachine, input);
        for (const step of path.steps.slice(1)) [s] = transition(secondmentMachine, s, step.event);
        expect(serializeForModel(s)).toBe(serializeForModel(path.state));
      }
      expect(paths.length).toBeGreaterThan(20);
    });
  }

  test('every state is reachable', () => {
    expect([...reached].sort()).toEqual([...STATE_KEYS].sort());
  });

  test('every transition of the machine is taken by at least one generated path', () => {
    const missing = [...allTransitions()]
      .filter((t) => !covered.has(t))
      .map((t) => `${t.source.key} --${t.eventType}--> ${t.target?.[0]?.key ?? '(stay)'}`);
    expect(missing).toEqual([]);
  });
});
