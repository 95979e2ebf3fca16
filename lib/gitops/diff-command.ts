import { parseArgs, usage, type CliSpec } from '../cli/args';
import { diffEnvironments, formatDiffReport, type EnvironmentDiff } from './diff';
import { Git } from './git';
import { publishTargets, type CommandContext } from './publish-command';

/** Command line of `npm run diff`. */
export const DIFF_CLI: CliSpec = {
  command: 'npm run diff --',
  summary: 'Shows what publishing would change on the gitops branch. Exit code 0 equal, 1 different, 2 error.',
  options: {
    '--env': { value: '<a,b>', description: 'compare only these environments' },
    '--no-synth': { description: 'compare dist/ as it is, without rendering first' },
    '--ref': { value: '<commit-ish>', description: 'compare with this commit instead of the gitops branch' },
    '--remote': { value: '<name>', description: 'remote whose gitops branch is used when there is no local one (default: origin)' },
  },
};

/**
 * `diff [--env a,b] [--no-synth] [--ref <commit-ish>] [--remote <name>]`: renders the selected
 * environments (unless `--no-synth`) and compares them with the gitops branch (the local branch,
 * else `<remote>/<branch>`). Prints a resource summary and the unified diff. Exit code: 0 equal,
 * 1 different, 2 error.
 */
export function diffCommand(argv: readonly string[], context: CommandContext): number {
  const log = context.log ?? console;
  try {
    const args = parseArgs(argv, DIFF_CLI);
    if (args.help) {
      log.log(usage(DIFF_CLI));
      return 0;
    }
    const value = (flag: string) => args.values.get(flag);
    const all = context.environments.map((e) => e.name);
    const selected = value('--env')?.split(',').filter(Boolean) ?? all;
    const unknownEnv = selected.filter((n) => !all.includes(n));
    if (unknownEnv.length > 0 || selected.length === 0) {
      throw new Error(`--env ${unknownEnv.join(',') || '(empty)'}: unknown environment; expected one of ${all.join(', ')}`);
    }
    if (!args.flags.has('--no-synth') && !context.synth(selected)) throw new Error('synth failed: nothing to compare');

    const git = new Git(context.repoDir, context.gitEnv);
    const remote = value('--remote') ?? 'origin';
    const diffs: EnvironmentDiff[] = [];
    for (const target of publishTargets(context.environments.filter((e) => selected.includes(e.name)))) {
      const ref = value('--ref') ?? [target.branch, `${remote}/${target.branch}`].find((r) => git.resolve(r) !== undefined);
      diffs.push(...diffEnvironments({ repoDir: context.repoDir, distDir: context.distDir, environments: target.environments, ref, gitEnv: context.gitEnv }));
    }
    log.log(formatDiffReport(diffs).replace(/\n$/, ''));
    return diffs.some((d) => d.changes.length > 0) ? 1 : 0;
  } catch (error) {
    log.error(`diff: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}
