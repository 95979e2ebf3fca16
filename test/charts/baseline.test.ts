import { BaselineChart } from '../../charts/baseline';
import { env, findAll, findOne, render, testApp } from '../util';

describe('BaselineChart', () => {
  const objects = render(new BaselineChart(testApp(), 'baseline', env('prod')));

  test('snapshot (prod)', () => {
    expect(objects).toMatchSnapshot();
  });

  test('one namespace per configured namespace, with tier-specific Pod Security', () => {
    expect(findAll(objects, 'Namespace').map((n) => n.metadata.name).sort()).toEqual(env('prod').namespaces.map((n) => n.name).sort());
    expect(findOne(objects, 'Namespace', 'apps').metadata.labels!['pod-security.kubernetes.io/enforce']).toBe('restricted');
    expect(findOne(objects, 'Namespace', 'data').metadata.labels!['pod-security.kubernetes.io/enforce']).toBe('restricted');
    expect(findOne(objects, 'Namespace', 'monitoring').metadata.labels!['pod-security.kubernetes.io/enforce']).toBe('privileged');
  });

  test('every object carries cost-center, team and part-of labels', () => {
    for (const o of objects) {
      expect(o.metadata.labels).toMatchObject({ 'cost-center': 'cc-1042', team: 'platform', 'app.kubernetes.io/part-of': 'eks-platform' });
    }
  });

  test('default-deny only where this repository renders every workload, and monitoring may scrape there', () => {
    const denied = findAll(objects, 'NetworkPolicy').filter((p) => p.metadata.name === 'default-deny').map((p) => p.metadata.namespace);
    expect(denied.sort()).toEqual(['apps', 'data']);
    expect(findOne(objects, 'NetworkPolicy', 'allow-from-monitoring', 'apps')).toBeDefined();
  });

  test('Pod Security version follows the cluster version', () => {
    const dev = render(new BaselineChart(testApp(), 'baseline', { ...env('dev'), cluster: { ...env('dev').cluster, kubernetesVersion: '1.34' } }));
    expect(findOne(dev, 'Namespace', 'apps').metadata.labels!['pod-security.kubernetes.io/enforce-version']).toBe('v1.34');
  });
});
