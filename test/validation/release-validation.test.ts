import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { desiredState, HelmTemplate, type DesiredState } from '../../lib/desired';
import { isRbacNameFalsePositive, kubectlValidate } from '../../lib/validation/kubectl-validate';
import { chartCrds, writeCrdFiles } from '../../lib/validation/release-manifests';
import { formatReleaseError, validateReleases } from '../../lib/validation/release-validation';
import { HELM } from '../../scripts/desired/desired-state-of';
import { KUBECTL_VALIDATE } from '../../scripts/validate';
import { tempDir } from '../util';

const ROOT = resolve(__dirname, '../..');
const CHART = join(ROOT, 'test', 'fixtures', 'charts', 'broken-web');
const GITOPS = 'https://git.example.com/platform-gitops.git';
const LABEL = 'dev: Application dev-web (Helm release web, chart broken-web@0.1.0)';

/** The real tools: a missing one fails the test with how to build it, never skips it. */
function requireTool(path: string, name: string): void {
  if (!existsSync(path)) throw new Error(`${path} not found: these tests need the real ${name}; build it with bash scripts/tools.sh ${name}`);
}

/** A root Application and Helm Applications installing the test chart, as dist/dev/argocd. */
function gitopsTree(apps: readonly { name: string; parameters?: { name: string; value: string }[] }[]): string {
  const root = tempDir('release-validation-');
  const argocd = join(root, 'dist', 'dev', 'argocd');
  mkdirSync(argocd, { recursive: true });
  const application = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name, namespace: 'argocd' }, spec: { project: 'platform', ...spec } });
  writeFileSync(join(argocd, 'Application.argocd.dev-root.yaml'), stringify(application('dev-root', {
    source: { repoURL: GITOPS, targetRevision: 'gitops', path: 'dist/dev/argocd' },
    destination: { server: 'https://kubernetes.default.svc', namespace: 'argocd' },
  })));
  for (const app of apps) {
    writeFileSync(join(argocd, `Application.argocd.${app.name}.yaml`), stringify(application(app.name, {
      sources: [{ repoURL: 'https://charts.example.com', chart: 'broken-web', targetRevision: '0.1.0', helm: { releaseName: 'web', ...(app.parameters ? { parameters: app.parameters } : {}) } }],
      destination: { server: 'https://kubernetes.default.svc', namespace: 'web' },
    })));
  }
  return root;
}

/** The test chart packaged by the real helm, then rendered the way Argo CD renders it. */
async function render(apps: Parameters<typeof gitopsTree>[0]): Promise<DesiredState> {
  requireTool(HELM, 'helm');
  const packaged = tempDir('broken-web-chart-');
  const run = spawnSync(HELM, ['package', CHART, '--destination', packaged], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`helm package failed: ${run.stderr}`);
  return desiredState({
    root: gitopsTree(apps),
    env: 'dev',
    kubernetesVersion: '1.33',
    apiVersions: [],
    helm: new HelmTemplate({ binary: HELM }),
    chartArchive: (chart) => join(packaged, `${chart.name}-${chart.version}.tgz`),
  });
}

function validate(state: DesiredState) {
  requireTool(KUBECTL_VALIDATE, 'kubectl-validate');
  const crds = tempDir('chart-crds-');
  writeCrdFiles(chartCrds(state), crds);
  return validateReleases(state, { binary: KUBECTL_VALIDATE, kubernetesVersion: '1.33', crdDirs: [crds], workDir: tempDir('release-manifests-') });
}

describe('kubectl-validate over rendered Helm releases', () => {
  test('fails when a release renders a Deployment with an unknown field, naming environment, Application, release, chart, object and template', async () => {
    const state = await render([{ name: 'dev-web' }]);
    expect(state.renderErrors).toEqual([]);
    const result = validate(state);
    expect(result.releases).toBe(1);
    const deployment = result.errors.find((e) => e.object.startsWith('Deployment'));
    expect(deployment).toEqual({ release: LABEL, object: 'Deployment web (broken-web/templates/deployment.yaml)', message: expect.stringContaining('spec.replicaCount: Invalid value: value provided for unknown field') });
    expect(formatReleaseError(deployment!)).toMatch(/^dev: Application dev-web \(Helm release web, chart broken-web@0\.1\.0\): Deployment web \(broken-web\/templates\/deployment\.yaml\)\n {4}/);
  }, 120_000);

  test('fails when a custom resource breaks the schema of the CRD its own chart ships', async () => {
    const state = await render([{ name: 'dev-web' }]);
    expect(chartCrds(state).map((c) => c.metadata?.name)).toEqual(['widgets.example.com']);
    const widget = validate(state).errors.find((e) => e.object.startsWith('Widget'));
    expect(widget?.object).toBe('Widget web (broken-web/templates/widget.yaml)');
    expect(widget?.message).toContain('spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"');
  }, 120_000);

  test('accepts an RBAC name with colons, as the API server does, and nothing else of the release', async () => {
    const result = validate(await render([{ name: 'dev-web' }]));
    expect(result.objects).toBe(4);
    expect(result.errors.map((e) => e.object.split(' ')[0])).toEqual(['Deployment', 'Widget']);
  }, 120_000);

  test('fails when a release does not render, with Helm\'s message', async () => {
    const state = await render([{ name: 'dev-web', parameters: [{ name: 'fail', value: 'true' }] }]);
    const result = validate(state);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].release).toBe(LABEL);
    expect(result.errors[0].object).toBe('');
    expect(result.errors[0].message).toContain('broken-web: rendering failed on purpose (fail=true)');
    expect(formatReleaseError(result.errors[0])).toMatch(/^dev: Application dev-web \(Helm release web, chart broken-web@0\.1\.0\): NOT RENDERED\n {4}helm template failed: /);
  }, 120_000);
});

describe('RBAC names', () => {
  const message = (kind: string, name: string) =>
    `${kind}.rbac.authorization.k8s.io "${name}" is invalid: metadata.name: Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;

  test('a path-segment name of a Role, ClusterRole or binding is not an error', () => {
    for (const kind of ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']) expect(isRbacNameFalsePositive(message(kind, 'kyverno:admission-controller'))).toBe(true);
  });

  test('kubectl-validate passes a file whose only complaint is such a name', () => {
    requireTool(KUBECTL_VALIDATE, 'kubectl-validate');
    const dir = tempDir('rbac-names-');
    writeFileSync(join(dir, 'role.yaml'), stringify({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:reader' }, rules: [] }));
    writeFileSync(join(dir, 'bad.yaml'), stringify({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'a/b' }, rules: [] }));
    const result = kubectlValidate({ binary: KUBECTL_VALIDATE, cwd: dir, files: ['role.yaml', 'bad.yaml'], crdDirs: [], kubernetesVersion: '1.33' });
    expect(result.errors.map((e) => e.object)).toEqual(['ClusterRole a/b']);
  }, 60_000);

  test('fails when the RBAC name is not a path segment', () => {
    expect(isRbacNameFalsePositive(message('ClusterRole', 'a/b'))).toBe(false);
    expect(isRbacNameFalsePositive(message('ClusterRole', 'a%b'))).toBe(false);
    expect(isRbacNameFalsePositive(message('ClusterRole', '..'))).toBe(false);
  });

  test('fails for other kinds and for messages with further errors', () => {
    expect(isRbacNameFalsePositive(message('ConfigMap', 'a:b').replace('.rbac.authorization.k8s.io', ''))).toBe(false);
    expect(isRbacNameFalsePositive(`ClusterRole.rbac.authorization.k8s.io "a:b" is invalid: [metadata.name: Invalid value: "a:b": a lowercase RFC 1123 subdomain must consist of x, rules[0].verbs: Required value]`)).toBe(false);
  });
});
