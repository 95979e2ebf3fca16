import { publish, PublishError, type PublishTarget } from './publish';

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
 * `publish [--no-synth] [--push] [--remote <name>]`: renders every environment (unless
 * `--no-synth`), commits it to the gitops branch, and with `--push` pushes that branch to the
 * remote (`origin` by default). Returns the exit code: 0 published (or nothing to publish), 1 refused.
 */
export function publishCommand(argv: readonly string[], context: CommandContext): number {
  const log = context.log ?? console;
  try {
    const unknown = argv.filter((a, i) => !['--no-synth', '--push', '--remote'].includes(a) && argv[i - 1] !== '--remote');
    if (unknown.length > 0) throw new PublishError(`unknown argument ${unknown[0]}: expected --no-synth, --push, --remote <name>`);
    const remoteFlag = argv.indexOf('--remote');
    const remote = remoteFlag >= 0 ? argv[remoteFlag + 1] : 'origin';
    if (!remote) throw new PublishError('--remote needs a remote name');
    const names = context.environments.map((e) => e.name);
    publish({
      repoDir: context.repoDir,
      distDir: context.distDir,
      targets: publishTargets(context.environments),
      synth: argv.includes('--no-synth') ? undefined : () => context.synth(names),
      pushTo: argv.includes('--push') ? remote : undefined,
      gitEnv: context.gitEnv,
      log,
    });
    return 0;
  } catch (error) {
    log.error(`publish: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
