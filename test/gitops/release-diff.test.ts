import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { assertComplete, desiredState, HelmTemplate } from '../../lib/desired';
import { diffCommand, publish, type DiffContext } from '../../lib/gitops';
import { HELM } from '../../scripts/desired/desired-state-of';
import { tempDir } from '../util';
import { git, GIT_ENV, sourceRepo, writeDist } from './gitops-fixtures';

// The release-rendering fixture chart, packaged in two versions: 1.3.0 changes the image and adds a ConfigMap.
const FIXTURE_CHART = join(__dirname, '..', 'plan', 'fixtures', 'charts', 'demo');
const REPO = 'https://git.example.com/platform.git';

function chartVersions(): Record<string, string> {
  const dir = tempDir('charts-');
  const v1 = join(dir, 'demo-1.2.3');
  const v2 = join(dir, 'demo-1.3.0');
  cpSync(FIXTURE_CHART, v1, { recursive: true });
  cpSync(FIXTURE_CHART, v2, { recursive: true });
  writeFileSync(join(v2, 'Chart.yaml'), readFileSync(join(v2, 'Chart.yaml'), 'utf8').replace('version: 1.2.3', 'version: 1.3.0'));
  writeFileSync(join(v2, 'values.yaml'), readFileSync(join(v2, 'values.yaml'), 'utf8').replace('demo:1.0.0', 'demo:1.1.0'));
  writeFileSync(join(v2, 'templates', 'settings.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-settings\n  namespace: {{ .Release.Namespace }}\ndata:\n  mode: fast\n');
  for (const chart of [v1, v2]) execFileSync(HELM, ['package', chart, '--destination', dir]);
  return { 'demo@1.2.3': join(dir, 'demo-1.2.3.tgz'), 'demo@1.3.0': join(dir, 'demo-1.3.0.tgz') };
}

const application = (name: string, spec: Record<string, unknown>, wave = 0) =>
  stringify({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name, namespace: 'argocd', annotations: { 'argocd.argoproj.io/sync-wave': String(wave) } }, spec: { project: 'platform', destination: { server: 'https://kubernetes.default.svc', namespace: 'demo' }, ...spec } });

/** dist/ of one environment `test`: a root Application, a folder Application and the `demo` release at `version`. */
const dist = (version: string): Record<string, string> => ({
  'test/argocd/Application.argocd.test-root.yaml': application('test-root', { project: 'default', source: { repoURL: REPO, path: 'dist/test/argocd', targetRevision: 'gitops' } }),
  'test/argocd/Application.argocd.test-base.yaml': application('test-base', { source: { repoURL: REPO, path: 'dist/test/base', targetRevision: 'gitops' } }, -1),
  'test/argocd/Application.argocd.test-demo.yaml': application('test-demo', {
    sources: [
      { repoURL: 'https://charts.example.com', chart: 'demo', targetRevision: version, helm: { releaseName: 'demo', valueFiles: ['$values/dist/test/helm-values/demo.yaml'] } },
      { repoURL: REPO, targetRevision: 'gitops', ref: 'values' },
    ],
  }),
  'test/base/Namespace.demo.yaml': stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } }),
  'test/helm-values/demo.yaml': stringify({ replicas: 2 }),
});

describe('npm run diff with the real helm: a chart version bump', () => {
  let charts: Record<string, string>;
  beforeAll(() => {
    if (!existsSync(HELM)) throw new Error(`${HELM} missing: bash scripts/tools.sh helm`);
    charts = chartVersions();
  });

  const context = (repo: string, messages: string[]): DiffContext => ({
    repoDir: repo,
    environments: [{ name: 'test', branch: 'gitops' }],
    synth: () => true,
    gitEnv: GIT_ENV,
    log: { log: (m: string) => messages.push(m), error: (m: string) => messages.push(m) },
    production: ['test'],
    desiredState: async ({ root, env }) =>
      assertComplete(
        await desiredState({
          root,
          env,
          kubernetesVersion: '1.35',
          apiVersions: [],
          helm: new HelmTemplate({ binary: HELM }),
          chartArchive: (chart) => charts[`${chart.name}@${chart.version}`] ?? (() => { throw new Error(`no archive for ${chart.name}@${chart.version}`); })(),
        }),
      ),
  });

  test('the Markdown comment lists the objects of the release that change', async () => {
    const repo = sourceRepo();
    writeDist(repo, dist('1.2.3'));
    publish({ repoDir: repo, targets: [{ branch: 'gitops', environments: ['test'] }], gitEnv: GIT_ENV, log: { log: () => undefined } });
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'demo 1.3.0');
    writeDist(repo, dist('1.3.0'));

    const messages: string[] = [];
    expect(await diffCommand(['--no-synth', '--format', 'markdown'], context(repo, messages))).toBe(1);
    const markdown = messages.join('\n');
    expect(markdown).toContain('| **test** | 2 | 1 | 2 | 0 | ⚠️ prod |');
    expect(markdown).toContain('<b>test-demo</b> · helm demo@1.2.3 → demo@1.3.0 · 1 added, 1 changed, 0 removed · ⚠️ prod</summary>');
    expect(markdown).toContain('| + | `ConfigMap demo/demo-settings` |  |');
    expect(markdown).toContain('| ~ | `Deployment demo/demo` |  |');
    expect(markdown).toContain('-        - image: registry.example.com/demo:1.0.0\n+        - image: registry.example.com/demo:1.1.0\n');
    // The Application object itself changes in the root Application's folder.
    expect(markdown).toContain('| ~ | `Application argocd/test-demo` |  |');
    expect(markdown).toContain('-      targetRevision: 1.2.3\n+      targetRevision: 1.3.0\n');

    writeDist(repo, dist('1.2.3'));
    const none: string[] = [];
    expect(await diffCommand(['--no-synth', '--format', 'markdown'], context(repo, none))).toBe(0);
    expect(none).toHaveLength(1);
    expect(none[0]).toMatch(/^No changes: [0-9a-f]{12} renders exactly what gitops \([0-9a-f]{12}\) holds for test\.$/);
  });

  test('a release that cannot be rendered fails the diff (exit 2) naming the Application and chart', async () => {
    const repo = sourceRepo();
    writeDist(repo, dist('9.9.9'));
    const messages: string[] = [];
    expect(await diffCommand(['--no-synth'], context(repo, messages))).toBe(2);
    expect(messages).toEqual(['diff: test: Application test-demo (Helm release demo, chart demo@9.9.9): no archive for demo@9.9.9']);
  });
});
