import { ApplicationSource } from '../../../lib/argocd';
import { UPSTREAM } from '../../../lib/upstream/pins';

const values = { valuesRepoUrl: 'https://git.example.com/p.git', valuesRevision: 'gitops', valuesPath: 'dist/prod/helm-values/keda.yaml' };

describe('ApplicationSource', () => {
  test('a git folder is one source', () => {
    const source = ApplicationSource.gitDirectory({ repoUrl: 'https://git.example.com/p.git', revision: 'gitops', path: 'dist/prod/baseline' });
    expect(source.multiSource).toBe(false);
    expect(source.sources).toEqual([{ repoUrl: 'https://git.example.com/p.git', targetRevision: 'gitops', path: 'dist/prod/baseline' }]);
    expect(source.repoUrls).toEqual(['https://git.example.com/p.git']);
  });

  test('a Helm chart is the pinned chart plus the values repository, referenced as $values', () => {
    const source = ApplicationSource.helmChart({ chart: UPSTREAM.keda.chart, releaseName: 'keda', ...values });
    expect(source.multiSource).toBe(true);
    expect(source.sources).toEqual([
      {
        repoUrl: 'https://kedacore.github.io/charts',
        chart: 'keda',
        targetRevision: UPSTREAM.keda.chart.version,
        helm: { releaseName: 'keda', valueFiles: ['$values/dist/prod/helm-values/keda.yaml'] },
      },
      { repoUrl: 'https://git.example.com/p.git', targetRevision: 'gitops', ref: 'values' },
    ]);
    expect(source.repoUrls).toEqual(['https://kedacore.github.io/charts', 'https://git.example.com/p.git']);
  });

  test('OCI registries are named without the oci:// scheme (Argo CD Helm-over-OCI form)', () => {
    const source = ApplicationSource.helmChart({ chart: UPSTREAM.karpenter.chart, releaseName: 'karpenter', ...values });
    expect(source.sources[0]).toMatchObject({ repoUrl: 'public.ecr.aws/karpenter', chart: 'karpenter' });
    expect(ApplicationSource.helmRepoUrl('https://argoproj.github.io/argo-helm')).toBe('https://argoproj.github.io/argo-helm');
  });

  test('fails when the chart version is a range', () => {
    expect(() => ApplicationSource.helmChart({ chart: { name: 'keda', repository: 'https://kedacore.github.io/charts', version: '2.x' }, releaseName: 'keda', ...values })).toThrow(
      'ApplicationSource.helmChart: chart.version = "2.x" (keda): must be an exact version, not a range, so every sync installs the pinned chart',
    );
  });

  test('fails when the folder leaves the repository', () => {
    expect(() => ApplicationSource.gitDirectory({ repoUrl: 'https://git.example.com/p.git', revision: 'gitops', path: '../other' })).toThrow(
      'ApplicationSource.gitDirectory: path = "../other": must be a relative path inside the repository, without ..',
    );
  });

  test('fails when the values file path is absolute', () => {
    expect(() => ApplicationSource.helmChart({ chart: UPSTREAM.keda.chart, releaseName: 'keda', ...values, valuesPath: '/etc/values.yaml' })).toThrow(
      'ApplicationSource.helmChart: valuesPath = "/etc/values.yaml": must be a relative path inside the repository, without ..',
    );
  });
});
