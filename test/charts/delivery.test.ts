import { upstreamDir } from '../../scripts/upstream/upstream-dir';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { AWS_SECRET_STORE, DeliveryChart } from '../../charts/delivery';
import { HelmRelease } from '../../lib/helm';
import { UPSTREAM } from '../../lib/upstream/pins';
import { unknownValuePaths } from '../../lib/validation/chart-values';
import { env, envWith, findOne, render, testApp, violationsOf } from '../util';

const UPSTREAM_DIR = upstreamDir();

function releasesOf(chart: DeliveryChart): Map<string, HelmRelease> {
  return new Map(chart.node.findAll().filter(HelmRelease.isHelmRelease).map((r) => [r.releaseName, r]));
}

describe('DeliveryChart', () => {
  const prod = new DeliveryChart(testApp(), 'delivery', env('prod'));
  const dev = new DeliveryChart(testApp(), 'delivery', env('dev'));

  test('snapshot (prod objects and values)', () => {
    expect(render(prod)).toMatchSnapshot();
    expect(Object.fromEntries([...releasesOf(prod)].map(([name, r]) => [name, r.values]))).toMatchSnapshot();
  });

  test('the three operators come from the pinned charts, in the namespaces their Pod Identities are bound to', () => {
    const releases = releasesOf(prod);
    expect([...releases.keys()].sort()).toEqual(['argo-rollouts', 'external-secrets', 'keda']);
    expect(releases.get('argo-rollouts')!.chart).toEqual(UPSTREAM['argo-rollouts'].chart);
    expect(releases.get('keda')!.chart).toEqual(UPSTREAM['keda'].chart);
    expect(releases.get('external-secrets')!.chart).toEqual(UPSTREAM['external-secrets'].chart);
    expect(releases.get('keda')!.namespace).toBe('keda');
    expect((releases.get('keda')!.values as any).serviceAccount.operator.name).toBe('keda-operator');
    expect(releases.get('external-secrets')!.namespace).toBe('external-secrets');
    expect((releases.get('external-secrets')!.values as any).serviceAccount.name).toBe('external-secrets');
  });

  test('every values path exists in the pinned chart defaults', () => {
    for (const chart of [prod, dev]) {
      for (const release of releasesOf(chart).values()) {
        const component = Object.values(UPSTREAM).find((c) => c.chart.name === release.chart.name)!;
        const defaults = parse(readFileSync(join(UPSTREAM_DIR, component.chartValues.file), 'utf8'));
        expect({ release: release.releaseName, unknown: unknownValuePaths(release.values, defaults) }).toEqual({ release: release.releaseName, unknown: [] });
      }
    }
  });

  test('HA outside dev: two replicas with disruption budgets', () => {
    const values = (chart: DeliveryChart, name: string) => releasesOf(chart).get(name)!.values as any;
    expect(values(prod, 'argo-rollouts').controller).toMatchObject({ replicas: 2, pdb: { enabled: true, minAvailable: 1 } });
    expect(values(dev, 'argo-rollouts').controller).toMatchObject({ replicas: 1, pdb: { enabled: false } });
    expect(values(prod, 'keda').operator.replicaCount).toBe(2);
    expect(values(prod, 'external-secrets')).toMatchObject({ replicaCount: 2, leaderElect: true, podDisruptionBudget: { enabled: true } });
  });

  test('Argo Rollouts gets RBAC for the ALB traffic router only', () => {
    const providers = (releasesOf(prod).get('argo-rollouts')!.values as any).providerRBAC.providers;
    expect(Object.entries(providers).filter(([, on]) => on).map(([name]) => name)).toEqual(['awsLoadBalancerController']);
  });

  test('operator metrics only when monitoring runs; scraped by the monitoring chart, not a second chart-made ServiceMonitor', () => {
    const without = new DeliveryChart(testApp(), 'delivery', envWith('prod', { components: { monitoring: false } }));
    const keda = (releasesOf(prod).get('keda')!.values as any).prometheus.operator;
    expect(keda).toEqual({ enabled: true, serviceMonitor: { enabled: false } });
    expect((releasesOf(prod).get('argo-rollouts')!.values as any).controller.metrics).toEqual({ enabled: true, serviceMonitor: { enabled: false } });
    expect((releasesOf(without).get('keda')!.values as any).prometheus.operator.enabled).toBe(false);
    expect((releasesOf(without).get('external-secrets')!.values as any).serviceMonitor.enabled).toBe(false);
  });

  test('the ClusterSecretStore reads Secrets Manager in the region, for the managed namespaces only', () => {
    const store = findOne(render(prod), 'ClusterSecretStore', AWS_SECRET_STORE);
    expect(store.spec.provider.aws).toEqual({ service: 'SecretsManager', region: 'eu-west-1' });
    expect(store.spec.conditions[0].namespaces).toEqual(env('prod').namespaces.map((n) => n.name).sort());
  });

  test('a disabled operator is left out', () => {
    const chart = new DeliveryChart(testApp(), 'delivery', envWith('dev', { components: { externalSecrets: false, demoApp: false } }));
    expect([...releasesOf(chart).keys()].sort()).toEqual(['argo-rollouts', 'keda']);
    expect(render(chart)).toEqual([]);
  });

  test('fails when the KEDA namespace is not managed', () => {
    const namespaces = env('dev').namespaces.filter((n) => n.name !== 'keda');
    expect(violationsOf(envWith('dev', { namespaces }))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^dev: namespaces = .*: must include 'keda', the namespace of KEDA/)]),
    );
  });
});
