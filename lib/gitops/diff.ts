import { resolve, join } from 'node:path';
import { readFileSync } from 'node:fs';
import { listFiles } from '../render/atomic-write';
import { committedFiles } from './committed-files';
import { Git } from './git';
import { resourceChanges, type ResourceChange } from './resource-changes';
import { unifiedDiff } from './unified-diff';

/** How one environment's rendered output differs from what the gitops branch holds. */
export interface EnvironmentDiff {
  readonly env: string;
  /** What it was compared with, e.g. `gitops (1a2b3c4d5e6f)`. */
  readonly against: string;
  readonly changes: readonly ResourceChange[];
}

export interface DiffOptions {
  readonly repoDir: string;
  /** @default '<repoDir>/dist' */
  readonly distDir?: string;
  readonly environments: readonly string[];
  /** Commit-ish of the published output (e.g. `gitops`, `origin/gitops`); undefined: nothing published yet. */
  readonly ref: string | undefined;
  /** @default process.env */
  readonly gitEnv?: NodeJS.ProcessEnv;
}

/** Compares `<distDir>/<env>/` with `dist/<env>/` at `ref`, file by file, for each environment. */
export function diffEnvironments(options: DiffOptions): EnvironmentDiff[] {
  const git = new Git(resolve(options.repoDir), options.gitEnv);
  const distDir = resolve(options.repoDir, options.distDir ?? 'dist');
  const commit = options.ref === undefined ? undefined : git.resolve(options.ref);
  if (options.ref !== undefined && commit === undefined) throw new Error(`${options.ref}: no such commit in ${git.dir}`);
  const against = commit ? `${options.ref} (${commit.slice(0, 12)})` : 'nothing (no published branch yet)';
  return options.environments.map((env) => {
    const published = committedFiles(git, commit, `dist/${env}`);
    const rendered = new Map(listFiles(join(distDir, env)).map((path) => [path, readFileSync(join(distDir, env, path), 'utf8')]));
    return { env, against, changes: resourceChanges(published, rendered) };
  });
}

const MARK: Record<ResourceChange['change'], string> = { added: '+', changed: '~', removed: '-' };

/** A resource-level summary per environment (highlights marked `!`), then the unified diffs. */
export function formatDiffReport(diffs: readonly EnvironmentDiff[]): string {
  const summary: string[] = [];
  const patches: string[] = [];
  for (const { env, against, changes } of diffs) {
    if (changes.length === 0) {
      summary.push(`${env}: no changes against ${against}`);
      continue;
    }
    const count = (type: ResourceChange['change']) => changes.filter((c) => c.change === type).length;
    const flagged = changes.filter((c) => c.highlights.length > 0).length;
    summary.push(
      `${env}: ${count('added')} added, ${count('changed')} changed, ${count('removed')} removed against ${against}` +
        (flagged > 0 ? ` (${flagged} to review)` : ''),
    );
    const width = Math.max(...changes.map((c) => c.resource.length));
    for (const c of changes) {
      const notes = c.highlights.map((h) => `! ${h}`).join('; ');
      summary.push(`  ${MARK[c.change]} ${notes ? c.resource.padEnd(width) : c.resource}${notes ? `  ${notes}` : ''}`);
    }
    for (const c of changes) {
      patches.push(unifiedDiff(c.before ?? '', c.after ?? '', c.before === undefined ? '/dev/null' : `published/dist/${env}/${c.path}`, c.after === undefined ? '/dev/null' : `dist/${env}/${c.path}`));
    }
  }
  return [summary.join('\n'), ...(patches.length > 0 ? ['', patches.join('')] : [])].join('\n').replace(/\n*$/, '\n');
}
