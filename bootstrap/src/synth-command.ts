import type { EnvironmentConfig } from '../../environments';
import { parseArgs, usage, UsageError, type CliSpec } from '../../lib/cli/args';
import { selectByName } from '../../lib/config/select-by-name';

/** Command line of the bootstrap's `npm run synth`. */
export const BOOTSTRAP_SYNTH_CLI: CliSpec = {
  command: 'npm run bootstrap:synth --',
  summary: 'Synthesizes the Terraform JSON of each environment into cdktf.out/stacks/<env>/cdk.tf.json.',
  options: { '--env': { value: '<a,b>', description: 'synthesize only these environments' } },
};
import { buildBootstrapApp } from './bootstrap-app';

export interface BootstrapSynthOptions {
  /** @default 'cdktf.out' */
  readonly outdir?: string;
  /** @default console */
  readonly log?: Pick<Console, 'log' | 'error'>;
}

/**
 * `synth [--env a,b]`: synthesizes the Terraform JSON of the selected environments (all by
 * default) into `outdir/stacks/<env>/cdk.tf.json`. Returns the process exit code.
 */
export function bootstrapSynthCommand(argv: readonly string[], all: readonly EnvironmentConfig[], options: BootstrapSynthOptions = {}): number {
  const outdir = options.outdir ?? 'cdktf.out';
  const log = options.log ?? console;
  try {
    const args = parseArgs(argv, BOOTSTRAP_SYNTH_CLI);
    if (args.help) {
      log.log(usage(BOOTSTRAP_SYNTH_CLI));
      return 0;
    }
    const selected = selectByName(args.values.get('--env'), all);
    const { app, stacks } = buildBootstrapApp(selected, outdir);
    app.synth();
    for (const stack of stacks) log.log(`${outdir}/stacks/${stack.env.name}/cdk.tf.json`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      log.error(`bootstrap synth: ${error.message}`);
      return 2;
    }
    log.error(error instanceof Error ? error.message : String(error));
    log.error('bootstrap synth failed');
    return 1;
  }
}
