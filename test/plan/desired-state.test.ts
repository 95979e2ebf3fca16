import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { desiredState, HelmTemplate, helmTemplateArgs, kubeVersionFlag } from '../../lib/desired';
import { HELM } from '../../scripts/desired/desired-state-of';

const CHART = join(__dirname, 'fixtures', 'charts', 'demo');
const REPO = 'https://git.example.com/platform.git';

function application(name: string, sources: unknown[], wave = 0) {
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name, namespace: 'argocd', annotations: { 'argocd.argoproj.io/sync-wave': String(wave) } }, spec: { project: 'platform', destination: { server: 'https://kubernetes.default.svc', namespace: 'demo' }, sources } };
}

describe('desiredState with the real helm', () => {
  let root: string;
  let archive: string;
  beforeAll(() => {
    if (!existsSync(HELM)) throw new Error(`${HELM} missing: bash scripts/tools.sh helm`);
    root = mkdtempSync(join(tmpdir(), 'desired-'));
    execFileSync(HELM, ['package', CHART, '--destination', root]);
    archive = join(root, 'demo-1.2.3.tgz');
    mkdirSync(join(root, 'dist/test/argocd'), { recursive: true });
    mkdirSync(join(root, 'dist/test/helm-values'), { recursive: true });
    mkdirSync(join(root, 'dist/test/base'), { recursive: true });
    writeFileSync(join(root, 'dist/test/base/ns.yaml'), stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } }));
    writeFileSync(join(root, 'dist/test/helm-values/demo.yaml'), stringify({ replicas: 3 }));
    writeFileSync(join(root, 'dist/test/helm-values/broken.yaml'), stringify({ replicas: null }));
    const root_ = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'test-root', namespace: 'argocd' }, spec: { project: 'default', destination: { namespace: 'argocd' }, source: { repoURL: REPO, path: 'dist/test/argocd', targetRevision: 'gitops' } } };
    const chartSource = (values: string) => [
      { repoURL: 'https://charts.example.com', chart: 'demo', targetRevision: '1.2.3', helm: { releaseName: 'demo', valueFiles: [`$values/dist/test/helm-values/${values}`] } },
      { repoURL: REPO, targetRevision: 'gitops', ref: 'values' },
    ];
    writeFileSync(join(root, 'dist/test/argocd/root.yaml'), stringify(root_));
    writeFileSync(join(root, 'dist/test/argocd/base.yaml'), stringify(application('test-base', [{ repoURL: REPO, path: 'dist/test/base', targetRevision: 'gitops' }], -1)));
    writeFileSync(join(root, 'dist/test/argocd/demo.yaml'), stringify(application('test-demo', chartSource('demo.yaml'))));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const options = (apiVersions: string[] = []) => ({
    root,
    env: 'test',
    kubernetesVersion: '1.35',
    apiVersions,
    helm: new HelmTemplate({ binary: HELM }),
    chartArchive: (chart: { name: string; version: string }) => {
      if (chart.name !== 'demo' || chart.version !== '1.2.3') throw new Error(`no archive for ${chart.name}@${chart.version}`);
      return archive;
    },
  });

  test('renders folders and Helm releases the way Argo CD would ($values, namespace, capabilities)', async () => {
    const state = await desiredState(options(['monitoring.coreos.com/v1', 'monitoring.coreos.com/v1/ServiceMonitor']));
    expect(state.renderErrors).toEqual([]);
    expect(state.applications.map((a) => [a.name, a.kind, a.source])).toEqual([
      ['test-root', 'directory', 'dist/test/argocd'],
      ['test-base', 'directory', 'dist/test/base'],
      ['test-demo', 'helm', 'demo@1.2.3'],
    ]);
    const demo = state.applications[2];
    const deployment = demo.objects.find((o) => o.kind === 'Deployment') as any;
    expect(deployment.metadata.namespace).toBe('demo');
    expect(deployment.spec.replicas).toBe(3);
    // --api-versions reaches the chart's Capabilities, as the cluster's CRDs do in Argo CD.
    expect(demo.objects.map((o) => o.kind)).toContain('ServiceMonitor');
    expect(demo.origins).toContain('demo/templates/deployment.yaml');
  });

  test('without the CRD group the chart leaves the ServiceMonitor out', async () => {
    const state = await desiredState(options());
    expect(state.applications[2].objects.map((o) => o.kind)).toEqual(['Deployment']);
  });

  test('fails with environment, release, chart@version and Helm\'s error when a chart does not render', async () => {
    const app = application('test-broken', [
      { repoURL: 'https://charts.example.com', chart: 'demo', targetRevision: '1.2.3', helm: { releaseName: 'broken', valueFiles: ['$values/dist/test/helm-values/broken.yaml'] } },
      { repoURL: REPO, targetRevision: 'gitops', ref: 'values' },
    ]);
    writeFileSync(join(root, 'dist/test/argocd/broken.yaml'), stringify(app));
    try {
      const state = await desiredState(options());
      expect(state.renderErrors).toHaveLength(1);
      expect(state.renderErrors[0]).toMatch(/^test: Application test-broken \(Helm release broken, chart demo@1\.2\.3\): helm template failed: Error: .*replicas is required/s);
    } finally {
      rmSync(join(root, 'dist/test/argocd/broken.yaml'));
    }
  });

  test('fails when the pinned chart cannot be obtained', async () => {
    const app = application('test-missing', [{ repoURL: 'https://charts.example.com', chart: 'demo', targetRevision: '9.9.9', helm: { releaseName: 'missing' } }]);
    writeFileSync(join(root, 'dist/test/argocd/missing.yaml'), stringify(app));
    try {
      const state = await desiredState(options());
      expect(state.renderErrors).toEqual(['test: Application test-missing (Helm release missing, chart demo@9.9.9): no archive for demo@9.9.9']);
    } finally {
      rmSync(join(root, 'dist/test/argocd/missing.yaml'));
    }
  });

  test('fails when a value file names a ref no source defines', async () => {
    const app = application('test-noref', [{ repoURL: 'https://charts.example.com', chart: 'demo', targetRevision: '1.2.3', helm: { releaseName: 'noref', valueFiles: ['$other/x.yaml'] } }]);
    writeFileSync(join(root, 'dist/test/argocd/noref.yaml'), stringify(app));
    try {
      const state = await desiredState(options());
      expect(state.renderErrors).toEqual(['test: Application test-noref (Helm release noref, chart demo@1.2.3): value file $other/x.yaml names ref other, which no source defines']);
    } finally {
      rmSync(join(root, 'dist/test/argocd/noref.yaml'));
    }
  });
});

describe('helm template arguments', () => {
  test('follow Argo CD: namespace, kube version, API versions, value files, inline values, parameters, CRDs', () => {
    const args = helmTemplateArgs(
      { releaseName: 'r', namespace: 'ns', chartArchive: '/c.tgz', valueFiles: ['/a.yaml'], inlineValues: 'x: 1', parameters: [{ name: 'a', value: '1' }, { name: 'b', value: '2', forceString: true }], kubernetesVersion: '1.35', apiVersions: ['b/v1', 'a/v1'], includeCrds: true },
      '/inline.yaml',
    );
    expect(args).toEqual(['template', 'r', '/c.tgz', '--namespace', 'ns', '--kube-version', 'v1.35.0', '--api-versions', 'a/v1', '--api-versions', 'b/v1', '--values', '/a.yaml', '--values', '/inline.yaml', '--set', 'a=1', '--set-string', 'b=2', '--include-crds']);
  });

  test('kube version flag', () => {
    expect(kubeVersionFlag('1.35')).toBe('v1.35.0');
    expect(kubeVersionFlag('v1.33.2')).toBe('v1.33.2');
  });
});
