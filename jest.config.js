// Tiers: unit specs beside the code; workflow specs (workflows/test) on a local Temporal with mocked
// activities; integration specs in test/integration against a real Postgres (embedded, started by the
// tier's global setup, or TEST_DATABASE_URL); contract specs (test/*.contract-spec.ts) against an in-process
// emulator; end-to-end specs in test/ against the whole stack.
const moduleNameMapper = {
  '^@threadline/linkedin/wire$': '<rootDir>/libs/linkedin/src/wire/index.ts',
  '^@threadline/core/probes$': '<rootDir>/libs/core/src/probes.ts',
  '^@threadline/(domain|linkedin|db|core|contracts|client)$': '<rootDir>/libs/$1/src/index.ts',
};
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] };
const common = { testEnvironment: 'node', moduleNameMapper, transform, moduleFileExtensions: ['ts', 'js', 'json'] };

module.exports = {
  // Jest reads testTimeout from the root config only; e2e steps wait on real workflows.
  testTimeout: 120000,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,workflows,scripts}/**/*.spec.ts', '<rootDir>/test/support/**/*.spec.ts'] },
    // The LinkedIn client against an in-process emulator on port 0 per spec: no Temporal, no global stack, parallel.
    { ...common, displayName: 'contract', testMatch: ['<rootDir>/test/**/*.contract-spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/integration/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'workflows',
      testMatch: ['<rootDir>/workflows/test/**/*.workflow-spec.ts'],
      globalSetup: '<rootDir>/workflows/test/global-setup.ts',
    },
    // The whole stack; files run in parallel, each jest worker on its own emulator (test/support/stack-info.ts).
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
    // The same stack, one file at a time: specs that kill the worker, stop services, count the stack's own
    // metrics or read every workspace's rows, which a spec running beside them would disturb.
    {
      ...common,
      displayName: 'e2e-serial',
      testMatch: ['<rootDir>/test/**/*.serial-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
    // Specs that start, restart and stop a private stack of their own (the fault campaign), through a control API.
    {
      ...common,
      displayName: 'stack',
      testMatch: ['<rootDir>/test/**/*.stack-spec.ts'],
      globalSetup: '<rootDir>/test/stack-global-setup.ts',
      globalTeardown: '<rootDir>/test/stack-global-teardown.ts',
    },
  ],
};
