import { findWorkloadInconsistencies, type ManifestObject } from '../../../lib/workloads';

const rollout = (name: string, extra: Record<string, unknown> = {}): ManifestObject => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name, namespace: 'apps' },
  spec: { template: { metadata: { labels: { 'app.kubernetes.io/name': name } } }, ...extra },
});
const hpa = (target: string): ManifestObject => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: `${target}-hpa`, namespace: 'apps' },
  spec: { scaleTargetRef: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: target } },
});
const scaledObject = (target: string, minReplicaCount?: number): ManifestObject => ({
  apiVersion: 'keda.sh/v1alpha1',
  kind: 'ScaledObject',
  metadata: { name: target, namespace: 'apps' },
  spec: { scaleTargetRef: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: target }, minReplicaCount },
});
const pdb = (name: string, budget: Record<string, unknown>): ManifestObject => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name, namespace: 'apps' },
  spec: { selector: { matchLabels: { 'app.kubernetes.io/name': name } }, ...budget },
});

describe('findWorkloadInconsistencies', () => {
  test('a consistent set passes', () => {
    expect(findWorkloadInconsistencies([rollout('api'), scaledObject('api', 0), pdb('api', { maxUnavailable: 1 }), rollout('web'), hpa('web')])).toEqual([]);
  });

  test('fails when an HPA and a ScaledObject scale one target', () => {
    const found = findWorkloadInconsistencies([rollout('api'), hpa('api'), scaledObject('api', 2)]);
    expect(found.map((f) => f.rule)).toEqual([
      'scales Rollout apps/api, which HorizontalPodAutoscaler apps/api-hpa already scales: an HPA and a KEDA ScaledObject (or two of either) on one target fight over its replicas; keep one',
    ]);
  });

  test('fails when a scale-to-zero target has a budget with minAvailable >= 1', () => {
    const found = findWorkloadInconsistencies([rollout('api'), scaledObject('api'), pdb('api', { minAvailable: '50%' })]);
    expect(found).toHaveLength(1);
    expect(found[0].object.kind).toBe('PodDisruptionBudget');
    expect(found[0].rule).toMatch(/^minAvailable = 50% covers Rollout apps\/api, which ScaledObject apps\/api scales to zero \(minReplicaCount 0\)/);
    expect(findWorkloadInconsistencies([rollout('api'), scaledObject('api', 1), pdb('api', { minAvailable: 1 })])).toEqual([]);
  });

  test('fails when an AnalysisTemplate queries Prometheus without an address', () => {
    const template: ManifestObject = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisTemplate',
      metadata: { name: 'api-canary', namespace: 'apps' },
      spec: { metrics: [{ name: 'success-rate', provider: { prometheus: { query: 'up' } } }] },
    };
    expect(findWorkloadInconsistencies([template]).map((f) => f.rule)).toEqual([
      'metric success-rate queries Prometheus without an address (""): configure the metric source it reads',
    ]);
  });

  test('fails when a Rollout references an AnalysisTemplate that is not rendered', () => {
    const found = findWorkloadInconsistencies([rollout('api', { strategy: { canary: { analysis: { templates: [{ templateName: 'api-canary' }] } } } })]);
    expect(found.map((f) => f.rule)).toEqual(['references AnalysisTemplate api-canary, which is not rendered in namespace apps']);
  });
});
