// Every workflow the worker registers. The worker bundles this file for Temporal's sandbox.
export { secondmentWorkflow } from './secondment/workflow';
export { roundWorkflow } from './round/workflow';
export { proposalWorkflow } from './proposal/workflow';
