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
  /**
   * Publish over commits on the gitops branch that publish did not make (they are still listed);
   * without it, such commits make publish refuse.
   * @default false
   */
  readonly acceptForeign?: boolean;
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
  for (const target of options.targets) refuseSourceBranch(git, target.branch, currentBranch, source);
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
  return options.targets.map((target) => publishBranch(git, distDir, source, target, options, log));
}

/** The default branch names of the repository: each remote's HEAD, `init.defaultBranch`, main and master. */
function defaultBranches(git: Git): string[] {
  const names = new Set(['main', 'master']);
  const configured = git.tryRun(['config', '--get', 'init.defaultBranch']).stdout.trim();
  if (configured) names.add(configured);
  for (const remote of git.tryRun(['remote']).stdout.split('\n').filter(Boolean)) {
    const head = git.tryRun(['symbolic-ref', '-q', '--short', `refs/remotes/${remote}/HEAD`]).stdout.trim();
    if (head.startsWith(`${remote}/`)) names.add(head.slice(remote.length + 1));
  }
  return [...names];
}

/**
 * Refuses a gitops branch that is a source branch: the branch checked out, a default branch, or
 * any branch sharing history with the source commit (publish only ever writes orphan history).
 */
function refuseSourceBranch(git: Git, branch: string, currentBranch: string, source: string): void {
  const why =
    branch === currentBranch
      ? 'the branch being published from'
      : defaultBranches(git).includes(branch)
        ? 'a default branch of this repository'
        : undefined;
  if (why) throw new PublishError(`gitops branch ${branch} is ${why}: publishing would replace the source with rendered output; set gitops.branch to a branch of its own, e.g. gitops`);
  for (const ref of [`refs/heads/${branch}`, ...git.tryRun(['remote']).stdout.split('\n').filter(Boolean).map((r) => `refs/remotes/${r}/${branch}`)]) {
    const tip = git.resolve(ref);
    if (tip && git.tryRun(['merge-base', tip, source]).status === 0) {
      throw new PublishError(
        `gitops branch ${branch} shares history with the source commit (${ref}): it is a source branch, and publishing would replace the source with rendered output; set gitops.branch to a branch of its own`,
      );
    }
  }
}

/** A commit on the gitops branch that publish did not make. */
interface ForeignCommit {
  readonly commit: string;
  readonly author: string;
  readonly subject: string;
}

/** Commits on top of the last publish commit of `tip` that publish did not make, newest first. */
function foreignCommits(git: Git, tip: string): ForeignCommit[] {
  const found: ForeignCommit[] = [];
  const log = git.run(['log', '--format=%H%x1f%an <%ae>%x1f%s%x1f%B%x1e', tip]);
  for (const entry of log.split('\x1e').map((e) => e.trim()).filter(Boolean)) {
    const [commit, author, subject, body] = entry.split('\x1f');
    if (parsePublishMessage(body ?? '')) break;
    found.push({ commit, author, subject });
  }
  return found;
}

/** Files that `tree` would remove or overwrite among those the foreign commits touched, with who added each. */
function foreignChanges(git: Git, tip: string, tree: string, foreign: readonly ForeignCommit[]): string[] {
  const touched = new Set(foreign.flatMap((c) => git.run(['diff-tree', '--no-commit-id', '--name-only', '-r', '--root', c.commit]).split('\n').filter(Boolean)));
  const lines: string[] = [];
  for (const path of [...touched].sort()) {
    const before = git.tryRun(['rev-parse', '--verify', '-q', `${tip}:${path}`]).stdout.trim();
    if (!before) continue;
    const after = git.tryRun(['rev-parse', '--verify', '-q', `${tree}:${path}`]).stdout.trim();
    if (before === after) continue;
    const added = git.run(['log', '--diff-filter=A', '-1', '--format=%an <%ae> in %h "%s"', tip, '--', path]);
    lines.push(`${after ? 'overwrites' : 'removes'} ${path} (added by ${added || 'unknown'})`);
  }
  return lines;
}

/** Tree ids of `dist/<env>` in `treeish`, by environment. */
function environmentTrees(git: Git, treeish: string): Map<string, string> {
  const trees = new Map<string, string>();
  const listed = git.tryRun(['ls-tree', `${treeish}`, 'dist/']);
  for (const line of listed.stdout.split('\n').filter(Boolean)) {
    const [meta, path] = line.split('\t');
    const [, type, id] = meta.split(' ');
    if (type === 'tree') trees.set(path.slice('dist/'.length), id);
  }
  return trees;
}

function publishBranch(git: Git, distDir: string, source: string, target: PublishTarget, options: PublishOptions, log: Pick<Console, 'log'>): PublishResult {
  const pushTo = options.pushTo;
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
  if (parent) {
    const foreign = foreignCommits(git, parent);
    if (foreign.length > 0) {
      const report = [
        `${target.branch} has ${foreign.length} commit${foreign.length === 1 ? '' : 's'} that publish did not make:`,
        ...foreign.map((c) => `  ${c.commit.slice(0, 12)} by ${c.author}: ${c.subject}`),
        ...foreignChanges(git, parent, tree, foreign).map((l) => `  publishing ${l}`),
      ];
      if (!options.acceptForeign) {
        throw new PublishError(`${report.join('\n')}\nchange the source instead and publish again, or pass --accept-foreign to publish over them`);
      }
      log.log(`${report.join('\n')}\n(accepted with --accept-foreign)`);
    }
  }
  let tip = parent;
  if (!parent || git.run(['rev-parse', `${parent}^{tree}`]) !== tree) {
    // What changed is read from the trees themselves, so the message names exactly the
    // environments whose output differs, whatever the previous commit's message says.
    const before = parent ? environmentTrees(git, parent) : new Map<string, string>();
    const after = environmentTrees(git, tree);
    const unchanged = new Map([...hashes].filter(([env]) => before.get(env) !== undefined && before.get(env) === after.get(env)));
    for (const env of before.keys()) if (!hashes.has(env)) unchanged.set(env, 'removed');
    const previous = parent ? { sourceCommit: source, contentHashes: unchanged } : undefined;
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
