import { ClusterAddonsChart, CLUSTER_ADDONS_NAMESPACE, clusterAddons } from '../../charts/cluster-addons';
import { awsNames } from '../../environments';
import { HelmRelease } from '../../lib/helm';
import { SYSTEM_NODE_TOLERATION } from '../../lib/scheduling';
import { UPSTREAM } from '../../lib/upstream/pins';
import { unknownValuePaths } from '../../lib/validation/chart-values';
import { pinnedChartDefaults } from '../../scripts/upstream/chart-defaults';
import { VALUES_ALLOWLIST } from '../../scripts/upstream/values-allowlist';
import { env, render, testApp } from '../util';

function build(name: string) {
  const chart = new ClusterAddonsChart(testApp(), 'cluster-addons', env(name));
  const release = chart.node.findAll().find(HelmRelease.isHelmRelease)!;
  return { chart, release, values: release.values as Record<string, any>, objects: render(chart) };
}

const prod = build('prod');
const dev = build('dev');

describe('ClusterAddonsChart', () => {
  test('snapshot (prod): Helm values', () => {
    expect(prod.values).toMatchSnapshot();
  });

  test('renders no object of its own: only the metrics-server release', () => {
    expect(prod.objects).toEqual([]);
    expect(prod.chart.node.findAll().filter(HelmRelease.isHelmRelease).map((r) => r.releaseName)).toEqual(['metrics-server']);
  });

  test('every environment gets it, early', () => {
    for (const name of ['dev', 'staging', 'prod']) expect(clusterAddons.enabled(env(name))).toBe(true);
    expect(clusterAddons.syncWave).toBeLessThan(0);
  });

  describe('metrics-server', () => {
    test('takes the pinned chart and runs in kube-system', () => {
      expect(prod.release.chart).toBe(UPSTREAM['metrics-server'].chart);
      expect(prod.release.namespace).toBe('kube-system');
      expect(CLUSTER_ADDONS_NAMESPACE).toBe('kube-system');
    });

    test('runs on the system node group, so HPAs work before Karpenter has launched a node', () => {
      for (const b of [dev, prod]) {
        expect(b.values.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'eks.amazonaws.com/nodegroup': awsNames(env(b === dev ? 'dev' : 'prod')).systemNodeGroup });
        expect(b.values.tolerations).toEqual([SYSTEM_NODE_TOLERATION]);
      }
    });

    test('is highly available in prod: two replicas on different nodes, a disruption budget', () => {
      expect(prod.values).toMatchObject({ replicas: 2, podDisruptionBudget: { enabled: true, minAvailable: 1 } });
      expect(prod.values.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey).toBe('kubernetes.io/hostname');
      expect(dev.values).toMatchObject({ replicas: 1, podDisruptionBudget: { enabled: false }, affinity: {} });
    });

    test('runs hardened with requests and limits, verifying kubelet TLS', () => {
      expect(prod.values.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(prod.values.securityContext.runAsUser).toBeGreaterThanOrEqual(10000);
      expect(prod.values.resources).toEqual({ requests: { cpu: '100m', memory: '200Mi' }, limits: { cpu: '500m', memory: '500Mi' } });
      expect(JSON.stringify(prod.values)).not.toContain('kubelet-insecure-tls');
    });

    test('renders no ServiceMonitor, whose CRD is installed only in a later wave', () => {
      for (const b of [dev, prod]) expect(b.values).toMatchObject({ metrics: { enabled: false }, serviceMonitor: { enabled: false } });
    });

    test('every key path exists in the chart defaults (allowlisted pass-through keys aside)', () => {
      const defaults = pinnedChartDefaults(UPSTREAM['metrics-server'].chart);
      expect(defaults).toBeDefined(); // set UPSTREAM_DIR to the upstream mirror
      const known = new Set(VALUES_ALLOWLIST.filter((e) => e.chart === 'metrics-server').map((e) => e.path));
      for (const b of [dev, prod]) expect(unknownValuePaths(b.values, defaults).filter((p) => !known.has(p))).toEqual([]);
    });
  });
});
