import {
  CANARY_NAME,
  canaryMisses,
  canaryWorkload,
  cliValues,
  planConformance,
  reportViolations,
  type RenderedObject,
} from '../../../lib/governance/conformance';

const policy = (name: string): RenderedObject => ({
  file: `dist/prod/governance/ValidatingPolicy.${name}.yaml`,
  object: {
    apiVersion: 'policies.kyverno.io/v1',
    kind: 'ValidatingPolicy',
    metadata: { name },
    spec: { matchConstraints: { namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['apps', 'data'] }] } } },
  },
});
const deployment = (name: string, namespace?: string): RenderedObject => ({
  file: `dist/prod/demo/Deployment.${namespace ?? ''}.${name}.yaml`,
  object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace }, spec: { template: { spec: { containers: [] } } } },
});
const namespace = (name: string, tier: string): RenderedObject => ({
  file: `dist/prod/baseline/Namespace.${name}.yaml`,
  object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'platform.example.com/tier': tier } } },
});

const objects = [
  policy('require-probes'),
  policy('disallow-latest-tag'),
  namespace('apps', 'apps'),
  namespace('monitoring', 'monitoring'),
  deployment('api', 'apps'),
  deployment('grafana-proxy', 'monitoring'),
  deployment('orphan'),
  { file: 'dist/prod/demo/ConfigMap.apps.settings.yaml', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'apps' } } },
];

describe('conformance plan', () => {
  const plan = planConformance(objects);

  test('reads the governed namespaces from the rendered policies', () => {
    expect(plan.governedNamespaces).toEqual(['apps', 'data']);
  });

  test('sorts workloads into governed, outside and without namespace', () => {
    expect(plan.workloads.map((w) => w.object.metadata!.name)).toEqual(['api', 'grafana-proxy', 'orphan']);
    expect(plan.governed.map((w) => w.object.metadata!.name)).toEqual(['api']);
    expect(plan.outside.map((w) => w.object.metadata!.name)).toEqual(['grafana-proxy']);
    expect(plan.unnamespaced.map((w) => w.object.metadata!.name)).toEqual(['orphan']);
  });

  test('gives the CLI every namespace with the name label the API server sets, governed ones included', () => {
    expect(cliValues(plan)).toEqual({
      apiVersion: 'cli.kyverno.io/v1alpha1',
      kind: 'Values',
      namespaceSelector: [
        { name: 'apps', labels: { 'platform.example.com/tier': 'apps', 'kubernetes.io/metadata.name': 'apps' } },
        { name: 'monitoring', labels: { 'platform.example.com/tier': 'monitoring', 'kubernetes.io/metadata.name': 'monitoring' } },
        { name: 'data', labels: { 'kubernetes.io/metadata.name': 'data' } },
      ],
    });
  });
});

describe('violations', () => {
  const plan = planConformance(objects);
  const api = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'apps', name: 'api' };

  test('fails, errors and warnings are violations, mapped back to the rendered file', () => {
    const violations = reportViolations(plan, [
      { policy: 'require-probes', result: 'fail', message: 'readinessProbe missing in: api', resources: [api] },
      { policy: 'disallow-latest-tag', result: 'pass', resources: [api] },
    ]);
    expect(violations).toContainEqual({ file: 'dist/prod/demo/Deployment.apps.api.yaml', policy: 'require-probes', message: 'fail: readinessProbe missing in: api' });
    expect(violations.filter((v) => v.policy === 'disallow-latest-tag')).toEqual([]);
  });

  test('a governed workload nobody evaluated is a violation (the check would be blind)', () => {
    expect(reportViolations(plan, [])).toContainEqual({
      file: 'dist/prod/demo/Deployment.apps.api.yaml',
      policy: '*',
      message: 'not evaluated by any policy although its namespace is governed',
    });
  });

  test('a workload without namespace is a violation', () => {
    expect(reportViolations(plan, []).map((v) => v.file)).toContain('dist/prod/demo/Deployment..orphan.yaml');
  });

  test('passes and skips (exceptions) are not violations', () => {
    const results = [
      { policy: 'require-probes', result: 'skip', resources: [api] },
      { policy: 'disallow-latest-tag', result: 'pass', resources: [api] },
    ];
    expect(reportViolations(planConformance(objects.filter((o) => o.object.metadata?.name !== 'orphan')), results)).toEqual([]);
  });
});

describe('canary', () => {
  const plan = planConformance(objects);

  test('is a Deployment in a governed namespace breaking the rules', () => {
    const canary = canaryWorkload('apps') as { kind: string; metadata: { namespace: string }; spec: { template: { spec: { containers: { image: string }[] } } } };
    expect(canary.kind).toBe('Deployment');
    expect(canary.metadata.namespace).toBe('apps');
    expect(canary.spec.template.spec.containers[0].image).toBe('docker.io/library/busybox');
  });

  test('lists the policies that did not report it', () => {
    const fired = { policy: 'require-probes', result: 'fail', resources: [{ name: CANARY_NAME }] };
    expect(canaryMisses(plan, [fired])).toEqual(['disallow-latest-tag']);
    expect(canaryMisses(plan, [fired, { ...fired, policy: 'disallow-latest-tag' }])).toEqual([]);
  });

  test('a pass does not count as reporting it', () => {
    expect(canaryMisses(plan, [{ policy: 'require-probes', result: 'pass', resources: [{ name: CANARY_NAME }] }])).toContain('require-probes');
  });
});
