import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Chart } from 'cdk8s';
import { HelmRelease } from '../../lib/helm/helm-release';
import { renderApp } from '../../lib/render/render-app';
import { UPSTREAM } from '../../lib/upstream/pins';
import { KUBECTL_VALIDATE, manifestFiles, releasesOf } from '../../scripts/validate';
import { VALUES_ALLOWLIST } from '../../scripts/upstream/values-allowlist';
import { env, tempDir, testApp } from '../util';

const ROOT = resolve(__dirname, '../..');

/** Writes rendered files under `dir`. */
function writeTree(dir: string, files: readonly { path: string; content: string }[]): void {
  for (const file of files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.content);
  }
}

/** An environment as the renderer writes it: one namespace and one Karpenter release. */
function renderedEnv(values: Record<string, unknown>) {
  const app = testApp();
  const chart = new Chart(app, 'baseline');
  new HelmRelease(chart, 'karpenter', { chart: UPSTREAM.karpenter.chart, releaseName: 'karpenter', namespace: 'kube-system', values });
  const files = renderApp(app, 'environments/dev');
  return [...files, { path: 'baseline/Namespace.apps.yaml', content: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n' }];
}

describe('helm-values/releases.json', () => {
  test('the renderer indexes every release with its chart, and the validator reads it back', () => {
    const files = renderedEnv({ settings: { clusterName: 'dev' } });
    const index = files.find((f) => f.path === 'helm-values/releases.json');
    expect(JSON.parse(index!.content)).toEqual([
      { release: 'karpenter', namespace: 'kube-system', chart: { name: 'karpenter', repository: 'oci://public.ecr.aws/karpenter', version: '1.14.1' }, values: 'helm-values/karpenter.yaml' },
    ]);
    const dir = tempDir();
    writeTree(dir, files);
    expect(manifestFiles(dir)).toEqual(['baseline/Namespace.apps.yaml']);
    expect(releasesOf(dir, 'dist/dev')).toEqual({
      releases: [{ source: 'dist/dev/helm-values/karpenter.yaml', chart: UPSTREAM.karpenter.chart, values: { settings: { clusterName: 'dev' } } }],
      errors: [],
    });
  });

  test('fails when a values file is not in the index', () => {
    const dir = tempDir();
    writeTree(dir, [...renderedEnv({}), { path: 'helm-values/stray.yaml', content: 'a: 1\n' }]);
    expect(releasesOf(dir, 'dist/dev').errors).toEqual(['dist/dev/helm-values/stray.yaml: not listed in helm-values/releases.json; re-render with npx tsx main.ts']);
  });

  test('renders no index for an environment without releases', () => {
    const app = testApp();
    new Chart(app, 'baseline');
    expect(renderApp(app, 'environments/dev').map((f) => f.path)).toEqual([]);
  });
});

describe('values allowlist', () => {
  test('every entry names a pinned chart and says why', () => {
    const charts = new Set<string>(Object.values(UPSTREAM).map((c) => c.chart.name));
    for (const entry of VALUES_ALLOWLIST) {
      expect(charts.has(entry.chart)).toBe(true);
      expect(entry.reason.trim().length).toBeGreaterThan(10);
    }
  });
});

// In CI the tool is always installed first, so a missing one fails instead of skipping.
const describeWithTool = existsSync(KUBECTL_VALIDATE) || process.env.CI ? describe : describe.skip;
describeWithTool('npm run validate', () => {
  test('exits 1 and names every invalid object, unknown values key and environment whose releases cannot be rendered', () => {
    const dist = tempDir('validate-dist-');
    writeTree(join(dist, 'dev'), [
      ...renderedEnv({ settings: { clusterName: 'dev', clusterNmae: 'typo' } }),
      { path: 'baseline/ConfigMap.apps.settings.yaml', content: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: apps\ndata:\n  retries: 3\n' },
    ]);
    const run = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/validate.ts', '--dist', dist, '--env', 'dev'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stdout).toContain(`dev        Kubernetes ${env('dev').cluster.kubernetesVersion}     2 objects in 2 files: 1 invalid`);
    expect(run.stdout).toContain(`${dist}/dev/baseline/ConfigMap.apps.settings.yaml: ConfigMap apps/settings`);
    expect(run.stdout).toContain('data.retries in body must be of type string');
    expect(run.stdout).toContain(`${dist}/dev/helm-values/karpenter.yaml: settings.clusterNmae: not a value of chart karpenter 1.14.1`);
    expect(run.stdout).toContain(`Helm releases: NOT CHECKED: ${dist}/dev/argocd does not exist: the Helm releases Argo CD applies cannot be rendered`);
    expect(run.stdout).toContain('validate: 3 errors');
    expect(run.status).toBe(1);
  }, 120_000);
});
