import type { EnvironmentConfig } from '../environments';
import { writeTreesAtomically } from '../lib/render';
import { renderEnvironments } from './platform';

export interface SynthOptions {
  /** Output folder. @default 'dist' */
  readonly outdir?: string;
  /** Where progress and errors go. @default console */
  readonly log?: Pick<Console, 'log' | 'error'>;
}

/**
 * `synth [--env a,b]`: validates and renders the selected environments, then swaps them into
 * `outdir` atomically. Returns the process exit code; on any error nothing is written.
 */
export function synthCommand(argv: readonly string[], all: readonly EnvironmentConfig[], options: SynthOptions = {}): number {
  const outdir = options.outdir ?? 'dist';
  const log = options.log ?? console;
  try {
    const flag = argv.indexOf('--env');
    const names = flag >= 0 ? (argv[flag + 1] ?? '').split(',').filter(Boolean) : undefined;
    const unknown = names?.filter((n) => !all.some((e) => e.name === n)) ?? [];
    if (names && (names.length === 0 || unknown.length > 0)) {
      throw new Error(`--env ${unknown.join(',') || '(empty)'}: unknown environment; expected one of ${all.map((e) => e.name).join(', ')}`);
    }
    const selected = names ? all.filter((e) => names.includes(e.name)) : all;
    // Cross-environment rules (duplicate names, overlapping VPCs) need every environment.
    const trees = renderEnvironments(selected, all);
    writeTreesAtomically(outdir, trees);
    for (const [env, files] of trees) log.log(`${outdir}/${env}: ${files.length} files`);
    return 0;
  } catch (error) {
    log.error(error instanceof Error ? error.message : String(error));
    log.error(`synth failed: nothing was written to ${outdir}/`);
    return 1;
  }
}
