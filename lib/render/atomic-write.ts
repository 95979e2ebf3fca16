import {
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { isAlive, withOutputLock, type LockOptions } from './output-lock';
import type { RenderedFile } from './rendered-file';

/**
 * Replaces `outdir/<name>` for every entry of `trees` as one step: everything is written into a
 * staging folder first, and only when all of it is written is the output swapped (see
 * StagedTrees). A failure before the swap leaves `outdir` exactly as it was; stale files disappear
 * because each folder is replaced whole. `trees` may be produced lazily (one tree at a time).
 */
export function writeTreesAtomically(outdir: string, trees: Iterable<readonly [string, readonly RenderedFile[]]>, options: LockOptions = {}): void {
  const staging = new StagedTrees(outdir, options);
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

const GENERATION = /^g-(\d+)-(\d+)$/;
const PID_SUFFIXED = /^(staging|building|link)-(\d+)(-\d+)?$/;

/**
 * The staging folder of an atomic write, and the swap. `outdir` is a symbolic link to a complete
 * generation folder in `<outdir>.generations/`; a commit builds the next generation beside it
 * (the staged trees moved in, the other folders hard-linked from the current generation) and
 * then replaces the link in one rename. So at every instant, even if the process is killed,
 * `outdir/<name>` exists and every folder of `outdir` comes from the same synth. Commits are
 * serialised by the lock file `<outdir>.lock`; staging folders of processes that no longer run
 * are removed by the next write. Always call `discard()` at the end.
 */
export class StagedTrees {
  /** Staging folder: write the trees into `dir/<name>/` (from this thread or any other). */
  public readonly dir: string;
  private readonly out: string;
  private readonly generations: string;

  constructor(
    outdir: string,
    private readonly options: LockOptions = {},
  ) {
    this.out = resolve(outdir);
    this.generations = `${this.out}.generations`;
    mkdirSync(this.generations, { recursive: true });
    removeLeftovers(this.out, this.generations);
    this.dir = join(this.generations, `staging-${process.pid}-${Date.now()}`);
    mkdirSync(this.dir);
  }

  /** Swaps the staged trees `names` into `outdir`, replacing the folders of the same names. */
  public commit(names: readonly string[]): void {
    withOutputLock(`${this.out}.lock`, () => {
      const current = this.currentGeneration();
      const building = join(this.generations, `building-${process.pid}`);
      rmSync(building, { recursive: true, force: true });
      mkdirSync(building);
      for (const name of names) renameSync(join(this.dir, name), join(building, name));
      if (current) {
        for (const entry of readdirSync(current)) {
          if (!names.includes(entry)) linkTree(join(current, entry), join(building, entry));
        }
      }
      // Named by time, so the newest sorts last; never the name of an existing generation.
      let stamp = Date.now();
      while (readdirSync(this.generations).some((e) => e.startsWith(`g-${String(stamp).padStart(15, '0')}-`))) stamp++;
      const next = join(this.generations, `g-${String(stamp).padStart(15, '0')}-${process.pid}`);
      renameSync(building, next);
      this.pointAt(next);
      // Only the generation the link points at is kept.
      for (const entry of readdirSync(this.generations)) {
        if (GENERATION.test(entry) && join(this.generations, entry) !== next) rmSync(join(this.generations, entry), { recursive: true, force: true });
      }
    }, this.options);
  }

  /** Removes the staging folder (and whatever is left in it). */
  public discard(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  /**
   * The folder `outdir` currently shows. A real folder (output of an earlier layout) is moved
   * into the generations first; a missing link (a kill during that move) is restored to the
   * newest complete generation.
   */
  private currentGeneration(): string | undefined {
    const stat = lstatOrUndefined(this.out);
    if (stat?.isSymbolicLink()) {
      const target = resolve(dirname(this.out), readlinkSync(this.out));
      return existsSync(target) ? target : undefined;
    }
    if (stat?.isDirectory()) {
      const adopted = join(this.generations, `g-${'0'.repeat(15)}-${process.pid}`);
      renameSync(this.out, adopted);
      this.pointAt(adopted);
      return adopted;
    }
    const newest = readdirSync(this.generations).filter((e) => GENERATION.test(e)).sort().pop();
    if (newest === undefined) return undefined;
    this.pointAt(join(this.generations, newest));
    return join(this.generations, newest);
  }

  /** Points `outdir` at `generation` with one rename of a new link over the old one. */
  private pointAt(generation: string): void {
    const link = join(this.generations, `link-${process.pid}`);
    rmSync(link, { force: true });
    symlinkSync(relative(dirname(this.out), generation), link, 'dir');
    renameSync(link, this.out);
  }
}

/** Staging and half-built folders of processes that no longer run, and files of the earlier layout. */
function removeLeftovers(out: string, generations: string): void {
  for (const entry of readdirSync(generations)) {
    const match = PID_SUFFIXED.exec(entry);
    if (match && !isAlive(Number(match[2]))) rmSync(join(generations, entry), { recursive: true, force: true });
  }
  const parent = dirname(out);
  for (const entry of existsSync(parent) ? readdirSync(parent) : []) {
    const earlier = [`${basename(out)}.staging-`, `${basename(out)}.retired-`].find((prefix) => entry.startsWith(prefix));
    if (earlier && !isAlive(Number(entry.slice(earlier.length)))) rmSync(join(parent, entry), { recursive: true, force: true });
  }
}

/** Hard-links every file below `from` into `to` (copies where linking is not possible). */
function linkTree(from: string, to: string): void {
  if (!statSync(from).isDirectory()) {
    try {
      linkSync(from, to);
    } catch {
      copyFileSync(from, to);
    }
    return;
  }
  mkdirSync(to);
  for (const entry of readdirSync(from)) linkTree(join(from, entry), join(to, entry));
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
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
