// Every workflow the worker registers. The worker bundles this file for Temporal's sandbox.
export { chainProbeWorkflow } from './chainProbe';
export { secondmentWorkflow } from './secondment/workflow';
