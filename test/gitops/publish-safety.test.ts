// Publishing never overwrites a source branch, reports commits it did not make, and names only
// the environments whose output changed.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publish, publishCommand, type PublishOptions } from '../../lib/gitops';
import { envWith, violationsOf } from '../util';
import { BASE_DIST, git, GIT_ENV, NODE_POOL, sourceRepo, writeDist } from './gitops-fixtures';

const quiet = { log: () => undefined };
const publishTo = (repo: string, branch: string, extra: Partial<PublishOptions> = {}) =>
  publish({ repoDir: repo, targets: [{ branch, environments: ['dev', 'prod'] }], gitEnv: GIT_ENV, log: quiet, ...extra })[0];

/** A commit on `branch` made by hand, as someone else would: adds or changes `path`. */
function foreignCommit(repo: string, branch: string, path: string, content: string): string {
  const dir = join(repo, '..', `${branch}-hand-edit-${Date.now()}`);
  git(repo, 'worktree', 'add', '-q', dir, branch);
  writeFileSync(join(dir, path), content);
  const env = { ...GIT_ENV, GIT_AUTHOR_NAME: 'Mallory', GIT_AUTHOR_EMAIL: 'mallory@example.com' };
  execFileSync('git', ['add', '-A'], { cwd: dir, env });
  execFileSync('git', ['commit', '-q', '-m', 'hotfix by hand'], { cwd: dir, env });
  const commit = git(dir, 'rev-parse', 'HEAD');
  git(repo, 'worktree', 'remove', '--force', dir);
  return commit;
}

describe('publish refuses source branches', () => {
  test('fails when the gitops branch is the branch being published from', () => {
    const repo = sourceRepo();
    writeDist(repo, BASE_DIST);
    git(repo, 'checkout', '-q', '-b', 'feature');
    const tip = git(repo, 'rev-parse', 'feature');
    expect(() => publishTo(repo, 'feature')).toThrow('gitops branch feature is the branch being published from: publishing would replace the source with rendered output');
    expect(git(repo, 'rev-parse', 'feature')).toBe(tip);
  });

  test('fails when the gitops branch is the default branch, whatever branch is checked out', () => {
    const repo = sourceRepo();
    writeDist(repo, BASE_DIST);
    git(repo, 'checkout', '-q', '-b', 'feature');
    const main = git(repo, 'rev-parse', 'main');
    expect(() => publishTo(repo, 'main')).toThrow('gitops branch main is a default branch of this repository');
    expect(git(repo, 'rev-parse', 'main')).toBe(main);
  });

  test('fails when the gitops branch shares history with the source', () => {
    const repo = sourceRepo();
    writeDist(repo, BASE_DIST);
    git(repo, 'branch', 'release');
    expect(() => publishTo(repo, 'release')).toThrow('gitops branch release shares history with the source commit (refs/heads/release): it is a source branch');
  });

  test('npm run publish refuses too (exit 1), naming the branch', () => {
    const repo = sourceRepo();
    writeDist(repo, BASE_DIST);
    const messages: string[] = [];
    const code = publishCommand(['--no-synth'], {
      repoDir: repo,
      environments: [{ name: 'dev', branch: 'main' }, { name: 'prod', branch: 'main' }],
      synth: () => true,
      gitEnv: GIT_ENV,
      log: { log: (m) => messages.push(m), error: (m) => messages.push(m) },
    });
    expect(code).toBe(1);
    expect(messages[0]).toMatch(/^publish: gitops branch main is the branch being published from/);
  });

  test('fails when the configuration names a source branch as gitops branch', () => {
    expect(violationsOf(envWith('prod', { gitops: { branch: 'main' } }))).toEqual([
      'prod: gitops.branch = "main": must not be a source branch (main, master, trunk, develop, development, HEAD): publish replaces the branch\'s content with rendered output; use a branch of its own such as gitops',
    ]);
  });
});

describe('foreign commits on the gitops branch', () => {
  test('fails when someone committed on the gitops branch: reports the commit, the files it would lose and who added them', () => {
    const repo = sourceRepo();
    writeDist(repo, BASE_DIST);
    publishTo(repo, 'gitops');
    const hotfix = foreignCommit(repo, 'gitops', 'dist/prod/hotfix.yaml', 'kind: ConfigMap\n');
    let message = '';
    try {
      publishTo(repo, 'gitops');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'gitops has 1 commit that publish did not make:',
      `  ${hotfix.slice(0, 12)} by Mallory <mallory@example.com>: hotfix by hand`,
      `  publishing removes dist/prod/hotfix.yaml (added by Mallory <mallory@example.com> in ${hotfix.slice(0, 7)} "hotfix by hand")`,
      'change the source instead and publish again, or pass --accept-foreign to publish over them',
    ]);
    expect(git(repo, 'rev-parse', 'gitops')).toBe(hotfix);
  });

  test('--accept-foreign publishes over them; the next publish builds on a publish commit again', () => {
    const repo = sourceRepo();
    writeDist(repo, BASE_DIST);
    publishTo(repo, 'gitops');
    const hotfix = foreignCommit(repo, 'gitops', 'dist/prod/hotfix.yaml', 'kind: ConfigMap\n');
    const lines: string[] = [];
    const accepted = publishTo(repo, 'gitops', { acceptForeign: true, log: { log: (m: string) => lines.push(m) } });
    expect(git(repo, 'rev-parse', `${accepted.commit}^`)).toBe(hotfix);
    expect(git(repo, 'ls-tree', '-r', '--name-only', 'gitops')).not.toContain('hotfix.yaml');
    expect(lines.join('\n')).toContain('(accepted with --accept-foreign)');
    expect(publishTo(repo, 'gitops').committed).toBe(false);
  });
});

describe('the publish commit message', () => {
  test('lists only the environments whose output changed, even after a commit publish did not make', () => {
    const repo = sourceRepo();
    writeDist(repo, BASE_DIST);
    publishTo(repo, 'gitops');
    foreignCommit(repo, 'gitops', 'README.md', 'edited by hand\n');
    writeDist(repo, { ...BASE_DIST, 'prod/capacity/NodePool.spot.yaml': NODE_POOL('200') });
    const { commit } = publishTo(repo, 'gitops', { acceptForeign: true });
    expect(git(repo, 'log', '-1', '--format=%s', commit)).toMatch(/^Publish [0-9a-f]{12}: prod changed$/);
  });

  test('names an environment that is no longer published as removed', () => {
    const repo = sourceRepo();
    writeDist(repo, BASE_DIST);
    publishTo(repo, 'gitops');
    const { commit } = publish({ repoDir: repo, targets: [{ branch: 'gitops', environments: ['prod'] }], gitEnv: GIT_ENV, log: quiet })[0];
    expect(git(repo, 'log', '-1', '--format=%s', commit)).toMatch(/: dev removed$/);
  });
});
