import type { EnvironmentConfig } from '../../environments';
import { selectByName } from '../../lib/config/select-by-name';
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
    const selected = selectByName(argv, all);
    const { app, stacks } = buildBootstrapApp(selected, outdir);
    app.synth();
    for (const stack of stacks) log.log(`${outdir}/stacks/${stack.env.name}/cdk.tf.json`);
    return 0;
  } catch (error) {
    log.error(error instanceof Error ? error.message : String(error));
    log.error('bootstrap synth failed');
    return 1;
  }
}
