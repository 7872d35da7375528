// Two projects: pure unit tests need no server; the Temporal project gets one global setup that
// starts the shared servers, and runs in band (Temporal's jest guidance).
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] };

module.exports = {
  maxWorkers: 1,
  // Workflow tests wait on real servers; jest reads this option only at the top level.
  testTimeout: 180000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/machines/**/*.test.ts'],
    },
    {
      displayName: 'temporal',
      testEnvironment: 'node',
      transform,
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/temporal/**/*.test.ts'],
      globalSetup: '<rootDir>/test/harness/globalSetup.ts',
      globalTeardown: '<rootDir>/test/harness/globalTeardown.ts',
    },
  ],
};
