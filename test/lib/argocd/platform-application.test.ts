import { ApplicationSource, PlatformApplication, PlatformProject, RESOURCES_FINALIZER } from '../../../lib/argocd';
import { UPSTREAM } from '../../../lib/upstream/pins';
import { findOne, render, testChart } from '../../util';

const repoUrl = 'https://git.example.com/platform.git';
const directory = ApplicationSource.gitDirectory({ repoUrl, revision: 'gitops', path: 'dist/prod/baseline' });

function application(props: Partial<ConstructorParameters<typeof PlatformApplication>[2]> = {}) {
  const chart = testChart();
  const app = new PlatformApplication(chart, 'app', {
    name: 'prod-baseline',
    project: { projectName: 'default' },
    source: directory,
    destinationServer: 'https://kubernetes.default.svc',
    destinationNamespace: 'apps',
    ...props,
  });
  return { chart, app };
}

describe('PlatformApplication', () => {
  test('snapshot (Helm chart, multi-source)', () => {
    const { chart } = application({
      name: 'prod-keda',
      source: ApplicationSource.helmChart({ chart: UPSTREAM.keda.chart, releaseName: 'keda', valuesRepoUrl: repoUrl, valuesRevision: 'gitops', valuesPath: 'dist/prod/helm-values/keda.yaml' }),
      destinationNamespace: 'keda',
      syncWave: -5,
      serverSideApply: true,
    });
    expect(render(chart)).toMatchSnapshot();
  });

  test('automated sync with prune and self-heal, prune last, retry with back-off', () => {
    const spec = findOne(render(application().chart), 'Application').spec;
    expect(spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    expect(spec.syncPolicy.syncOptions).toEqual(['PruneLast=true']);
    expect(spec.syncPolicy.retry).toEqual({ limit: 10, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } });
    expect(spec.source).toEqual({ repoURL: repoUrl, targetRevision: 'gitops', path: 'dist/prod/baseline' });
    expect(spec.sources).toBeUndefined();
  });

  test('sync wave annotation and cascading-delete finalizer, unless turned off', () => {
    const on = findOne(render(application({ syncWave: 3 }).chart), 'Application');
    expect(on.metadata.annotations!['argocd.argoproj.io/sync-wave']).toBe('3');
    expect((on.metadata as { finalizers?: string[] }).finalizers).toEqual([RESOURCES_FINALIZER]);
    const off = findOne(render(application({ cascadeDelete: false }).chart), 'Application');
    expect((off.metadata as { finalizers?: string[] }).finalizers).toBeUndefined();
  });

  test('CreateNamespace and ServerSideApply only when asked', () => {
    const spec = findOne(render(application({ createNamespace: true, serverSideApply: true }).chart), 'Application').spec;
    expect(spec.syncPolicy.syncOptions).toEqual(['CreateNamespace=true', 'PruneLast=true', 'ServerSideApply=true']);
  });

  test('ignoreReplicasOf leaves spec.replicas to the autoscaler and respects it on sync', () => {
    const { chart, app } = application();
    app.ignoreReplicasOf({ group: 'argoproj.io', kind: 'Rollout', name: 'web', namespace: 'apps' });
    const spec = findOne(render(chart), 'Application').spec;
    expect(spec.ignoreDifferences).toEqual([{ group: 'argoproj.io', kind: 'Rollout', name: 'web', namespace: 'apps', jsonPointers: ['/spec/replicas'] }]);
    expect(spec.syncPolicy.syncOptions).toContain('RespectIgnoreDifferences=true');
  });

  test('tells its project which repositories and namespace it needs', () => {
    const chart = testChart();
    const project = new PlatformProject(chart, 'project', { name: 'platform', description: 'd', destinationServer: 'https://kubernetes.default.svc' });
    new PlatformApplication(chart, 'app', {
      name: 'prod-karpenter',
      project,
      source: ApplicationSource.helmChart({ chart: UPSTREAM.karpenter.chart, releaseName: 'karpenter', valuesRepoUrl: repoUrl, valuesRevision: 'gitops', valuesPath: 'v.yaml' }),
      destinationServer: 'https://kubernetes.default.svc',
      destinationNamespace: 'karpenter',
      createNamespace: true,
    });
    const spec = findOne(render(chart), 'AppProject').spec;
    expect(spec.sourceRepos).toEqual([repoUrl, 'public.ecr.aws/karpenter']);
    expect(spec.destinations).toEqual([{ server: 'https://kubernetes.default.svc', namespace: 'karpenter' }]);
    expect(spec.clusterResourceWhitelist).toEqual([{ group: '', kind: 'Namespace' }]);
    expect(findOne(render(chart), 'Application').spec.project).toBe('platform');
  });

  test('fails when the name is not a DNS label', () => {
    expect(() => application({ name: 'Prod_Baseline' })).toThrow('PlatformApplication app: name = "Prod_Baseline": must be a DNS label of at most 63 characters');
  });

  test('fails when the destination namespace is not a namespace name', () => {
    expect(() => application({ destinationNamespace: 'Apps' })).toThrow('PlatformApplication app: destinationNamespace = "Apps": must be a namespace name (DNS label)');
  });

  test('fails when the sync wave is not an integer', () => {
    expect(() => application({ syncWave: 1.5 })).toThrow('PlatformApplication app: syncWave = 1.5: must be an integer');
  });

  test('fails when the destination server is empty', () => {
    expect(() => application({ destinationServer: '' })).toThrow('PlatformApplication app: destinationServer is empty: give the API server URL');
  });

  test('fails when the retry limit is negative', () => {
    expect(() => application({ retry: { limit: -1, backoffDuration: '5s', backoffFactor: 2, backoffMaxDuration: '1m' } })).toThrow(
      'PlatformApplication app: retry.limit = -1: must be an integer >= 0',
    );
  });
});
