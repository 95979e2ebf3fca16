import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import type { ManifestObject } from '../../lib/argocd';
import { diffCommand, publish, type DiffContext, type EnvironmentState } from '../../lib/gitops';
import { git, GIT_ENV, sourceRepo, writeDist } from './gitops-fixtures';

// What each chart version renders, standing in for the Helm rendering of a release.
const CHART_OUTPUT: Record<string, ManifestObject[]> = {
  'karpenter@1.14.1': [
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'karpenter', namespace: 'karpenter' }, spec: { replicas: 2, template: { spec: { containers: [{ name: 'controller', image: 'public.ecr.aws/karpenter/controller:1.14.1' }] } } } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'karpenter', namespace: 'karpenter' } },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'karpenter-admin' }, rules: [] },
  ],
  'karpenter@1.15.0': [
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'karpenter', namespace: 'karpenter' }, spec: { replicas: 2, template: { spec: { containers: [{ name: 'controller', image: 'public.ecr.aws/karpenter/controller:1.15.0' }] } } } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'karpenter', namespace: 'karpenter' } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'karpenter-global-settings', namespace: 'karpenter' }, data: { batchMaxDuration: '10s' } },
  ],
};

/** The Applications of `dist/<env>/argocd/` and their objects: directory sources read, releases from CHART_OUTPUT. */
function desiredState({ root, env }: { root: string; env: string }): EnvironmentState {
  const folder = join(root, 'dist', env, 'argocd');
  const applications = readdirSync(folder)
    .filter((f) => f.startsWith('Application.'))
    .map((f) => parse(readFileSync(join(folder, f), 'utf8')))
    .map((app) => {
      const chart = app.spec.sources?.find((s: { chart?: string }) => s.chart);
      const source: string = chart ? `${chart.chart}@${chart.targetRevision}` : app.spec.source.path;
      const objects = chart
        ? CHART_OUTPUT[source]
        : readdirSync(join(root, source)).flatMap((f) => parseAllDocuments(readFileSync(join(root, source, f), 'utf8')).map((d) => d.toJS() as ManifestObject));
      return { name: app.metadata.name, project: app.spec.project, wave: Number(app.metadata.annotations['argocd.argoproj.io/sync-wave']), kind: chart ? ('helm' as const) : ('directory' as const), source, objects };
    });
  return { env, applications };
}

const application = (env: string, name: string, spec: string, wave: number) =>
  `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ${env}-${name}\n  namespace: argocd\n  annotations:\n    argocd.argoproj.io/sync-wave: "${wave}"\nspec:\n  project: platform\n${spec}`;
const directory = (env: string, chart: string, wave: number) => application(env, chart, `  source:\n    path: dist/${env}/${chart}\n`, wave);
const helm = (env: string, release: string, version: string) =>
  application(env, release, `  sources:\n    - chart: ${release}\n      repoURL: public.ecr.aws/karpenter\n      targetRevision: ${version}\n    - ref: values\n`, -1);
const nodePool = (cpu: string) => `apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: spot\nspec:\n  limits:\n    cpu: "${cpu}"\n`;

const dist = (karpenter: string, cpu = '100'): Record<string, string> => ({
  'dev/argocd/Application.argocd.dev-capacity.yaml': directory('dev', 'capacity', 0),
  'dev/capacity/NodePool.spot.yaml': nodePool('10'),
  'prod/argocd/Application.argocd.prod-capacity.yaml': directory('prod', 'capacity', 0),
  'prod/argocd/Application.argocd.prod-karpenter.yaml': helm('prod', 'karpenter', karpenter),
  'prod/capacity/NodePool.spot.yaml': nodePool(cpu),
});

describe('npm run diff over what Argo CD applies, between a base and a head commit', () => {
  const context = (repo: string, messages: string[]): DiffContext => ({
    repoDir: repo,
    environments: [{ name: 'dev', branch: 'gitops' }, { name: 'prod', branch: 'gitops' }],
    synth: () => true,
    gitEnv: GIT_ENV,
    log: { log: (m: string) => messages.push(m), error: (m: string) => messages.push(m) },
    desiredState,
    production: ['prod'],
  });
  /** A source repository whose base commit is published to gitops, and a head commit rendered into dist/. */
  const repository = (head: Record<string, string>) => {
    const repo = sourceRepo();
    writeDist(repo, dist('1.14.1'));
    publish({ repoDir: repo, targets: [{ branch: 'gitops', environments: ['dev', 'prod'] }], gitEnv: GIT_ENV, log: { log: () => undefined } });
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'bump karpenter');
    writeDist(repo, head);
    return repo;
  };

  test('a chart version bump lists the release objects that change, in the Markdown comment', async () => {
    const repo = repository(dist('1.15.0', '200'));
    const messages: string[] = [];
    expect(await diffCommand(['--no-synth', '--format', 'markdown'], context(repo, messages))).toBe(1);
    const markdown = messages.join('\n');
    const [gitops, head] = [git(repo, 'rev-parse', 'gitops'), git(repo, 'rev-parse', 'HEAD')].map((c) => c.slice(0, 12));
    expect(markdown).toContain(`Rendered from ${head}, compared with gitops (${gitops}), object by object`);
    expect(markdown).toContain('| dev | 0 | 0 | 0 | 0 | no changes |\n| **prod** | 2 | 1 | 2 | 1 | ⚠️ delete, capacity, prod |');
    expect(markdown).toContain('<b>prod-karpenter</b> · helm karpenter@1.14.1 → karpenter@1.15.0 · 1 added, 1 changed, 1 removed · ⚠️ delete, prod</summary>');
    expect(markdown).toContain('| ~ | `Deployment karpenter/karpenter` |  |');
    expect(markdown).toContain('| + | `ConfigMap karpenter/karpenter-global-settings` |  |');
    expect(markdown).toContain('| − | `ClusterRole karpenter-admin` | delete |');
    expect(markdown).toContain('-        - image: public.ecr.aws/karpenter/controller:1.14.1\n+        - image: public.ecr.aws/karpenter/controller:1.15.0\n');
    expect(markdown).toContain('| ~ | `NodePool spot` | capacity (spec.limits: {"cpu":"100"} -&gt; {"cpu":"200"}) |');
    expect(markdown.length).toBeLessThan(65_536);
  });

  test('a no-op says so in one line and exits 0', async () => {
    const repo = repository(dist('1.14.1'));
    const messages: string[] = [];
    expect(await diffCommand(['--no-synth', '--format', 'markdown'], context(repo, messages))).toBe(0);
    expect(messages).toEqual([`No changes: ${git(repo, 'rev-parse', 'HEAD').slice(0, 12)} renders exactly what gitops (${git(repo, 'rev-parse', 'gitops').slice(0, 12)}) holds for dev, prod.`]);
  });

  test('--format json carries every change; --env and --base select what is compared', async () => {
    const repo = repository(dist('1.15.0'));
    const messages: string[] = [];
    expect(await diffCommand(['--no-synth', '--format', 'json', '--env', 'prod'], context(repo, messages))).toBe(1);
    const report = JSON.parse(messages[0]);
    expect(report.environments.map((e: { env: string }) => e.env)).toEqual(['prod']);
    expect(report.environments[0].applications[0]).toMatchObject({ name: 'prod-karpenter', sourceBefore: 'karpenter@1.14.1', sourceAfter: 'karpenter@1.15.0' });
    expect(await diffCommand(['--no-synth', '--env', 'dev', '--base', 'gitops'], context(repo, []))).toBe(0);
    const unknown: string[] = [];
    expect(await diffCommand(['--no-synth', '--base', 'no-such-ref'], context(repo, unknown))).toBe(2);
    expect(unknown[0]).toMatch(/^diff: no-such-ref: no such commit in /);
  });

  test('exit 2 on an unknown format', async () => {
    const messages: string[] = [];
    expect(await diffCommand(['--format', 'html'], context(sourceRepo(), messages))).toBe(2);
    expect(messages).toEqual(['diff: --format html: expected one of terminal, markdown, json']);
  });

  test('nothing published yet: every object is added', async () => {
    const repo = sourceRepo();
    writeDist(repo, dist('1.14.1'));
    const messages: string[] = [];
    expect(await diffCommand(['--no-synth', '--env', 'dev'], context(repo, messages))).toBe(1);
    expect(messages[0].split('\n')[0]).toBe('dev: 1 Application, 1 added, 0 changed, 0 removed against nothing (no published branch yet) ! capacity');
    expect(existsSync(join(repo, 'dist'))).toBe(true);
  });
});
