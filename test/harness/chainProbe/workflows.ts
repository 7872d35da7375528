// The test-only workflows entry: the chain-probe spike (machine → workflow → activity → timer),
// bundled by the jest global setup for its own tests and never registered on the production worker.
export { chainProbeWorkflow } from './workflow';
