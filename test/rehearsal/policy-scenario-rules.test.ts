import { exceptionCoverage, scenarioException, utcMidnight } from '../../lib/rehearsal/scenarios/policy-exception-check';
import { isKyvernoDenial, plannedPolicies, policiesNamedIn } from '../../lib/rehearsal/scenarios/policy-live';
import { expectedActionOf, policyScenario } from '../../lib/rehearsal/scenarios/policy-scenario';
import type { SyncPlan } from '../../lib/plan/sync-plan';

const promise = (tier: string, validationAction: string, policyActions: Record<string, string> = {}) => ({ tier, governance: { validationAction, policyActions } });

describe('what the policy scenario expects', () => {
  test('outside dev every policy must deny, whatever the configuration says', () => {
    expect(expectedActionOf(promise('prod', 'Deny', { 'require-probes': 'Audit' }), 'require-probes')).toBe('Deny');
    expect(expectedActionOf(promise('staging', 'Audit'), 'require-probes')).toBe('Deny');
  });

  test('dev does what its configuration says', () => {
    expect(expectedActionOf(promise('dev', 'Audit'), 'require-probes')).toBe('Audit');
    expect(expectedActionOf(promise('dev', 'Audit', { 'require-probes': 'Deny' }), 'require-probes')).toBe('Deny');
    expect(expectedActionOf(promise('dev', 'Deny'), 'require-probes')).toBe('Deny');
  });

  test('needs the kyverno local controller and says what it leaves out', () => {
    const scenario = policyScenario(promise('prod', 'Deny'));
    expect(scenario.controllers).toEqual(['kyverno']);
    expect(scenario.notExercised?.join('\n')).toMatch(/PolicyReports/);
  });
});

describe('reading Kyverno on the live cluster', () => {
  test('names the policies of a denial or warning', () => {
    const message = 'admission webhook "vpol.validate.kyverno.svc-fail-finegrained-require-probes" denied the request: Policy require-probes failed: readinessProbe missing in: api; Policy disallow-latest-tag error: no such key';
    expect(policiesNamedIn(message)).toEqual(['require-probes', 'disallow-latest-tag']);
    expect(policiesNamedIn('pods "x" is forbidden: exceeded quota: compute')).toEqual([]);
  });

  test('tells a Kyverno denial from other rejections', () => {
    expect(isKyvernoDenial({ status: 400, body: { message: 'admission webhook "vpol.validate.kyverno.svc-fail-finegrained-x" denied the request: Policy x failed: y' }, warnings: [] })).toBe(true);
    expect(isKyvernoDenial({ status: 422, body: { message: 'Deployment.apps "x" is invalid' }, warnings: [] })).toBe(false);
    expect(isKyvernoDenial({ status: 201, body: {}, warnings: [] })).toBe(false);
  });

  test('reads actions and governed namespaces of the planned policies', () => {
    const plan = { entries: [
      { object: { apiVersion: 'policies.kyverno.io/v1', kind: 'ValidatingPolicy', metadata: { name: 'require-probes' }, spec: { validationActions: ['Audit'], matchConstraints: { namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['apps', 'data'] }] } } } } },
      { object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } } },
    ] } as unknown as SyncPlan;
    expect(plannedPolicies(plan)).toEqual([{ name: 'require-probes', actions: ['Audit'], namespaces: ['apps', 'data'] }]);
  });
});

describe('the scenario exception', () => {
  const exception = scenarioException({ name: 'rehearsal-exception', namespace: 'kyverno', policy: 'require-run-as-non-root', workloadNamespace: 'apps', workload: 'policy-exempt', expires: new Date(Date.UTC(2026, 11, 5)) });

  test('is rendered by the platform\'s PolicyException construct, expiring at midnight UTC', () => {
    expect(exception).toMatchObject({ apiVersion: 'policies.kyverno.io/v1', kind: 'PolicyException', metadata: { name: 'rehearsal-exception', namespace: 'kyverno' }, spec: { expiresAt: '2026-12-05T00:00:00Z', policyRefs: [{ kind: 'ValidatingPolicy', name: 'require-run-as-non-root' }] } });
  });

  test('its coverage is read back from the construct\'s match conditions', () => {
    expect(exceptionCoverage(exception)).toEqual({ namespace: 'apps', workloads: ['policy-exempt'], policies: ['require-run-as-non-root'] });
  });

  test('midnight UTC a number of days away', () => {
    expect(utcMidnight(new Date('2026-12-04T23:30:00+05:00'), 1).toISOString()).toBe('2026-12-05T00:00:00.000Z');
    expect(utcMidnight(new Date('2026-12-04T18:00:00Z'), -1).toISOString()).toBe('2026-12-03T00:00:00.000Z');
  });
});
