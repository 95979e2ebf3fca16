import { ARGO_CD_CONTROL_KINDS, PlatformProject } from '../../../lib/argocd';
import { findOne, render, testChart } from '../../util';

describe('PlatformProject', () => {
  const chart = testChart();
  const project = new PlatformProject(chart, 'workloads', {
    name: 'workloads',
    description: 'application workloads',
    destinationServer: 'https://kubernetes.default.svc',
    destinationNamespaces: ['data', 'apps'],
    sourceRepos: ['https://git.example.com/platform.git'],
    deniedNamespacedResources: ARGO_CD_CONTROL_KINDS,
    syncWave: -11,
  });
  project.allowNamespaces('apps');
  const objects = render(chart);
  const spec = findOne(objects, 'AppProject').spec;

  test('snapshot', () => {
    expect(objects).toMatchSnapshot();
  });

  test('destinations are this cluster and the listed namespaces, sorted and unique', () => {
    expect(spec.destinations).toEqual([
      { server: 'https://kubernetes.default.svc', namespace: 'apps' },
      { server: 'https://kubernetes.default.svc', namespace: 'data' },
    ]);
  });

  test('no cluster-scoped kinds unless allowed', () => {
    expect(spec.clusterResourceWhitelist).toBeUndefined();
    project.allowClusterResources({ group: 'karpenter.sh', kind: 'NodePool' }, { group: 'karpenter.sh', kind: 'NodePool' });
    expect(findOne(render(chart), 'AppProject').spec.clusterResourceWhitelist).toEqual([{ group: 'karpenter.sh', kind: 'NodePool' }]);
  });

  test('denies Argo CD control kinds when told to', () => {
    expect(spec.namespaceResourceBlacklist).toEqual([
      { group: 'argoproj.io', kind: 'AppProject' },
      { group: 'argoproj.io', kind: 'Application' },
      { group: 'argoproj.io', kind: 'ApplicationSet' },
    ]);
    expect(project.denies({ group: 'argoproj.io', kind: 'Application' })).toBe(true);
    expect(project.denies({ group: 'argoproj.io', kind: 'Rollout' })).toBe(false);
  });

  test('projects come before their Applications', () => {
    expect(findOne(objects, 'AppProject').metadata.annotations!['argocd.argoproj.io/sync-wave']).toBe('-11');
  });

  test('fails when the name is not a DNS label', () => {
    expect(() => new PlatformProject(testChart(), 'p', { name: 'Platform', description: 'd', destinationServer: 'https://kubernetes.default.svc' })).toThrow(
      'PlatformProject p: name = "Platform": must be a DNS label',
    );
  });

  test('fails when the destination server is empty', () => {
    expect(() => new PlatformProject(testChart(), 'p', { name: 'platform', description: 'd', destinationServer: '' })).toThrow(
      'PlatformProject p: destinationServer is empty: give an API server URL or *',
    );
  });
});
