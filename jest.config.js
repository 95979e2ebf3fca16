// Transpile-only with SWC: type checking is `npm run typecheck` (tsc), so tests start fast.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  // One worker per core (jest's default leaves one idle): many suites wait on spawned tools.
  maxWorkers: '100%',
  // Tool-backed tests (helm, kubectl-validate, Kyverno, git, synth CLIs) on a busy 2-core machine with cold caches.
  testTimeout: 120_000,
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
