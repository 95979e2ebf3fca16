import type { EnvironmentConfig } from '../environments';
import { ConfigError } from '../lib/config/violation';
import { StagedTrees, writeTreesAtomically, type LockOptions } from '../lib/render';
import { collectViolations, renderEnvironment, validateEnvironments } from './platform';
import { renderInParallel } from './render-workers';

/**
 * Validates `envs` (every violation at once; cross-environment rules compare against `all`),
 * renders each into a staging folder beside `outdir` (`writeTreesAtomically`, or with `workers` >
 * 0 that many worker threads beside the calling thread, each through `renderEnvironmentInto`),
 * and swaps them all into `outdir` once every one has succeeded; on any error nothing is written. Concurrent writers to `outdir` are serialised (`lock`). Returns the file count of each environment, in `envs` order.
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
  if (workers === 0) {
    const counts: number[] = [];
    writeTreesAtomically(outdir, (function* () {
      for (const env of envs) {
        const files = renderEnvironment(env);
        counts.push(files.length);
        yield [env.name, files] as const;
      }
    })(), lock);
    return counts;
  }
  const staging = new StagedTrees(outdir, lock);
  try {
    const counts = renderInParallel(envs, staging.dir, workers);
    staging.commit(envs.map((env) => env.name));
    return counts;
  } finally {
    staging.discard();
  }
}
