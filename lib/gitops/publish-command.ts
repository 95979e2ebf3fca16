import { UsageError, type CliSpec, commandArgs } from '../cli/args';
import { publish, type PublishTarget } from './publish';

/** Command line of `npm run publish`. */
export const PUBLISH_CLI: CliSpec = {
  command: 'npm run publish --',
  summary: 'Renders every environment and commits dist/ to its gitops branch (never the source branch).',
  options: {
    '--no-synth': { description: 'publish dist/ as it is, without rendering first' },
    '--push': { description: 'push the gitops branch (fast-forward only)' },
    '--remote': { value: '<name>', description: 'remote to push to (default: origin)' },
    '--accept-foreign': { description: 'publish over commits on the gitops branch that publish did not make' },
  },
};

/** An environment and the gitops branch it is published to. */
export interface PublishedEnvironment {
  readonly name: string;
  readonly branch: string;
}

export interface CommandContext {
  readonly repoDir: string;
  /** @default '<repoDir>/dist' */
  readonly distDir?: string;
  readonly environments: readonly PublishedEnvironment[];
  /** Renders the given environments into the dist folder; false when it failed (it reports why). */
  readonly synth: (environments: readonly string[]) => boolean;
  /** @default process.env */
  readonly gitEnv?: NodeJS.ProcessEnv;
  /** @default console */
  readonly log?: Pick<Console, 'log' | 'error'>;
}

/** The environments grouped by gitops branch, in first-seen order. */
export function publishTargets(environments: readonly PublishedEnvironment[]): PublishTarget[] {
  const byBranch = new Map<string, string[]>();
  for (const env of environments) byBranch.set(env.branch, [...(byBranch.get(env.branch) ?? []), env.name]);
  return [...byBranch.entries()].map(([branch, names]) => ({ branch, environments: names }));
}

/**
 * `publish [--no-synth] [--push] [--remote <name>] [--accept-foreign]`: renders every environment (unless
 * `--no-synth`), commits it to the gitops branch, and with `--push` pushes that branch to the
 * remote (`origin` by default). Returns the exit code: 0 published (or nothing to publish), 1 refused,
 * 2 a command line it does not take.
 */
export function publishCommand(argv: readonly string[], context: CommandContext): number {
  const log = context.log ?? console;
  try {
    const args = commandArgs(argv, PUBLISH_CLI, log);
    if (!args) return 0;
    const remote = args.values.get('--remote') ?? 'origin';
    const names = context.environments.map((e) => e.name);
    publish({
      repoDir: context.repoDir,
      distDir: context.distDir,
      targets: publishTargets(context.environments),
      synth: args.flags.has('--no-synth') ? undefined : () => context.synth(names),
      pushTo: args.flags.has('--push') ? remote : undefined,
      acceptForeign: args.flags.has('--accept-foreign'),
      gitEnv: context.gitEnv,
      log,
    });
    return 0;
  } catch (error) {
    log.error(`publish: ${error instanceof Error ? error.message : String(error)}`);
    return error instanceof UsageError ? 2 : 1;
  }
}
