import { spawnSync } from 'node:child_process';
import { createHash, type Hash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** One run of a deterministic command-line tool whose verdict depends only on its inputs. */
export interface ToolRunRequest {
  /** The tool's executable; its pinned version is read from `.<name>.version` beside it when there. */
  readonly binary: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  /** Extra environment variables of the run (part of the key). */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Every file or folder (all files below it) the tool reads. Their contents are the key; a path
   * the tool reads that is not listed here would make a cached verdict stale, so list them all.
   */
  readonly inputs: readonly string[];
  /**
   * A scratch folder whose path differs between runs (mkdtemp): written as `<work>` in the key and
   * in the stored output, so identical contents in another scratch folder hit the cache.
   */
  readonly workDir?: string;
  /** Further scratch folders the run reads (e.g. staged CRDs): each written as `<scratch-N>` like `workDir`. */
  readonly scratchDirs?: readonly string[];
  /** Where runs are kept; without it the tool always runs. */
  readonly cacheDir?: string;
  /** Exit codes of a completed run (a verdict); other exits and signals are never cached. @default [0, 1] */
  readonly completedStatuses?: readonly number[];
  readonly maxBuffer?: number;
}

export interface ToolRun {
  readonly status: number | null;
  readonly signal?: string | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Whether the output came from the cache. */
  readonly cached: boolean;
}

const WORK = '<work>';

/**
 * Runs `request.binary`, or returns the output of an identical earlier run: the key is the tool
 * (name, pinned version, size and modification time of the executable), the arguments, the extra
 * environment and the content of every input file. Only completed runs are stored, atomically.
 */
export function cachedToolRun(request: ToolRunRequest): ToolRun {
  const scratch = scratchOf(request);
  const file = request.cacheDir ? join(request.cacheDir, `${basename(request.binary)}-${toolRunKey(request)}.json`) : undefined;
  if (file && existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Omit<ToolRun, 'cached'>;
    return { ...stored, stdout: fromStored(stored.stdout, scratch), stderr: fromStored(stored.stderr, scratch), cached: true };
  }
  const run = spawnSync(request.binary, request.args, {
    cwd: request.cwd,
    encoding: 'utf8',
    maxBuffer: request.maxBuffer ?? 256 * 1024 * 1024,
    env: { ...process.env, ...request.env },
  });
  if (run.error) throw new Error(`cannot run ${request.binary}: ${run.error.message}`);
  const result: ToolRun = { status: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr, cached: false };
  if (file && run.status !== null && (request.completedStatuses ?? [0, 1]).includes(run.status)) {
    mkdirSync(dirname(file), { recursive: true });
    const stored = { status: run.status, signal: run.signal, stdout: toStored(run.stdout, scratch), stderr: toStored(run.stderr, scratch) };
    writeFileSync(`${file}.part-${process.pid}`, JSON.stringify(stored));
    renameSync(`${file}.part-${process.pid}`, file);
  }
  return result;
}

/** The content hash that identifies a run (exported for tests). */
export function toolRunKey(request: ToolRunRequest): string {
  const hash = createHash('sha256');
  const scratch = scratchOf(request);
  const binary = realpathSync(request.binary);
  const stat = statSync(binary);
  const versionFile = join(dirname(request.binary), `.${basename(request.binary)}.version`);
  const version = existsSync(versionFile) ? readFileSync(versionFile, 'utf8').trim() : '';
  hash.update(`${basename(request.binary)}\0${version}\0${stat.size}:${stat.mtimeMs}\0`);
  for (const arg of request.args) hash.update(toStored(arg, scratch)).update('\0');
  for (const [name, value] of Object.entries(request.env ?? {}).sort(([a], [b]) => a.localeCompare(b))) hash.update(`${name}=${value}\0`);
  hash.update(`cwd=${toStored(request.cwd ?? '', scratch)}\0`);
  for (const input of [...request.inputs].sort()) hashPath(hash, input, scratch);
  return hash.digest('hex').slice(0, 32);
}

function hashPath(hash: Hash, path: string, scratch: Scratch): void {
  if (!existsSync(path)) {
    hash.update(`missing ${toStored(path, scratch)}\0`);
    return;
  }
  if (statSync(path).isDirectory()) {
    hash.update(`dir ${toStored(path, scratch)}\0`);
    for (const name of readdirSync(path).sort()) hashPath(hash, join(path, name), scratch);
    return;
  }
  hash.update(`file ${toStored(path, scratch)}\0`).update(readFileSync(path)).update('\0');
}

/** Scratch folders and their placeholders, longest path first (a folder inside another is replaced first). */
type Scratch = readonly (readonly [path: string, placeholder: string])[];

function scratchOf(request: ToolRunRequest): Scratch {
  const dirs: [string, string][] = request.workDir ? [[request.workDir, WORK]] : [];
  (request.scratchDirs ?? []).forEach((dir, i) => dirs.push([dir, `<scratch-${i}>`]));
  return dirs.sort(([a], [b]) => b.length - a.length);
}

function toStored(text: string, scratch: Scratch): string {
  return scratch.reduce((t, [path, placeholder]) => t.split(path).join(placeholder), text);
}

function fromStored(text: string, scratch: Scratch): string {
  return scratch.reduce((t, [path, placeholder]) => t.split(placeholder).join(path), text);
}
