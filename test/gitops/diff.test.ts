import { usage } from '../../lib/cli/args';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffCommand, diffEnvironments, DIFF_CLI, formatDiffReport, publish, resourceChanges, unifiedDiff, type CommandContext } from '../../lib/gitops';
import { tempDir } from '../util';
import { BASE_DIST, bareRemote, git, GIT_ENV, NAMESPACE, NODE_POOL, sourceRepo, writeDist } from './gitops-fixtures';

const policy = (action: string) =>
  `apiVersion: policies.kyverno.io/v1\nkind: ValidatingPolicy\nmetadata:\n  name: require-labels\nspec:\n  validationActions:\n    - ${action}\n`;
const pvc = (size: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\n  namespace: apps\nspec:\n  resources:\n    requests:\n      storage: ${size}\n`;
const crd = (version: string) => `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  version: ${version}\n`;
const deployment = (replicas: number) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: apps\nspec:\n  replicas: ${replicas}\n`;

describe('resourceChanges', () => {
  const before = new Map([
    ['governance/ValidatingPolicy.require-labels.yaml', policy('Audit')],
    ['apps/PersistentVolumeClaim.apps.data.yaml', pvc('10Gi')],
    ['crds/CustomResourceDefinition.widgets.example.com.yaml', crd('v1')],
    ['apps/Deployment.apps.web.yaml', deployment(2)],
    ['baseline/Namespace.legacy.yaml', NAMESPACE('legacy')],
    ['capacity/NodePool.spot.yaml', NODE_POOL('100')],
    ['helm-values/keda.yaml', 'replicas: 1\n'],
  ]);
  const after = new Map([
    ['governance/ValidatingPolicy.require-labels.yaml', policy('Deny')],
    ['apps/PersistentVolumeClaim.apps.data.yaml', pvc('20Gi')],
    ['crds/CustomResourceDefinition.widgets.example.com.yaml', crd('v2')],
    ['apps/Deployment.apps.web.yaml', deployment(3)],
    ['baseline/Namespace.apps.yaml', NAMESPACE('apps')],
    ['capacity/NodePool.spot.yaml', NODE_POOL('100')],
    ['helm-values/keda.yaml', 'replicas: 2\n'],
  ]);
  const changes = resourceChanges(before, after);
  const find = (resource: string) => changes.find((c) => c.resource === resource)!;

  test('added, changed and removed by kind and name; equal files left out', () => {
    expect(changes.map((c) => [c.change, c.resource])).toEqual([
      ['changed', 'Deployment apps/web'],
      ['changed', 'PersistentVolumeClaim apps/data'],
      ['added', 'Namespace apps'],
      ['removed', 'Namespace legacy'],
      ['changed', 'CustomResourceDefinition widgets.example.com'],
      ['changed', 'ValidatingPolicy require-labels'],
      ['changed', 'file helm-values/keda.yaml'],
    ]);
  });

  test('highlights deletions, policy actions and PVC/CRD/Namespace changes, not ordinary ones', () => {
    expect(find('Namespace legacy').highlights).toEqual(['deletion of a Namespace']);
    expect(find('ValidatingPolicy require-labels').highlights).toEqual(['policy action spec.validationActions: ["Audit"] -> ["Deny"]']);
    expect(find('PersistentVolumeClaim apps/data').highlights).toEqual(['changed PersistentVolumeClaim']);
    expect(find('CustomResourceDefinition widgets.example.com').highlights).toEqual(['changed CustomResourceDefinition']);
    expect(find('Namespace apps').highlights).toEqual(['new Namespace']);
    expect(find('Deployment apps/web').highlights).toEqual([]);
    expect(find('file helm-values/keda.yaml').highlights).toEqual([]);
  });

  test('highlights NodePool capacity limits, and ClusterPolicy failure actions', () => {
    const nodePool = resourceChanges(new Map([['p.yaml', NODE_POOL('100')]]), new Map([['p.yaml', NODE_POOL('50')]]));
    expect(nodePool[0].highlights).toEqual(['capacity spec.limits: {"cpu":"100"} -> {"cpu":"50"}']);
    const clusterPolicy = (a: string) => `apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata:\n  name: p\nspec:\n  validationFailureAction: ${a}\n`;
    expect(resourceChanges(new Map([['c.yaml', clusterPolicy('Audit')]]), new Map([['c.yaml', clusterPolicy('Enforce')]]))[0].highlights).toEqual([
      'policy action spec.validationFailureAction: "Audit" -> "Enforce"',
    ]);
  });
});

describe('unifiedDiff', () => {
  const lines = (n: number, change: (i: number) => string | undefined = () => undefined) =>
    Array.from({ length: n }, (_, i) => change(i) ?? `line ${i + 1}`).join('\n') + '\n';

  test('empty for equal texts', () => {
    expect(unifiedDiff('a\n', 'a\n', 'a', 'b')).toBe('');
  });

  test('hunks with three lines of context, merged when close', () => {
    const before = lines(20);
    const after = lines(20, (i) => (i === 4 ? 'five' : i === 7 ? 'eight' : i === 17 ? undefined : undefined)).replace('line 18\n', '');
    expect(unifiedDiff(before, after, 'a/f', 'b/f')).toBe(
      [
        '--- a/f',
        '+++ b/f',
        '@@ -2,10 +2,10 @@',
        ' line 2', ' line 3', ' line 4', '-line 5', '+five', ' line 6', ' line 7', '-line 8', '+eight', ' line 9', ' line 10', ' line 11',
        '@@ -15,6 +15,5 @@',
        ' line 15', ' line 16', ' line 17', '-line 18', ' line 19', ' line 20',
        '',
      ].join('\n'),
    );
  });

  test('hunk bodies agree with git diff --no-index', () => {
    const dir = tempDir('unified-');
    const before = lines(40, (i) => (i % 9 === 0 ? `old ${i}` : undefined));
    const after = lines(38, (i) => (i % 9 === 0 ? `new ${i}` : i === 20 ? 'inserted' : undefined));
    writeFileSync(join(dir, 'a'), before);
    writeFileSync(join(dir, 'b'), after);
    const gitDiff = spawnSync('git', ['diff', '--no-index', '--no-color', '-U3', 'a', 'b'], { cwd: dir, encoding: 'utf8' }).stdout;
    const body = (diff: string) => diff.split('\n').filter((l) => /^[ +-]/.test(l) && !/^(---|\+\+\+) /.test(l));
    expect(body(unifiedDiff(before, after, 'a', 'b'))).toEqual(body(gitDiff));
  });

  test('a new file diffs against nothing', () => {
    expect(unifiedDiff('', 'a\nb\n', '/dev/null', 'dist/x')).toBe('--- /dev/null\n+++ dist/x\n@@ -0,0 +1,2 @@\n+a\n+b\n');
  });
});

describe('diff against the gitops branch', () => {
  const context = (repo: string, messages: string[] = [], synth: CommandContext['synth'] = () => true): CommandContext => ({
    repoDir: repo,
    environments: [{ name: 'dev', branch: 'gitops' }, { name: 'prod', branch: 'gitops' }],
    synth,
    gitEnv: GIT_ENV,
    log: { log: (m: string) => messages.push(m), error: (m: string) => messages.push(m) },
  });
  const published = () => {
    const repo = sourceRepo();
    writeDist(repo, BASE_DIST);
    publish({ repoDir: repo, targets: [{ branch: 'gitops', environments: ['dev', 'prod'] }], gitEnv: GIT_ENV, log: { log: () => undefined } });
    return repo;
  };

  test('report: summary per environment with highlights, then the unified diff', () => {
    const repo = published();
    const { 'prod/baseline/Namespace.legacy.yaml': _legacy, ...rest } = BASE_DIST;
    writeDist(repo, { ...rest, 'prod/capacity/NodePool.spot.yaml': NODE_POOL('200'), 'prod/baseline/Namespace.tools.yaml': NAMESPACE('tools') });
    const report = formatDiffReport(diffEnvironments({ repoDir: repo, environments: ['dev', 'prod'], ref: 'gitops', gitEnv: GIT_ENV }));
    const tip = git(repo, 'rev-parse', 'gitops').slice(0, 12);
    expect(report.split('\n').slice(0, 5)).toEqual([
      `dev: no changes against gitops (${tip})`,
      `prod: 1 added, 1 changed, 1 removed against gitops (${tip}) (3 to review)`,
      '  - Namespace legacy  ! deletion of a Namespace',
      '  + Namespace tools   ! new Namespace',
      '  ~ NodePool spot     ! capacity spec.limits: {"cpu":"100"} -> {"cpu":"200"}',
    ]);
    expect(report).toContain('--- published/dist/prod/baseline/Namespace.legacy.yaml\n+++ /dev/null\n');
    expect(report).toContain('--- /dev/null\n+++ dist/prod/baseline/Namespace.tools.yaml\n');
    expect(report).toContain('-    cpu: "100"\n+    cpu: "200"\n');
  });

  test('exit 0 when equal, 1 when different; --env limits the comparison', () => {
    const repo = published();
    expect(diffCommand(['--no-synth'], context(repo))).toBe(0);
    writeDist(repo, { ...BASE_DIST, 'dev/baseline/Namespace.apps.yaml': NAMESPACE('apps2') });
    expect(diffCommand(['--no-synth'], context(repo))).toBe(1);
    expect(diffCommand(['--no-synth', '--env', 'prod'], context(repo))).toBe(0);
    expect(diffCommand(['--no-synth', '--env', 'dev'], context(repo))).toBe(1);
  });

  test('renders the selected environments first unless --no-synth', () => {
    const repo = published();
    const rendered: string[][] = [];
    expect(diffCommand(['--env', 'prod'], context(repo, [], (names) => (rendered.push([...names]), true)))).toBe(0);
    expect(rendered).toEqual([['prod']]);
    const messages: string[] = [];
    expect(diffCommand([], context(repo, messages, () => false))).toBe(2);
    expect(messages).toEqual(['diff: synth failed: nothing to compare']);
  });

  test('nothing published yet: everything is added', () => {
    const repo = sourceRepo();
    writeDist(repo, BASE_DIST);
    const messages: string[] = [];
    expect(diffCommand(['--no-synth', '--env', 'dev'], context(repo, messages))).toBe(1);
    expect(messages[0].split('\n')[0]).toBe('dev: 1 added, 0 changed, 0 removed against nothing (no published branch yet) (1 to review)');
  });

  test('falls back to <remote>/<branch> when there is no local branch', () => {
    const repo = published();
    bareRemote(repo);
    git(repo, 'push', '-q', 'origin', 'gitops');
    git(repo, 'fetch', '-q', 'origin');
    git(repo, 'branch', '-q', '-D', 'gitops');
    const messages: string[] = [];
    expect(diffCommand(['--no-synth', '--env', 'prod'], context(repo, messages))).toBe(0);
    expect(messages[0]).toMatch(/^prod: no changes against origin\/gitops \(/);
  });

  test('exit 2 on an unknown environment or argument', () => {
    const messages: string[] = [];
    expect(diffCommand(['--env', 'qa'], context(sourceRepo(), messages))).toBe(2);
    expect(diffCommand(['--colour'], context(sourceRepo(), messages))).toBe(2);
    expect(messages).toEqual(['diff: --env qa: unknown environment; expected one of dev, prod', `diff: unknown argument --colour\n${usage(DIFF_CLI)}`]);
  });
});
