import { usage } from '../../lib/cli/args';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { synthCommand } from '../../charts/synth-command';
import { environments } from '../../environments';
import { diffCommand, parsePublishMessage, publish, publishCommand, PUBLISH_CLI, type DiffContext, type PublishOptions } from '../../lib/gitops';
import { treeHash } from '../../lib/render';
import { envWith } from '../util';
import { BASE_DIST, bareRemote, folderDesiredState, git, GIT_ENV, NODE_POOL, sourceRepo, writeDist } from './gitops-fixtures';

const quiet = { log: () => undefined, error: () => undefined };
const targets = [{ branch: 'gitops', environments: ['dev', 'prod'] }];
const run = (repo: string, extra: Partial<PublishOptions> = {}) => publish({ repoDir: repo, targets, gitEnv: GIT_ENV, log: quiet, ...extra })[0];
const context = (repo: string, messages: string[] = []): DiffContext => ({
  repoDir: repo,
  environments: [{ name: 'dev', branch: 'gitops' }, { name: 'prod', branch: 'gitops' }],
  synth: () => true,
  gitEnv: GIT_ENV,
  log: { log: (m: string) => messages.push(m), error: (m: string) => messages.push(m) },
  desiredState: folderDesiredState,
});

describe('publish', () => {
  test('the first publish creates an orphan branch with only dist/<env>/ and a README', () => {
    const repo = sourceRepo();
    writeDist(repo, BASE_DIST);
    const result = run(repo);
    expect(result.committed).toBe(true);
    expect(git(repo, 'rev-parse', 'gitops')).toBe(result.commit);
    expect(git(repo, 'rev-list', '--count', 'gitops')).toBe('1');
    expect(git(repo, 'ls-tree', '-r', '--name-only', 'gitops').split('\n')).toEqual([
      'README.md',
      'dist/dev/baseline/Namespace.apps.yaml',
      'dist/prod/baseline/Namespace.apps.yaml',
      'dist/prod/baseline/Namespace.legacy.yaml',
      'dist/prod/capacity/NodePool.spot.yaml',
    ]);
    // The source checkout is untouched and no worktree is left behind.
    expect(git(repo, 'status', '--porcelain')).toBe('');
    expect(git(repo, 'symbolic-ref', '--short', 'HEAD')).toBe('main');
    expect(git(repo, 'worktree', 'list').split('\n')).toHaveLength(1);
  });

  test('the commit message records the source commit and a content hash per environment', () => {
    const repo = sourceRepo();
    writeDist(repo, BASE_DIST);
    const { commit } = run(repo);
    const message = git(repo, 'log', '-1', '--format=%B', commit);
    expect(message.split('\n')[0]).toBe(`Publish ${git(repo, 'rev-parse', 'HEAD').slice(0, 12)}: dev changed, prod changed`);
    const record = parsePublishMessage(message)!;
    expect(record.sourceCommit).toBe(git(repo, 'rev-parse', 'HEAD'));
    expect(record.contentHashes).toEqual(new Map([['dev', treeHash(join(repo, 'dist/dev'))], ['prod', treeHash(join(repo, 'dist/prod'))]]));
  });

  test('an identical publish makes no commit', () => {
    const repo = sourceRepo();
    writeDist(repo, BASE_DIST);
    const first = run(repo);
    const second = run(repo);
    expect(second).toEqual({ branch: 'gitops', commit: first.commit, committed: false, pushed: false });
    expect(git(repo, 'rev-list', '--count', 'gitops')).toBe('1');
  });

  test('a change shows in diff (exit 1), becomes one new commit on top, and diff is then clean (exit 0)', async () => {
    const repo = sourceRepo();
    writeDist(repo, BASE_DIST);
    const first = run(repo);
    writeDist(repo, { ...BASE_DIST, 'prod/capacity/NodePool.spot.yaml': NODE_POOL('200') });

    const messages: string[] = [];
    expect(await diffCommand(['--no-synth'], context(repo, messages))).toBe(1);
    expect(messages.join('\n')).toContain('~ NodePool spot  ! capacity (spec.limits: {"cpu":"100"} -> {"cpu":"200"})');

    const second = run(repo);
    expect(second.committed).toBe(true);
    expect(git(repo, 'rev-parse', `${second.commit}^`)).toBe(first.commit);
    expect(git(repo, 'merge-base', '--is-ancestor', first.commit, second.commit)).toBe('');
    expect(git(repo, 'log', '-1', '--format=%s', second.commit)).toMatch(/: prod changed$/);
    expect(await diffCommand(['--no-synth'], context(repo))).toBe(0);
  });

  test('refuses with a clear message when the source tree is dirty, before rendering', () => {
    const repo = sourceRepo();
    writeDist(repo, BASE_DIST);
    writeFileSync(join(repo, 'main.ts'), '// edited\n');
    let rendered = false;
    expect(() => run(repo, { synth: () => (rendered = true) })).toThrow(
      'the source tree has uncommitted changes (1 path, e.g. main.ts): commit or stash them, so the published commit names exactly the source it was rendered from',
    );
    expect(rendered).toBe(false);
    git(repo, 'checkout', '--', 'main.ts');
    writeFileSync(join(repo, 'notes.txt'), 'untracked\n');
    expect(() => run(repo)).toThrow('uncommitted changes (1 path, e.g. notes.txt)');
    expect(git(repo, 'branch', '--list', 'gitops')).toBe('');
  });

  test('refuses when synth fails, and publishes nothing', () => {
    const repo = sourceRepo();
    writeDist(repo, BASE_DIST);
    expect(() => run(repo, { synth: () => false })).toThrow('synth failed: nothing was published');
    expect(git(repo, 'branch', '--list', 'gitops')).toBe('');
  });

  test('refuses when an environment was not rendered', () => {
    const repo = sourceRepo();
    writeDist(repo, { 'prod/baseline/Namespace.apps.yaml': BASE_DIST['prod/baseline/Namespace.apps.yaml'] });
    expect(() => run(repo)).toThrow(/dist\/dev does not exist: render it first \(npm run synth\)$/);
  });

  test('--push pushes the branch fast-forward only; a diverged remote is refused, never overwritten', () => {
    const repo = sourceRepo();
    const remote = bareRemote(repo);
    writeDist(repo, BASE_DIST);
    const first = run(repo, { pushTo: 'origin' });
    expect(first.pushed).toBe(true);
    expect(git(remote, 'rev-parse', 'gitops')).toBe(first.commit);
    expect(run(repo, { pushTo: 'origin' }).pushed).toBe(false);

    // Someone else publishes a different history to the remote.
    const other = sourceRepo();
    git(other, 'remote', 'add', 'origin', remote);
    writeDist(other, { ...BASE_DIST, 'prod/capacity/NodePool.spot.yaml': NODE_POOL('300') });
    git(other, 'fetch', '-q', 'origin', 'gitops:gitops');
    const theirs = run(other, { pushTo: 'origin' });
    expect(git(remote, 'merge-base', '--is-ancestor', first.commit, theirs.commit)).toBe('');

    // Our local branch is behind: publishing builds on the remote tip.
    writeDist(repo, { ...BASE_DIST, 'prod/capacity/NodePool.spot.yaml': NODE_POOL('400') });
    const ours = run(repo, { pushTo: 'origin' });
    expect(git(repo, 'rev-parse', `${ours.commit}^`)).toBe(theirs.commit);
    expect(git(remote, 'rev-parse', 'gitops')).toBe(ours.commit);

    // A local commit the remote does not have, while the remote moved on: diverged.
    git(repo, 'update-ref', 'refs/heads/gitops', first.commit);
    writeDist(repo, { ...BASE_DIST, 'prod/capacity/NodePool.spot.yaml': NODE_POOL('500') });
    const local = run(repo);
    expect(git(repo, 'rev-parse', `${local.commit}^`)).toBe(first.commit);
    expect(() => run(repo, { pushTo: 'origin' })).toThrow('gitops and origin/gitops have diverged: reconcile them by hand (publish never rewrites or force-pushes history)');
    expect(git(remote, 'rev-parse', 'gitops')).toBe(ours.commit);
  });

  test('publishCommand renders real environments, and refuses (exit 1) when synth fails', async () => {
    const repo = sourceRepo();
    const messages: string[] = [];
    const real = (envs: typeof environments): DiffContext => ({
      ...context(repo, messages),
      environments: envs.map((e) => ({ name: e.name, branch: e.gitops.branch })),
      synth: (names) => synthCommand(['--env', names.join(',')], envs, { outdir: join(repo, 'dist'), log: quiet }) === 0,
    });
    expect(publishCommand([], real(environments))).toBe(0);
    const tree = git(repo, 'ls-tree', '-r', '--name-only', 'gitops');
    for (const env of environments) {
      expect(tree).toContain(`dist/${env.name}/argocd/Application.argocd.${env.name}-root.yaml`);
      expect(tree).toContain(`dist/${env.name}/baseline/`);
    }
    expect(await diffCommand(['--no-synth'], real(environments))).toBe(0);

    const broken = environments.map((e) => (e.name === 'prod' ? envWith('prod', { namespaces: [{ name: 'apps', tier: 'apps', quotaCpu: -1, quotaMemoryGiB: 8, quotaPods: 10 }] }) : e));
    const tip = git(repo, 'rev-parse', 'gitops');
    expect(publishCommand([], real(broken))).toBe(1);
    expect(messages[messages.length - 1]).toBe('publish: synth failed: nothing was published');
    expect(git(repo, 'rev-parse', 'gitops')).toBe(tip);
  });

  test('publishCommand rejects unknown arguments', () => {
    const messages: string[] = [];
    expect(publishCommand(['--force'], context(sourceRepo(), messages))).toBe(2);
    expect(messages).toEqual([`publish: unknown argument --force\n${usage(PUBLISH_CLI)}`]);
  });

  test('refuses to publish from the gitops branch itself', () => {
    const repo = sourceRepo();
    writeDist(repo, BASE_DIST);
    git(repo, 'checkout', '-q', '-b', 'gitops');
    expect(() => run(repo)).toThrow('gitops branch gitops is the branch being published from: publishing would replace the source with rendered output');
    expect(existsSync(join(repo, 'dist'))).toBe(true);
  });
});
