import { usage } from '../../lib/cli/args';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffCommand, DIFF_CLI, publish, unifiedDiff, type DiffContext } from '../../lib/gitops';
import { tempDir } from '../util';
import { BASE_DIST, bareRemote, folderDesiredState, git, GIT_ENV, NAMESPACE, NODE_POOL, sourceRepo, writeDist } from './gitops-fixtures';

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
  const context = (repo: string, messages: string[] = [], synth: DiffContext['synth'] = () => true): DiffContext => ({
    repoDir: repo,
    environments: [{ name: 'dev', branch: 'gitops' }, { name: 'prod', branch: 'gitops' }],
    synth,
    gitEnv: GIT_ENV,
    log: { log: (m: string) => messages.push(m), error: (m: string) => messages.push(m) },
    desiredState: folderDesiredState,
  });
  const published = () => {
    const repo = sourceRepo();
    writeDist(repo, BASE_DIST);
    publish({ repoDir: repo, targets: [{ branch: 'gitops', environments: ['dev', 'prod'] }], gitEnv: GIT_ENV, log: { log: () => undefined } });
    return repo;
  };

  test('terminal report: per environment and Application the objects with their risks, then the diffs', async () => {
    const repo = published();
    const { 'prod/baseline/Namespace.legacy.yaml': _legacy, ...rest } = BASE_DIST;
    writeDist(repo, { ...rest, 'prod/capacity/NodePool.spot.yaml': NODE_POOL('200'), 'prod/baseline/Namespace.tools.yaml': NAMESPACE('tools') });
    const messages: string[] = [];
    expect(await diffCommand(['--no-synth'], context(repo, messages))).toBe(1);
    const report = messages.join('\n');
    const tip = git(repo, 'rev-parse', 'gitops').slice(0, 12);
    expect(report.split('\n').slice(0, 7)).toEqual([
      `dev: no changes against gitops (${tip})`,
      `prod: 2 Applications, 1 added, 1 changed, 1 removed against gitops (${tip}) ! delete, capacity, protected`,
      '  prod-baseline  directory dist/prod/baseline  (wave 0, project platform): 1 added, 0 changed, 1 removed',
      '    - Namespace legacy  ! delete; protected',
      '    + Namespace tools   ! protected',
      '  prod-capacity  directory dist/prod/capacity  (wave 0, project platform): 0 added, 1 changed, 0 removed',
      '    ~ NodePool spot  ! capacity (spec.limits: {"cpu":"100"} -> {"cpu":"200"})',
    ]);
    expect(report).toContain('--- gitops: Namespace legacy\n+++ /dev/null\n');
    expect(report).toContain('--- /dev/null\n+++ head: Namespace tools\n');
    expect(report).toContain('-    cpu: "100"\n+    cpu: "200"');
  });

  test('exit 0 when equal, 1 when different; --env limits the comparison', async () => {
    const repo = published();
    expect(await diffCommand(['--no-synth'], context(repo))).toBe(0);
    writeDist(repo, { ...BASE_DIST, 'dev/baseline/Namespace.apps.yaml': NAMESPACE('apps2') });
    expect(await diffCommand(['--no-synth'], context(repo))).toBe(1);
    expect(await diffCommand(['--no-synth', '--env', 'prod'], context(repo))).toBe(0);
    expect(await diffCommand(['--no-synth', '--env', 'dev'], context(repo))).toBe(1);
  });

  test('renders the selected environments first unless --no-synth', async () => {
    const repo = published();
    const rendered: string[][] = [];
    expect(await diffCommand(['--env', 'prod'], context(repo, [], (names) => (rendered.push([...names]), true)))).toBe(0);
    expect(rendered).toEqual([['prod']]);
    const messages: string[] = [];
    expect(await diffCommand([], context(repo, messages, () => false))).toBe(2);
    expect(messages).toEqual(['diff: synth failed: nothing to compare']);
  });

  test('falls back to <remote>/<branch> when there is no local branch', async () => {
    const repo = published();
    bareRemote(repo);
    git(repo, 'push', '-q', 'origin', 'gitops');
    git(repo, 'fetch', '-q', 'origin');
    git(repo, 'branch', '-q', '-D', 'gitops');
    const messages: string[] = [];
    expect(await diffCommand(['--no-synth', '--env', 'prod'], context(repo, messages))).toBe(0);
    expect(messages[0]).toMatch(/^No changes: [0-9a-f]{12} renders exactly what origin\/gitops \([0-9a-f]{12}\) holds for prod\.$/);
  });

  test('exit 2 on an unknown environment or argument, and when the state cannot be had', async () => {
    const messages: string[] = [];
    expect(await diffCommand(['--env', 'qa'], context(sourceRepo(), messages))).toBe(2);
    expect(await diffCommand(['--colour'], context(sourceRepo(), messages))).toBe(2);
    expect(await diffCommand(['--no-synth', '--env', 'dev'], context(sourceRepo(), messages))).toBe(2);
    expect(messages).toEqual([
      'diff: --env qa: unknown environment; expected one of dev, prod',
      `diff: unknown argument --colour\n${usage(DIFF_CLI)}`,
      'diff: dev: dist/dev does not exist',
    ]);
  });
});
