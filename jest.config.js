// Three suites, one command: `npm test` builds first (pretest) so integration and browser tests run
// against the real dist/ bundle. ts-jest transpiles only (tsconfig has isolatedModules); `npm run
// typecheck` is the type check.
const common = {
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testEnvironment: 'node',
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/e2e/global-setup.js',
    },
  ],
  reporters: ['default', '<rootDir>/test/totals-reporter.js'],
};
