/** Entry of the chain probe's test-only workflow bundle (see the global setup). */
export const CHAIN_PROBE_WORKFLOWS = require.resolve('./workflows');
