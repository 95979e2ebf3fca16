import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { UPSTREAM, type UpstreamFile } from '../../lib/upstream/pins';

/** The git-ignored cache `npm run fetch-upstream` fills. */
export const UPSTREAM_CACHE = resolve(__dirname, '../../.upstream-cache');

/**
 * Resolves `UPSTREAM_DIR` once: a relative path is taken relative to the directory the command was
 * started in (`INIT_CWD`, which npm and npx set, else the working directory), and the absolute
 * path is written back into the environment, so every later step and child process (the
 * bootstrap's tests run in bootstrap/) reads the same folder.
 */
export function resolveUpstreamDirEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const given = env.UPSTREAM_DIR;
  if (!given) return undefined;
  if (isAbsolute(given)) return given;
  const absolute = resolve(env.INIT_CWD ?? process.cwd(), given);
  env.UPSTREAM_DIR = absolute;
  return absolute;
}

/**
 * Where pinned upstream files are read from: `UPSTREAM_DIR` (an existing mirror, e.g.
 * `../shared/upstream` in CI) or else the fetched cache.
 */
export function upstreamDir(): string {
  return resolveUpstreamDirEnv() ?? UPSTREAM_CACHE;
}

/** How to work without network: the sentence every "cannot get pinned files" error ends with. */
export const OFFLINE_HINT =
  'offline or behind a proxy? point UPSTREAM_DIR at a mirror of the pinned files (the same crds/ and chart-values/ layout as .upstream-cache/), ' +
  'e.g. `export UPSTREAM_DIR=../shared/upstream` (relative to where you run npm) or an absolute path, then run `npm run fetch-upstream` to check it; ' +
  'UPSTREAM_BASE_URL instead points the downloads at a mirror of raw.githubusercontent.com';

/** Absolute path of a pinned file; the error says how to get it when it is missing. */
export function upstreamPath(file: UpstreamFile): string {
  const path = join(upstreamDir(), file.file);
  if (!existsSync(path)) {
    throw new Error(`pinned upstream file ${file.file} not found in ${upstreamDir()}: run \`npm run fetch-upstream\` (online), or ${OFFLINE_HINT}`);
  }
  return path;
}

/** Every pinned file: CRDs and chart default values of all components. */
export function allPinnedFiles(): UpstreamFile[] {
  return Object.values(UPSTREAM).flatMap((c) => [...c.crds, c.chartValues]);
}
