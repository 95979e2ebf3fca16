import { join } from 'node:path';
import type { EnvironmentConfig } from '../environments';
import { ConfigError } from '../lib/config/violation';
import { StagedTrees, writeTree, type LockOptions } from '../lib/render';
import { collectViolations, renderEnvironment, validateEnvironments } from './platform';
import { renderInParallel } from './render-workers';

/**
 * Validates `envs` (every violation at once; cross-environment rules compare against `all`),
 * renders each into a staging folder beside `outdir`, and swaps them all into `outdir` once every
 * one has succeeded; on any error nothing is written. With `workers` > 0 that many worker threads
 * render beside the calling thread. Concurrent writers to `outdir` are serialised (`lock`). Returns the file count of each environment, in `envs` order.
 */
export function writeEnvironments(
  outdir: string,
  envs: readonly EnvironmentConfig[],
  all: readonly EnvironmentConfig[],
  workers: number,
  lock: LockOptions = {},
): number[] {
  // With a configuration fault anywhere, the sound environments are still built and checked, so
  // that every violation of every phase is reported at once.
  if (validateEnvironments(envs, all).length > 0) throw new ConfigError(collectViolations(envs, all));
  const staging = new StagedTrees(outdir, lock);
  try {
    const counts =
      workers > 0
        ? renderInParallel(envs, staging.dir, workers)
        : envs.map((env) => {
            const files = renderEnvironment(env);
            writeTree(join(staging.dir, env.name), files);
            return files.length;
          });
    staging.commit(envs.map((env) => env.name));
    return counts;
  } finally {
    staging.discard();
  }
}
