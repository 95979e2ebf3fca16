import { mkdirSync, renameSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { RenderedFile } from './rendered-file';

/**
 * Replaces `outdir/<name>` for every entry of `trees` as one step: everything is written into a
 * sibling staging folder first, and only when all of it is written are the folders swapped in.
 * A failure before the swap leaves `outdir` exactly as it was; stale files disappear because each
 * folder is replaced whole. `trees` may be produced lazily (one tree at a time).
 */
export function writeTreesAtomically(outdir: string, trees: Iterable<readonly [string, readonly RenderedFile[]]>): void {
  const staging = new StagedTrees(outdir);
  try {
    const names: string[] = [];
    for (const [name, files] of trees) {
      writeTree(join(staging.dir, name), files);
      names.push(name);
    }
    staging.commit(names);
  } finally {
    staging.discard();
  }
}

/**
 * The staging folder of an atomic write: trees are written into `dir/<name>/` (by this thread or
 * any other), then `commit()` swaps them into `outdir`. Always call `discard()` at the end: it
 * removes whatever is left of the staging folder and of the replaced trees.
 */
export class StagedTrees {
  /** Staging folder, a sibling of `outdir`. */
  public readonly dir: string;
  private readonly out: string;
  private readonly retired: string;

  constructor(outdir: string) {
    this.out = resolve(outdir);
    this.dir = `${this.out}.staging-${process.pid}`;
    this.retired = `${this.out}.retired-${process.pid}`;
    this.discard();
  }

  /** Swaps the staged trees `names` into `outdir`, replacing the folders of the same names. */
  public commit(names: readonly string[]): void {
    mkdirSync(this.out, { recursive: true });
    mkdirSync(this.retired, { recursive: true });
    for (const name of names) {
      if (existsSync(join(this.out, name))) renameSync(join(this.out, name), join(this.retired, name));
      renameSync(join(this.dir, name), join(this.out, name));
    }
  }

  public discard(): void {
    rmSync(this.dir, { recursive: true, force: true });
    rmSync(this.retired, { recursive: true, force: true });
  }
}

/** Writes `files` below `dir` (which must not exist yet or hold other files). */
export function writeTree(dir: string, files: readonly RenderedFile[]): void {
  const made = new Set<string>();
  for (const file of files) {
    const target = join(dir, file.path);
    const parent = dirname(target);
    if (!made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    writeFileSync(target, file.content);
  }
  // An environment with no files still gets its (empty) folder.
  if (files.length === 0) mkdirSync(dir, { recursive: true });
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
