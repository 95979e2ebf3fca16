import { Chart } from 'cdk8s';
import { GovernanceChart, POLICY_NAMES } from '../../charts/governance';
import type { EnvironmentConfig } from '../../environments';
import { HelmRelease } from '../../lib/helm';
import { UPSTREAM } from '../../lib/upstream/pins';
import { checkChartValues } from '../../lib/validation/chart-values';
import { pinnedChartDefaults } from '../../scripts/upstream/chart-defaults';
import { VALUES_ALLOWLIST } from '../../scripts/upstream/values-allowlist';
import { env, envWith, findAll, findOne, render, testApp, type K8sObject } from '../util';

function build(config: EnvironmentConfig): { chart: GovernanceChart; objects: K8sObject[]; values: (release: string) => any } {
  const chart = new GovernanceChart(testApp(), 'governance', config);
  const releases = chart.node.findAll().filter(HelmRelease.isHelmRelease);
  return { chart, objects: render(chart), values: (name) => releases.find((r) => r.releaseName === name)!.values };
}

const exception = {
  name: 'legacy-reporting',
  policies: ['require-probes', 'require-resource-requests-limits'],
  namespace: 'apps',
  workloads: ['legacy-reporting'],
  owner: 'reporting-team@example.com',
  reason: 'Vendor binary has no health endpoint; replaced by reporting-v2.',
  expires: '2026-06-30',
};

describe('GovernanceChart', () => {
  const prod = build(env('prod'));
  const dev = build(env('dev'));

  test('snapshot (prod)', () => {
    expect(prod.objects).toMatchSnapshot();
    expect({ kyverno: prod.values('kyverno'), trivy: prod.values('trivy-operator') }).toMatchSnapshot();
  });

  test('renders every catalogued policy, for the application namespaces only', () => {
    const policies = findAll(prod.objects, 'ValidatingPolicy');
    expect(policies.map((p) => p.metadata.name).sort()).toEqual([...POLICY_NAMES].sort());
    for (const p of policies) {
      expect(p.spec.matchConstraints.namespaceSelector.matchExpressions).toEqual([{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['apps', 'data'] }]);
    }
  });

  test('dev audits, staging and prod deny', () => {
    const actions = (objects: K8sObject[]) => [...new Set(findAll(objects, 'ValidatingPolicy').map((p) => p.spec.validationActions.join()))];
    expect(actions(dev.objects)).toEqual(['Audit']);
    expect(actions(build(env('staging')).objects)).toEqual(['Deny']);
    expect(actions(prod.objects)).toEqual(['Deny']);
  });

  test('one policy can be audited first while the rest deny', () => {
    const { objects } = build(envWith('prod', { governance: { policyActions: { 'require-probes': 'Audit' } } }));
    expect(findOne(objects, 'ValidatingPolicy', 'require-probes').spec).toMatchObject({ validationActions: ['Audit'], failurePolicy: 'Ignore' });
    expect(findOne(objects, 'ValidatingPolicy', 'require-workload-labels').spec).toMatchObject({ validationActions: ['Deny'], failurePolicy: 'Fail' });
  });

  test("caps come from the environment; registries are the environment's own ECR plus the additional ones", () => {
    const { objects } = build(envWith('prod', { governance: { maxContainerCpu: 2.5, maxContainerMemoryGiB: 8 }, tenancy: { additionalTrustedRegistries: ['public.ecr.aws'] } }));
    const caps = findOne(objects, 'ValidatingPolicy', 'restrict-container-resources').spec.variables;
    expect(caps).toContainEqual({ name: 'maxCpu', expression: "quantity('2500m')" });
    expect(caps).toContainEqual({ name: 'maxMemory', expression: "quantity('8Gi')" });
    expect(findOne(objects, 'ValidatingPolicy', 'restrict-image-registries').spec.variables).toContainEqual({
      name: 'trustedRegistries',
      expression: "['333333333333.dkr.ecr.eu-west-1.amazonaws.com', 'public.ecr.aws']",
    });
  });

  test('exceptions are rendered in the kyverno namespace, referencing the policy objects', () => {
    const { objects, chart } = build(envWith('prod', { governance: { exceptions: [exception] } }));
    const rendered = findOne(objects, 'PolicyException', 'legacy-reporting', 'kyverno');
    expect(rendered.spec.policyRefs).toEqual([
      { kind: 'ValidatingPolicy', name: 'require-probes' },
      { kind: 'ValidatingPolicy', name: 'require-resource-requests-limits' },
    ]);
    expect(rendered.spec.expiresAt).toBe('2026-06-30T00:00:00Z');
    expect(chart.exceptions[0].policies).toEqual([chart.policies.get('require-probes'), chart.policies.get('require-resource-requests-limits')]);
  });

  test('Kyverno is highly available in prod: 3 admission replicas, 2 of each controller, budgets and zone spread', () => {
    const values = prod.values('kyverno');
    expect(values.admissionController).toMatchObject({ replicas: 3, podDisruptionBudget: { enabled: true, minAvailable: 1 } });
    expect(values.admissionController.topologySpreadConstraints[0].topologyKey).toBe('topology.kubernetes.io/zone');
    for (const controller of ['backgroundController', 'cleanupController', 'reportsController']) {
      expect(values[controller]).toMatchObject({ replicas: 2, podDisruptionBudget: { enabled: true } });
      expect(values[controller].resources.requests).toBeDefined();
    }
  });

  test('Kyverno runs single replicas in dev, without budgets that would block node drains', () => {
    const values = dev.values('kyverno');
    expect(values.admissionController).toMatchObject({ replicas: 1, podDisruptionBudget: { enabled: false }, topologySpreadConstraints: [] });
    expect(values.reportsController).toMatchObject({ replicas: 1, podDisruptionBudget: { enabled: false } });
  });

  test('Kyverno generates no ValidatingAdmissionPolicies: its webhook enforces the policies', () => {
    for (const env of [dev, prod]) expect(env.values('kyverno').features.generateValidatingAdmissionPolicy).toEqual({ enabled: false });
  });

  test('Kyverno accepts exceptions from its own namespace only', () => {
    expect(prod.values('kyverno').features.policyExceptions).toEqual({ enabled: true, namespace: 'kyverno' });
  });

  test('Kyverno and Trivy are installed from the pinned charts', () => {
    const releases = prod.chart.node.findAll().filter(HelmRelease.isHelmRelease);
    expect(releases.map((r) => [r.releaseName, r.chart])).toEqual([
      ['kyverno', UPSTREAM['kyverno'].chart],
      ['trivy-operator', UPSTREAM['trivy-operator'].chart],
    ]);
  });

  test('Trivy rescans every image daily', () => {
    expect(prod.values('trivy-operator').operator).toMatchObject({ scannerReportTTL: '24h' });
  });

  test('policies and exceptions tolerate arriving before the Kyverno CRDs', () => {
    const { objects } = build(envWith('prod', { governance: { exceptions: [exception] } }));
    for (const o of objects) expect(o.metadata.annotations!['argocd.argoproj.io/sync-options']).toBe('SkipDryRunOnMissingResource=true');
  });

  test('every object carries the ownership labels', () => {
    for (const o of prod.objects) expect(o.metadata.labels).toMatchObject({ 'cost-center': 'cc-1042', team: 'platform' });
  });

  const kyvernoDefaults = pinnedChartDefaults(UPSTREAM['kyverno'].chart);
  (kyvernoDefaults === undefined ? test.skip : test).each(['dev', 'staging', 'prod'])('every Kyverno value of %s exists in the pinned chart defaults', (name) => {
    const report = checkChartValues([{ source: `${name}/kyverno`, chart: UPSTREAM['kyverno'].chart, values: build(env(name)).values('kyverno') }], {
      defaultsOf: pinnedChartDefaults,
      allowlist: VALUES_ALLOWLIST.filter((e) => e.chart === 'kyverno'),
    });
    expect(report.errors).toEqual([]);
    expect(report.checked).toHaveLength(1);
  });

  test('the chart belongs to its own folder', () => {
    expect(Chart.of(prod.chart).node.id).toBe('governance');
  });
});
