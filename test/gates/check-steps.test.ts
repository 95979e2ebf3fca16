import { notRunLines, POLICIES, problemLines, SCAN, summaryTable, SYNTH, VALIDATE } from '../../scripts/check/check-steps';

describe('npm run check: reading each step', () => {
  test('synth: files and environments, or the violation count', () => {
    expect(SYNTH.figure('dist/dev: 172 files\ndist/staging: 172 files\ndist/prod: 147 files\n')).toBe('491 files in 3 environments');
    expect(SYNTH.figure('invalid configuration (1 violation):\n  prod: capacity.spot.maxCpu = -4: must be a positive integer\nsynth failed: nothing was written to dist/\n')).toBe('1 violation');
  });

  test('validate: its closing line', () => {
    expect(VALIDATE.figure('kubectl-validate: 9 pinned CRD files\n  dev ... ok\nvalidate: no errors\n')).toBe('no errors');
    expect(VALIDATE.figure('validate: 3 errors\n')).toBe('3 errors');
  });

  test('policies: violations summed over environments, blind policies named', () => {
    const output = [
      'kyverno test test/policies: Test Summary: 40 tests passed and 0 tests failed',
      'dev: 12 policies (Audit), 0 exceptions; 4 workloads: 4 in apps, data, 0 outside; canary reported by 12/12 policies; 0 violations',
      'prod: 12 policies (Deny), 0 exceptions; 4 workloads: 4 in apps, data, 0 outside; canary reported by 11/12 policies; 2 violations',
      '  BLIND: require-probes did not report the deliberately bad workload; the check cannot fail',
      'policies: FAILED',
    ].join('\n');
    expect(POLICIES.figure(output)).toBe('2 violations, 1 blind policy');
    expect(problemLines(POLICIES, output, 15)).toEqual(['  BLIND: require-probes did not report the deliberately bad workload; the check cannot fail']);
  });

  test('scan: the figures of its closing line, its FINDING lines and NOT RUN lines', () => {
    const output = [
      'allowlisted: 30 finding(s)',
      'FINDING checkov CKV_AWS_18 dev:aws_s3_bucket.logs: Ensure the S3 bucket has access logging enabled',
      'NOT RUN polaris: not installed',
      'scan: failed (1 findings, 30 allowlisted, 0 allowlist problems)',
    ].join('\n');
    expect(SCAN.figure(output)).toBe('1 findings, 30 allowlisted, 0 allowlist problems');
    expect(problemLines(SCAN, output, 15)).toEqual(['FINDING checkov CKV_AWS_18 dev:aws_s3_bucket.logs: Ensure the S3 bucket has access logging enabled']);
    expect(notRunLines(output)).toEqual(['NOT RUN polaris: not installed']);
  });

  test('a failed step without problem lines shows its last lines, capped', () => {
    const output = Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n');
    const shown = problemLines(SCAN, output, 15);
    expect(shown).toHaveLength(15);
    expect(shown[14]).toBe('line 29');
    expect(problemLines(SCAN, Array.from({ length: 20 }, (_, i) => `FINDING ${i}`).join('\n'), 15).at(-1)).toBe('… 5 more (npx tsx scripts/scan.ts)');
  });

  test('the summary is an aligned table', () => {
    expect(
      summaryTable([
        { name: 'synth', status: 'passed', seconds: 12.04, figure: '491 files in 3 environments' },
        { name: 'scan', status: 'not run', figure: 'nothing rendered' },
      ]),
    ).toEqual(['step   status   duration  key figure', 'synth  passed      12.0s  491 files in 3 environments', 'scan   not run         -  nothing rendered']);
  });
});
