import { availableParallelism } from 'node:os';
import type { EnvironmentConfig } from '../environments';
import { writeEnvironments } from './write-environments';
import { UsageError, type CliSpec, commandArgs } from '../lib/cli/args';
import { selectByName } from '../lib/config/select-by-name';

/** Command line of `npm run synth`. */
const SYNTH_CLI: CliSpec = {
  command: 'npm run synth --',
  summary: 'Validates every environment and renders it into dist/<env>/ (atomically; nothing is written on any error).',
  options: { '--env': { value: '<a,b>', description: 'render only these environments (the others stay as they are)' } },
};

// Below this many environments a worker thread costs more to start than it saves.
const PARALLEL_FROM = 8;

/** Worker threads used by default for `count` environments: one per further CPU core, from 8 on. */
export function defaultWorkers(count: number): number {
  return count >= PARALLEL_FROM ? availableParallelism() - 1 : 0;
}

export interface SynthOptions {
  /** Output folder. @default 'dist' */
  readonly outdir?: string;
  /** Where progress and errors go. @default console */
  readonly log?: Pick<Console, 'log' | 'error'>;
  /**
   * Worker threads rendering environments beside the main thread (0 renders them one by one).
   * @default one per further CPU core when there are at least 8 environments, else 0
   */
  readonly workers?: number;
}

/**
 * `synth [--env a,b]`: validates and renders the selected environments, then swaps them into
 * `outdir` atomically. Returns the process exit code; on any error nothing is written.
 */
export function synthCommand(argv: readonly string[], all: readonly EnvironmentConfig[], options: SynthOptions = {}): number {
  const outdir = options.outdir ?? 'dist';
  const log = options.log ?? console;
  try {
    const args = commandArgs(argv, SYNTH_CLI, log);
    if (!args) return 0;
    const selected = selectByName(args.values.get('--env'), all);
    const workers = options.workers ?? defaultWorkers(selected.length);
    // Cross-environment rules (duplicate names, overlapping VPCs) need every environment.
    const counts = writeEnvironments(outdir, selected, all, workers, {
      onWait: (holder) => log.error(`waiting for another synth (process ${holder.pid}, started ${holder.started}) to finish writing ${outdir}/`),
    });
    selected.forEach((env, i) => log.log(`${outdir}/${env.name}: ${counts[i]} files`));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      log.error(`synth: ${error.message}`);
      return 2;
    }
    log.error(error instanceof Error ? error.message : String(error));
    log.error(`synth failed: nothing was written to ${outdir}/`);
    return 1;
  }
}
