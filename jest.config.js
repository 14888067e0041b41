/**
 * One jest run, three projects:
 *  - unit:    specs beside the code (backend/src, frontend/src), no I/O beyond temp files
 *  - api:     the real app over HTTP on a fresh SQLite file, or on PostgreSQL when DATABASE_URL is set
 *  - reliability: fuzzing every operation, and the other proofs of trust
 *  - browser: the built product in the system Chromium (playwright-core), axe on every page
 *  - memory:  heap measurements, in a process of their own
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];
const base = { transform: { '^.+\\.ts$': swc }, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'] };

module.exports = {
  // Browser and API tests start servers and Chromium; unit tests finish long before this.
  testTimeout: 120000,
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['<rootDir>/backend/src/**/*.spec.ts', '<rootDir>/frontend/src/**/*.unit.spec.ts'],
    },
    { ...base, displayName: 'api', testMatch: ['<rootDir>/tests/api/**/*.test.ts'] },
    { ...base, displayName: 'reliability', testMatch: ['<rootDir>/tests/reliability/**/*.test.ts'] },
    { ...base, displayName: 'browser', testMatch: ['<rootDir>/tests/browser/**/*.test.ts'] },
    // Measurements of memory, run by `npm test` in a jest process of their own.
    { ...base, displayName: 'memory', testMatch: ['<rootDir>/tests/memory/**/*.test.ts'] },
  ],
};
