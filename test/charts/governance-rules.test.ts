import { governanceComponent } from '../../charts/governance';
import { join } from 'node:path';
import { writeEnvironments } from '../../charts/write-environments';
import type { EnvironmentConfig } from '../../environments';
import type { PolicyExceptionConfig } from '../../environments/governance-config';
import { ConfigValidator } from '../../lib/config/config-validator';
import { formatViolation } from '../../lib/config/violation';
import { env, envWith, tempDir } from '../util';

// The clock exceptions expire against, injected so the tests do not age.
const NOW = new Date('2026-03-01T12:00:00Z');

function violations(config: EnvironmentConfig, now: Date = NOW): string[] {
  const check = new ConfigValidator(config.name, config);
  governanceComponent({ now: () => now }).validate!(check, config);
  return check.violations.map(formatViolation);
}

const exception: PolicyExceptionConfig = {
  name: 'legacy-reporting',
  policies: ['require-probes'],
  namespace: 'apps',
  workloads: ['legacy-reporting'],
  owner: 'reporting-team@example.com',
  reason: 'Vendor binary has no health endpoint; replaced by reporting-v2.',
  expires: '2026-06-30',
};
const withException = (overrides: Partial<PolicyExceptionConfig>, name = 'prod') =>
  envWith(name, { governance: { exceptions: [{ ...exception, ...overrides }] } });

describe('governance configuration rules', () => {
  test.each(['dev', 'staging', 'prod'])('%s is valid', (name) => {
    expect(violations(env(name))).toEqual([]);
  });

  test('a valid exception passes', () => {
    expect(violations(withException({}))).toEqual([]);
  });

  test('fails when the validation action is unknown', () => {
    expect(violations(envWith('prod', { governance: { validationAction: 'Enforce' } }))).toContain(
      'prod: governance.validationAction = "Enforce": must be one of "Audit", "Deny"',
    );
  });

  test('fails when a per-policy action names an unknown policy', () => {
    expect(violations(envWith('prod', { governance: { policyActions: { 'require-labels': 'Audit' } } }))[0]).toMatch(
      /^prod: governance.policyActions.require-labels = "Audit": unknown policy; expected one of disallow-privileged-containers, /,
    );
  });

  test('fails when a per-policy action is unknown', () => {
    expect(violations(envWith('prod', { governance: { policyActions: { 'require-probes': 'Warn' } } }))).toContain(
      'prod: governance.policyActions.require-probes = "Warn": must be one of "Audit", "Deny"',
    );
  });

  test('fails when the CPU cap is not positive', () => {
    expect(violations(envWith('prod', { governance: { maxContainerCpu: 0 } }))).toContain('prod: governance.maxContainerCpu = 0: must be a positive number');
  });

  test('fails when the CPU cap is finer than a millicore', () => {
    expect(violations(envWith('prod', { governance: { maxContainerCpu: 0.0005 } }))).toContain(
      'prod: governance.maxContainerCpu = 0.0005: must be a whole number of millicores (e.g. 4 or 0.5)',
    );
  });

  test('fails when the memory cap is not positive', () => {
    expect(violations(envWith('prod', { governance: { maxContainerMemoryGiB: -16 } }))).toContain(
      'prod: governance.maxContainerMemoryGiB = -16: must be a positive number',
    );
  });

  test('fails when the kyverno namespace is not configured', () => {
    const config = { ...env('prod'), namespaces: env('prod').namespaces.filter((n) => n.name !== 'kyverno') };
    expect(violations(config)[0]).toMatch(/^prod: namespaces = .*: must include the kyverno namespace Kyverno runs in$/);
  });

  test('fails when policies deny with a single admission replica', () => {
    expect(violations(envWith('prod', { governance: { kyverno: { admissionReplicas: 1 } } }))).toContain(
      'prod: governance.kyverno.admissionReplicas = 1: must be at least 2 when governance.validationAction is Deny: the webhook fails closed, so one replica blocks app deployments whenever it restarts',
    );
    expect(violations(envWith('dev', { governance: { kyverno: { admissionReplicas: 1 } } }))).toEqual([]);
  });

  test('fails when a replica count is not a positive integer', () => {
    expect(violations(envWith('prod', { governance: { kyverno: { controllerReplicas: 0 } } }))).toContain(
      'prod: governance.kyverno.controllerReplicas = 0: must be a positive integer',
    );
  });

  test("fails when the scanner namespace's Pod Security does not admit the node collector", () => {
    expect(violations(envWith('prod', { governance: { vulnerabilityScanning: { namespace: 'kyverno' } } }))).toContain(
      "prod: governance.vulnerabilityScanning.namespace = \"kyverno\": must be a configured namespace of tier 'security': the Trivy node collector mounts host paths (read-only), which Pod Security admits only there",
    );
  });

  test('fails when the rescan interval is not a duration', () => {
    expect(violations(envWith('prod', { governance: { vulnerabilityScanning: { rescanAfter: 'daily' } } }))).toContain(
      'prod: governance.vulnerabilityScanning.rescanAfter = "daily": must be a duration such as 30s, 5m or 720h',
    );
  });

  test('fails when no scan may run', () => {
    expect(violations(envWith('prod', { governance: { vulnerabilityScanning: { concurrentScans: 0 } } }))).toContain(
      'prod: governance.vulnerabilityScanning.concurrentScans = 0: must be a positive integer',
    );
  });
});

describe('policy exception rules', () => {
  test('fails when an exception has expired', () => {
    expect(violations(withException({ expires: '2026-03-01' }))).toEqual([
      'prod: governance.exceptions[0].expires = "2026-03-01": has expired (today is 2026-03-01): fix the workload and remove the exception, or renew it with a new date',
    ]);
  });

  test('the expiry follows the injected clock', () => {
    const config = withException({ expires: '2026-06-30' });
    expect(violations(config, new Date('2026-06-29T23:59:59Z'))).toEqual([]);
    expect(violations(config, new Date('2026-06-30T00:00:00Z'))[0]).toMatch(/expires = "2026-06-30": has expired/);
  });

  test('fails when an exception runs longer than the review period', () => {
    expect(violations(withException({ expires: '2027-01-01' }))).toEqual([
      'prod: governance.exceptions[0].expires = "2027-01-01": must be at most 180 days ahead: exceptions are renewed after review, not granted for good',
    ]);
  });

  test('fails when the expiry is not a calendar date', () => {
    expect(violations(withException({ expires: '2026-02-30' }))).toEqual(['prod: governance.exceptions[0].expires = "2026-02-30": must be a date YYYY-MM-DD']);
  });

  test('fails when an exception references an unknown policy', () => {
    expect(violations(withException({ policies: ['require-probes', 'require-liveness'] }))[0]).toMatch(
      /^prod: governance.exceptions\[0\].policies\[1\] = "require-liveness": unknown policy; expected one of /,
    );
  });

  test('fails when an exception names no policy', () => {
    expect(violations(withException({ policies: [] }))).toContain('prod: governance.exceptions[0].policies = []: must list at least 1 item');
  });

  test('fails when the exempted namespace is not governed', () => {
    expect(violations(withException({ namespace: 'monitoring' }))).toContain(
      'prod: governance.exceptions[0].namespace = "monitoring": must be a governed namespace (apps, data); other namespaces are not checked',
    );
  });

  test('fails when an exception names no workload', () => {
    expect(violations(withException({ workloads: [] }))).toContain('prod: governance.exceptions[0].workloads = []: must list at least 1 item');
  });

  test('fails when the owner is not an e-mail address', () => {
    expect(violations(withException({ owner: 'reporting' }))).toContain('prod: governance.exceptions[0].owner = "reporting": must be an e-mail address');
  });

  test('fails when the reason is empty', () => {
    expect(violations(withException({ reason: '' }))).toContain('prod: governance.exceptions[0].reason = "": must be a non-empty string');
  });

  test('fails when the exception name is not a DNS label', () => {
    expect(violations(withException({ name: 'Legacy_Reporting' }))[0]).toMatch(/^prod: governance.exceptions\[0\].name = "Legacy_Reporting": must be a DNS label/);
  });

  test('fails when two exceptions share a name', () => {
    const config = envWith('prod', { governance: { exceptions: [exception, { ...exception, policies: ['disallow-latest-tag'] }] } });
    expect(violations(config)).toContain('prod: governance.exceptions[1].name = "legacy-reporting": duplicate exception name: each must be unique');
  });

  test('synth fails on an expired exception, whatever today is', () => {
    const config = withException({ expires: '2020-01-01' });
    expect(() => writeEnvironments(join(tempDir(), 'dist'), [config], [env('dev'), env('staging'), config], 0)).toThrow(
      /prod: governance.exceptions\[0\].expires = "2020-01-01": has expired/,
    );
  });
});
