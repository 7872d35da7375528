import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const TEMPORAL_CLI = process.env.TEMPORAL_CLI_PATH || path.join(ROOT, '.tools', 'bin', 'temporal');
export const TEST_SERVER_LAUNCHER = path.join(ROOT, 'scripts', 'temporal-test-server');
export const HARNESS_DIR = path.join(ROOT, '.tools', 'test-harness');
export const HARNESS_STATE_FILE = path.join(HARNESS_DIR, 'state.json');
export const WORKFLOW_BUNDLE_FILE = path.join(HARNESS_DIR, 'workflow-bundle.js');
/** the production workflows with the OpenTelemetry workflow interceptors bundled in */
export const TRACED_WORKFLOW_BUNDLE_FILE = path.join(HARNESS_DIR, 'workflow-bundle-traced.js');
export const PROBE_BUNDLE_FILE = path.join(HARNESS_DIR, 'probe-workflow-bundle.js');
