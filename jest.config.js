/**
 * Two projects. `unit` (`npm test`): everything that runs inside the test process, in seconds.
 * `integration` (`npm run test:integration`, files named `*.integration.test.ts`): the tests
 * that run real tools — Terraform with the stand-in provider, npm pack and tsc, esbuild
 * bundles, the CLIs in their own processes. `npx jest` runs both; `.ci/run` runs both.
 */
const INTEGRATION = '\\.integration\\.test\\.ts$';

/** @type {import('jest').Config} */
const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: {
    // esbuild only transpiles (tsconfig.json sets isolatedModules); `npm run typecheck` type-checks.
    '^.+\\.ts$': '<rootDir>/test/support/esbuild-transform.js',
  },
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  // cdktf writes synth output under the OS temp dir in tests; nothing to watch there.
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/cdktf.out/', '<rootDir>/cdktf.out.hcl/'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', INTEGRATION],
    },
    { ...shared, displayName: 'integration', testRegex: INTEGRATION },
  ],
};
