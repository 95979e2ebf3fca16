// Transpile-only with SWC, like the root project: type checking is `npm run typecheck` (tsc).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The environment config and the root charts live outside this package (../environments, ../charts).
  // Source maps beside the transformed code, not inlined (the root's generated imports/ are large).
  transform: { '^.+\\.ts$': ['@swc/jest', { sourceMaps: true, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }] },
  // Transformed files on the repository's file system (git-ignored), not in a /tmp shared with other builds.
  cacheDirectory: '<rootDir>/.cache/jest',
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
