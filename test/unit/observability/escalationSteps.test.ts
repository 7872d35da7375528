import { LADDER_STEPS, TEMPLATE_IDS } from '../../../machines/secondment';
import { LADDER_STEP_TEMPLATES } from '../../../observability/activityMetrics';

// The escalation counter reads a deadline alarm's steps from the templates it sends; if the
// machine renamed a template or added a step, the counter would silently miss it.
test('every ladder step has its own template, and the machine has each of them', () => {
  expect(Object.keys(LADDER_STEP_TEMPLATES).sort()).toEqual([...LADDER_STEPS].sort());
  const templates = Object.values(LADDER_STEP_TEMPLATES);
  expect(new Set(templates).size).toBe(templates.length);
  expect(templates.filter((t) => !TEMPLATE_IDS.includes(t))).toEqual([]);
});
