import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { ManifestObject } from '../../lib/argocd';
import type { EnvironmentState } from '../../lib/gitops';
import { tempDir } from '../util';

/** Git environment of the tests: a fixed identity, no user or system configuration. */
export const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Publisher',
  GIT_AUTHOR_EMAIL: 'publisher@example.com',
  GIT_COMMITTER_NAME: 'Publisher',
  GIT_COMMITTER_EMAIL: 'publisher@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env: GIT_ENV, encoding: 'utf8' }).trim();
}

/** A source repository with one commit and dist/ ignored, as the real one. */
export function sourceRepo(): string {
  const repo = tempDir('gitops-source-');
  git(repo, 'init', '-q', '-b', 'main');
  writeFileSync(join(repo, '.gitignore'), '/dist\n/dist.*\n');
  writeFileSync(join(repo, 'main.ts'), '// source\n');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'source');
  return repo;
}

/** A bare repository to push to, registered as `origin` of `repo`. */
export function bareRemote(repo: string): string {
  const remote = tempDir('gitops-remote-');
  git(remote, 'init', '-q', '--bare');
  git(repo, 'remote', 'add', 'origin', remote);
  return remote;
}

export const NODE_POOL = (cpu: string) =>
  `# Generated from environments/prod (chart capacity). Do not edit; change the code and re-render.\napiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: spot\nspec:\n  limits:\n    cpu: "${cpu}"\n`;
export const NAMESPACE = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;

/** Writes `files` (path relative to dist/ → content) as the repository's whole dist/ folder. */
export function writeDist(repo: string, files: Record<string, string>): void {
  rmSync(join(repo, 'dist'), { recursive: true, force: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, 'dist', path)), { recursive: true });
    writeFileSync(join(repo, 'dist', path), content);
  }
}

export const BASE_DIST: Record<string, string> = {
  'prod/capacity/NodePool.spot.yaml': NODE_POOL('100'),
  'prod/baseline/Namespace.apps.yaml': NAMESPACE('apps'),
  'prod/baseline/Namespace.legacy.yaml': NAMESPACE('legacy'),
  'dev/baseline/Namespace.apps.yaml': NAMESPACE('apps'),
};

/**
 * A stand-in for desiredState where no Applications are rendered: each folder of `dist/<env>/` is
 * one directory Application `<env>-<folder>` holding the Kubernetes objects of its files.
 */
export function folderDesiredState({ root, env }: { root: string; env: string }): EnvironmentState {
  const dir = join(root, 'dist', env);
  if (!existsSync(dir)) throw new Error(`${env}: dist/${env} does not exist`);
  const applications = readdirSync(dir)
    .sort()
    .map((folder) => ({
      name: `${env}-${folder}`,
      project: 'platform',
      wave: 0,
      kind: 'directory' as const,
      source: `dist/${env}/${folder}`,
      objects: readdirSync(join(dir, folder))
        .sort()
        .flatMap((file) => parseAllDocuments(readFileSync(join(dir, folder, file), 'utf8')).map((d) => d.toJS() as ManifestObject))
        .filter((o) => o && typeof o.apiVersion === 'string' && typeof o.kind === 'string'),
    }));
  return { env, applications };
}
