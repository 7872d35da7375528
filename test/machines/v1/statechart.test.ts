import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderStatechart, STATE_KEYS } from '../../../machines/secondment/v1';

describe('the frozen v1 statechart diagram (docs/statechart-v1.mmd)', () => {
  test('the committed diagram matches what the generator produces from the machine', () => {
    // Arrange
    const committed = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'statechart-v1.mmd'), 'utf8');
    // Act
    const fresh = renderStatechart();
    // Assert
    expect(committed).toBe(fresh);
  });

  test('the diagram names every state with its Chinese label and status code', () => {
    const text = renderStatechart();
    for (const key of STATE_KEYS) expect(text).toContain(` as ${key}`);
    expect(text).toContain('期满考核中 FINAL_ASSESSMENT');
    expect(text).toMatch(/^stateDiagram-v2$/m);
  });
});
