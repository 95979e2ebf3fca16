import { mkdirSync, renameSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { RenderedFile } from './rendered-file';

/**
 * Replaces `outdir/<name>` for every entry of `trees` as one step: everything is written into a
 * sibling staging folder first, and only when all of it is written are the folders swapped in.
 * A failure before the swap leaves `outdir` exactly as it was; stale files disappear because each
 * folder is replaced whole.
 */
export function writeTreesAtomically(outdir: string, trees: ReadonlyMap<string, readonly RenderedFile[]>): void {
  const out = resolve(outdir);
  const staging = `${out}.staging-${process.pid}`;
  const retired = `${out}.retired-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  rmSync(retired, { recursive: true, force: true });
  try {
    for (const [name, files] of trees) {
      mkdirSync(join(staging, name), { recursive: true });
      for (const file of files) {
        const target = join(staging, name, file.path);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, file.content);
      }
    }
    mkdirSync(out, { recursive: true });
    mkdirSync(retired, { recursive: true });
    for (const name of trees.keys()) {
      if (existsSync(join(out, name))) renameSync(join(out, name), join(retired, name));
      renameSync(join(staging, name), join(out, name));
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
    rmSync(retired, { recursive: true, force: true });
  }
}

/** Lists files below `dir` (relative, sorted); empty when it does not exist. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else found.push(path);
    }
  };
  walk('');
  return found.sort();
}
