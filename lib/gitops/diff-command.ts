import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { type CliSpec, envOption, commandArgs } from '../cli/args';
import { committedFiles } from './committed-files';
import { diffStates, type EnvironmentState } from './desired-diff';
import { reportHasChanges, type DiffReport } from './diff-report';
import { Git } from './git';
import { formatMarkdown } from './markdown-report';
import { publishTargets, type CommandContext } from './publish-command';
import { formatTerminal } from './terminal-report';

const DIFF_FORMATS = ['terminal', 'markdown', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export interface DiffContext extends CommandContext {
  /** Everything Argo CD would apply for `env` from the dist folder under `root`; throws when it cannot say. */
  readonly desiredState: (options: { readonly root: string; readonly env: string }) => EnvironmentState | Promise<EnvironmentState>;
  /** Environments whose every change is tagged `prod`. @default [] */
  readonly production?: readonly string[];
  /** Colours in the terminal format. @default false */
  readonly color?: boolean;
}

/** Command line of `npm run diff`. */
export const DIFF_CLI: CliSpec = {
  command: 'npm run diff --',
  summary: 'Shows what Argo CD would change in each cluster against the gitops branch. Exit code 0 equal, 1 different, 2 error.',
  options: {
    ...envOption('compare only these environments'),
    '--no-synth': { description: 'compare dist/ as it is, without rendering first' },
    '--base': { value: '<commit-ish>', description: 'compare with this commit instead of the gitops branch' },
    '--ref': { value: '<commit-ish>', description: 'the same as --base' },
    '--remote': { value: '<name>', description: 'remote whose gitops branch is used when there is no local one (default: origin)' },
    '--format': { value: '<terminal|markdown|json>', description: 'output format (default: terminal)' },
  },
};

/**
 * `diff [--env a,b] [--no-synth] [--base <commit-ish>] [--remote <name>] [--format terminal|markdown|json]`:
 * renders the selected environments (unless `--no-synth`) and compares everything Argo CD would
 * apply with the gitops branch (the local branch, else `<remote>/<branch>`; `--ref` is a synonym of
 * `--base`). Exit code: 0 equal, 1 different, 2 error.
 */
export async function diffCommand(argv: readonly string[], context: DiffContext): Promise<number> {
  const log = context.log ?? console;
  try {
    const args = commandArgs(argv, DIFF_CLI, log);
    if (!args) return 0;
    const value = (flag: string) => args.values.get(flag);
    const format = (value('--format') ?? 'terminal') as DiffFormat;
    if (!DIFF_FORMATS.includes(format)) throw new Error(`--format ${format}: expected one of ${DIFF_FORMATS.join(', ')}`);
    const all = context.environments.map((e) => e.name);
    const selected = value('--env')?.split(',').filter(Boolean) ?? all;
    const unknownEnv = selected.filter((n) => !all.includes(n));
    if (unknownEnv.length > 0 || selected.length === 0) {
      throw new Error(`--env ${unknownEnv.join(',') || '(empty)'}: unknown environment; expected one of ${all.join(', ')}`);
    }
    if (!args.flags.has('--no-synth') && !context.synth(selected)) throw new Error('synth failed: nothing to compare');

    const git = new Git(context.repoDir, context.gitEnv);
    const remote = value('--remote') ?? 'origin';
    const base = value('--base') ?? value('--ref');
    const targets = publishTargets(context.environments.filter((e) => selected.includes(e.name)));
    const refOf = (branch: string) => base ?? [branch, `${remote}/${branch}`].find((r) => git.resolve(r) !== undefined);

    const reports: DiffReport[] = [];
    for (const t of targets) reports.push(await compareStates(git, context, t.environments, refOf(t.branch)));
    const report: DiffReport = {
      base: [...new Set(reports.map((r) => r.base))].join(', '),
      head: reports[0].head,
      environments: reports.flatMap((r) => r.environments),
    };
    const text =
      format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : format === 'markdown' ? formatMarkdown(report) : formatTerminal(report, { color: context.color });
    log.log(text.replace(/\n$/, ''));
    return reportHasChanges(report) ? 1 : 0;
  } catch (error) {
    log.error(`diff: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

/** Both sides through `desiredState`: the base from the commit's files, the head from the dist folder. */
async function compareStates(git: Git, context: DiffContext, environments: readonly string[], ref: string | undefined): Promise<DiffReport> {
  const desiredState = context.desiredState;
  const commit = ref === undefined ? undefined : git.resolve(ref);
  if (ref !== undefined && commit === undefined) throw new Error(`${ref}: no such commit in ${git.dir}`);
  const baseLabel = commit ? `${ref} (${commit.slice(0, 12)})` : 'nothing (no published branch yet)';
  const distDir = resolve(context.repoDir, context.distDir ?? 'dist');
  const headRoot = dirname(distDir);
  if (distDir !== join(headRoot, 'dist')) throw new Error(`${distDir}: the rendered output must be a folder named dist (Applications name their paths dist/<env>/...)`);

  const baseRoot = mkdtempSync(join(tmpdir(), 'eks-platform-diff-base-'));
  try {
    const changes = [];
    for (const env of environments) {
      const files = committedFiles(git, commit, `dist/${env}`);
      for (const [path, content] of files) {
        mkdirSync(dirname(join(baseRoot, 'dist', env, path)), { recursive: true });
        writeFileSync(join(baseRoot, 'dist', env, path), content);
      }
      const before = files.size > 0 ? await desiredState({ root: baseRoot, env }) : undefined;
      const after = await desiredState({ root: headRoot, env });
      changes.push(diffStates(env, before, after, { production: (context.production ?? []).includes(env), labels: [ref ?? 'base', 'head'] }));
    }
    return { base: baseLabel, head: headLabel(git), environments: changes };
  } finally {
    rmSync(baseRoot, { recursive: true, force: true });
  }
}

function headLabel(git: Git): string {
  const head = git.resolve('HEAD');
  if (!head) return 'the rendered output';
  const dirty = git.run(['status', '--porcelain']).length > 0;
  return `${head.slice(0, 12)}${dirty ? ' with uncommitted changes' : ''}`;
}
