import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UPSTREAM, type UpstreamFile } from '../../lib/upstream/pins';

/** The git-ignored cache `npm run fetch-upstream` fills. */
export const UPSTREAM_CACHE = resolve(__dirname, '../../.upstream-cache');

/**
 * Where pinned upstream files are read from: `UPSTREAM_DIR` (an existing mirror, e.g.
 * `../shared/upstream` in CI) or else the fetched cache.
 */
export function upstreamDir(): string {
  return process.env.UPSTREAM_DIR ? resolve(process.env.UPSTREAM_DIR) : UPSTREAM_CACHE;
}

/** Absolute path of a pinned file; the error says how to get it when it is missing. */
export function upstreamPath(file: UpstreamFile): string {
  const path = join(upstreamDir(), file.file);
  if (!existsSync(path)) {
    throw new Error(
      `pinned upstream file ${file.file} not found in ${upstreamDir()}: run \`npm run fetch-upstream\` (online) or set UPSTREAM_DIR to a mirror such as ../shared/upstream`,
    );
  }
  return path;
}

/** Every pinned file: CRDs and chart default values of all components. */
export function allPinnedFiles(): UpstreamFile[] {
  return Object.values(UPSTREAM).flatMap((c) => [...c.crds, c.chartValues]);
}
