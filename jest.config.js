// Transpile-only with SWC: type checking is `npm run typecheck` (tsc), so tests start fast.
// Three projects, all run by `npx jest` and `npm test`:
// - unit: pure tests (no process, no worker thread; `npm run test:unit`). test/support/no-processes.ts
//   fails a unit test that starts one, so a tool-backed test cannot land here unnoticed.
// - integration: tests that run real tools or processes: Helm, kubectl-validate, the Kyverno CLI,
//   git, actionlint, the CLIs through tsx, synth to disk with locks and worker threads.
// - control-plane: rehearsals on a throw-away local control plane (npm test runs them in its
//   rehearsal step).
const INTEGRATION = [
  'test/charts/argocd-validate.test.ts',
  'test/charts/capacity-validate.test.ts',
  'test/charts/chaos-policies.test.ts',
  'test/charts/chaos-validate.test.ts',
  'test/gates/bad-inputs.test.ts',
  'test/gitops/diff.test.ts',
  'test/gitops/publish-safety.test.ts',
  'test/gitops/publish.test.ts',
  'test/gitops/release-diff.test.ts',
  'test/gitops/rendered-diff.test.ts',
  'test/lib/cli/closed-pipe.test.ts',
  'test/lib/cli/entry-points.test.ts',
  'test/lib/security/pod-security.test.ts',
  'test/lib/tool-cache/*.test.ts',
  'test/plan/desired-state.test.ts',
  'test/rehearsal/policy-bad-examples.test.ts',
  'test/plan/sync-plan.test.ts',
  'test/scripts/**/*.test.ts',
  'test/synth/atomic-output.test.ts',
  'test/synth/determinism.test.ts',
  'test/synth/fleet.test.ts',
  'test/synth/synth-command.test.ts',
  'test/validation/kubectl-validate-cache.test.ts',
  'test/validation/kubectl-validate.test.ts',
  'test/validation/release-validation.test.ts',
  'test/validation/validate-command.test.ts',
  'test/workflows/workflows.test.ts',
];
const CONTROL_PLANE = ['test/rehearsal/rehearsal.test.ts', 'test/rehearsal/scenarios.test.ts', 'test/rehearsal/policy-scenario.test.ts'];

const paths = (globs) => globs.map((g) => `<rootDir>/${g}`);

/** @type {import('jest').Config} */
const common = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  // Tool-backed tests (helm, kubectl-validate, Kyverno, git, synth CLIs) on a busy 2-core machine with cold caches.
  testTimeout: 120_000,
  // Source maps beside the transformed code (in the cache), not inlined: the generated imports/
  // would otherwise be read, checksummed and compiled at several times their size by every test file.
  transform: { '^.+\\.ts$': ['@swc/jest', { sourceMaps: true, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
  // Transformed files on the repository's file system (git-ignored), not in a /tmp shared with other builds.
  cacheDirectory: '<rootDir>/.cache/jest',
};

/** @type {import('jest').Config} */
module.exports = {
  // One worker per core (jest's default leaves one idle): integration suites wait on spawned tools,
  // and on 2 cores the unit project takes 60 s with one worker, 18-26 s with two.
  maxWorkers: '100%',
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['**/test/**/*.test.ts', ...[...INTEGRATION, ...CONTROL_PLANE].map((g) => `!**/${g}`)],
      setupFilesAfterEnv: ['<rootDir>/test/support/no-processes.ts'],
      // No tool to wait for: a pure test still running after a minute is stuck.
      testTimeout: 60_000,
      // A folder per run for what test files share (test/support/built-platform.ts).
      globalSetup: '<rootDir>/test/support/test-run.ts',
      globalTeardown: '<rootDir>/test/support/test-run-end.ts',
    },
    { ...common, displayName: 'integration', testMatch: paths(INTEGRATION) },
    { ...common, displayName: 'control-plane', testMatch: paths(CONTROL_PLANE) },
  ],
};
