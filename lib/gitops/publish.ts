import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { treeHash } from '../render/tree-hash';
import { Git } from './git';
import { gitopsReadme } from './gitops-readme';
import { formatPublishMessage, parsePublishMessage } from './publish-message';

/** A refusal to publish, with what to do about it. */
export class PublishError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PublishError';
  }
}

/** One gitops branch and the environments it holds. */
export interface PublishTarget {
  readonly branch: string;
  readonly environments: readonly string[];
}

export interface PublishOptions {
  /** The source repository; its working tree must be clean. */
  readonly repoDir: string;
  /**
   * Rendered output: `<distDir>/<env>/` is published as `dist/<env>/`.
   * @default '<repoDir>/dist'
   */
  readonly distDir?: string;
  readonly targets: readonly PublishTarget[];
  /**
   * Renders `distDir` after the clean-tree check; returns false when rendering failed.
   * @default - none: `distDir` is published as it is
   */
  readonly synth?: () => boolean;
  /**
   * Remote to push each branch to (fast-forward only).
   * @default - none: local branches only
   */
  readonly pushTo?: string;
  /**
   * Environment of the git processes (tests set the committer here).
   * @default process.env
   */
  readonly gitEnv?: NodeJS.ProcessEnv;
  /** @default console */
  readonly log?: Pick<Console, 'log'>;
}

export interface PublishResult {
  readonly branch: string;
  /** Tip of the branch after publishing. */
  readonly commit: string;
  /** False when the rendered output equals the branch: no commit was made. */
  readonly committed: boolean;
  readonly pushed: boolean;
}

const NO_COMMIT = '0'.repeat(40);

/**
 * Commits the rendered output to each target's gitops branch: an orphan branch holding only
 * `dist/<env>/` and a README. One commit per branch and publish, recording the source commit and
 * a content hash per environment; none when nothing changed. Only fast-forwards: never rewrites
 * or force-pushes history. Throws PublishError when the source tree is dirty or synth fails.
 */
export function publish(options: PublishOptions): PublishResult[] {
  const log = options.log ?? console;
  const git = new Git(resolve(options.repoDir), options.gitEnv);
  const distDir = resolve(options.repoDir, options.distDir ?? 'dist');

  const source = git.resolve('HEAD');
  if (!source) throw new PublishError(`${git.dir} has no commit yet: commit the source first`);
  const currentBranch = git.tryRun(['symbolic-ref', '--short', '-q', 'HEAD']).stdout.trim();
  const onTarget = options.targets.find((t) => t.branch === currentBranch);
  if (onTarget) throw new PublishError(`the source checkout is on ${currentBranch}, the gitops branch itself: switch to the source branch`);
  const dirty = git.run(['status', '--porcelain']).split('\n').filter(Boolean);
  if (dirty.length > 0) {
    throw new PublishError(
      `the source tree has uncommitted changes (${dirty.length} path${dirty.length === 1 ? '' : 's'}, e.g. ${dirty[0].slice(3)}): ` +
        'commit or stash them, so the published commit names exactly the source it was rendered from',
    );
  }
  if (options.synth && !options.synth()) throw new PublishError('synth failed: nothing was published');
  for (const env of options.targets.flatMap((t) => t.environments)) {
    if (!existsSync(join(distDir, env))) throw new PublishError(`${join(distDir, env)} does not exist: render it first (npm run synth)`);
  }
  return options.targets.map((target) => publishBranch(git, distDir, source, target, options.pushTo, log));
}

function publishBranch(git: Git, distDir: string, source: string, target: PublishTarget, pushTo: string | undefined, log: Pick<Console, 'log'>): PublishResult {
  const ref = `refs/heads/${target.branch}`;
  const localTip = git.resolve(ref);
  const remoteTip = pushTo ? fetchRemoteTip(git, pushTo, target.branch) : undefined;
  let parent = localTip;
  if (remoteTip && (!localTip || git.isAncestor(localTip, remoteTip))) parent = remoteTip;
  else if (remoteTip && localTip && !git.isAncestor(remoteTip, localTip)) {
    throw new PublishError(
      `${target.branch} and ${pushTo}/${target.branch} have diverged: reconcile them by hand (publish never rewrites or force-pushes history)`,
    );
  }

  const hashes = new Map(target.environments.map((env) => [env, treeHash(join(distDir, env))]));
  const tree = stageTree(git, distDir, target.environments, parent ?? source);
  let tip = parent;
  if (!parent || git.run(['rev-parse', `${parent}^{tree}`]) !== tree) {
    const previous = parent ? parsePublishMessage(git.run(['log', '-1', '--format=%B', parent])) : undefined;
    const message = formatPublishMessage({ sourceCommit: source, contentHashes: hashes }, previous);
    tip = git.run(['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-F', '-'], message);
  }
  // Compare-and-swap: fails instead of overwriting if the branch moved meanwhile.
  if (tip !== localTip) git.run(['update-ref', '-m', 'publish', ref, tip!, localTip ?? NO_COMMIT]);

  let pushed = false;
  if (pushTo && tip !== remoteTip) {
    const result = git.tryRun(['push', '--quiet', pushTo, `${ref}:${ref}`]);
    if (result.status !== 0) {
      throw new PublishError(`push of ${target.branch} to ${pushTo} was rejected (${result.stderr.trim()}): publish again to build on the remote branch; it is never force-pushed`);
    }
    pushed = true;
  }
  const committed = tip !== parent;
  log.log(`${target.branch}: ${committed ? `committed ${tip!.slice(0, 12)}` : 'nothing changed, no commit'}${pushed ? `, pushed to ${pushTo}` : ''}`);
  return { branch: target.branch, commit: tip!, committed, pushed };
}

/** The remote's tip of `branch` (fetched), or undefined when the remote has no such branch. */
function fetchRemoteTip(git: Git, remote: string, branch: string): string | undefined {
  const listed = git.run(['ls-remote', '--heads', remote, `refs/heads/${branch}`]);
  if (!listed) return undefined;
  git.run(['fetch', '--quiet', remote, `refs/heads/${branch}:refs/remotes/${remote}/${branch}`]);
  return listed.split(/\s+/)[0];
}

/**
 * Writes the branch content into a temporary worktree and stages it: the tree object id of
 * exactly `dist/<env>/` for `environments` plus the README. The worktree starts empty.
 */
function stageTree(git: Git, distDir: string, environments: readonly string[], base: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'eks-platform-publish-'));
  try {
    git.run(['worktree', 'add', '--quiet', '--detach', '--no-checkout', dir, base]);
    for (const env of environments) cpSync(join(distDir, env), join(dir, 'dist', env), { recursive: true });
    writeFileSync(join(dir, 'README.md'), gitopsReadme(environments));
    const worktree = git.at(dir);
    // -f: the output must land even where a global ignore file lists dist/.
    worktree.run(['add', '--all', '--force', '--', '.']);
    return worktree.run(['write-tree']);
  } finally {
    git.tryRun(['worktree', 'remove', '--force', dir]);
    rmSync(dir, { recursive: true, force: true });
    git.tryRun(['worktree', 'prune']);
  }
}
