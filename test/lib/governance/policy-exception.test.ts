import { PolicyException, RequireProbes, RequireResourceRequestsLimits, type PolicyExceptionProps } from '../../../lib/governance';
import { findOne, render, testChart } from '../../util';

function exception(overrides: Partial<PolicyExceptionProps> = {}) {
  const chart = testChart();
  const options = { namespaces: ['apps'], validationAction: 'Deny' as const };
  const policies = [new RequireProbes(chart, 'probes', options), new RequireResourceRequestsLimits(chart, 'resources', options)];
  new PolicyException(chart, 'exception', {
    name: 'legacy-reporting',
    namespace: 'kyverno',
    policies,
    workloadNamespace: 'apps',
    workloads: ['legacy-reporting'],
    owner: 'reporting-team@example.com',
    reason: 'Vendor binary has no health endpoint; replaced by reporting-v2.',
    expires: new Date('2026-09-30T00:00:00Z'),
    ...overrides,
  });
  return findOne(render(chart), 'PolicyException');
}

describe('PolicyException', () => {
  test('snapshot', () => {
    expect(exception()).toMatchSnapshot();
  });

  test('refers to the policies it exempts from, by kind and name', () => {
    expect(exception().spec.policyRefs).toEqual([
      { kind: 'ValidatingPolicy', name: 'require-probes' },
      { kind: 'ValidatingPolicy', name: 'require-resource-requests-limits' },
    ]);
  });

  test('expires in the engine too (RFC 3339), and records owner and reason', () => {
    const e = exception();
    expect(e.apiVersion).toBe('policies.kyverno.io/v1');
    expect(e.metadata.namespace).toBe('kyverno');
    expect(e.spec.expiresAt).toBe('2026-09-30T00:00:00Z');
    expect(e.spec.properties).toEqual({ owner: 'reporting-team@example.com', reason: 'Vendor binary has no health endpoint; replaced by reporting-v2.' });
  });

  test('selects the workloads and their pods by namespace and app.kubernetes.io/name', () => {
    expect(exception().spec.matchConditions).toEqual([
      { name: 'workload-namespace', expression: "request.namespace == 'apps'" },
      { name: 'workload-name', expression: "object.metadata.?labels[?'app.kubernetes.io/name'].orValue('') in ['legacy-reporting']" },
    ]);
  });

  test('fails when the name is not a DNS label', () => {
    expect(() => exception({ name: 'Legacy' })).toThrow('PolicyException Legacy: name = "Legacy": must be a DNS label');
  });

  test('fails when it exempts from no policy', () => {
    expect(() => exception({ policies: [] })).toThrow('PolicyException legacy-reporting: policies = []: name at least one policy');
  });

  test('fails when it names no workload', () => {
    expect(() => exception({ workloads: [] })).toThrow('PolicyException legacy-reporting: workloads = []: name at least one workload');
  });

  test('fails when the owner is not an e-mail address', () => {
    expect(() => exception({ owner: 'reporting team' })).toThrow('PolicyException legacy-reporting: owner = "reporting team": must be an e-mail address');
  });

  test('fails when there is no reason', () => {
    expect(() => exception({ reason: '' })).toThrow('PolicyException legacy-reporting: reason is empty');
  });

  test('fails when the expiry is not a date', () => {
    expect(() => exception({ expires: new Date('someday') })).toThrow('PolicyException legacy-reporting: expires is not a valid date');
  });

  test('fails when a workload name would inject CEL', () => {
    expect(() => exception({ workloads: ["x'] || true || ['"] })).toThrow('CEL literal');
  });
});
