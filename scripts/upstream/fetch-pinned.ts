import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { UpstreamFile } from '../../lib/upstream/pins';
import { sanitizeQuotedContinuations } from './sanitize-crd';

export interface FetchPinnedOptions {
  readonly files: readonly UpstreamFile[];
  /** Folder the files land in, at their `file` path. */
  readonly dest: string;
  /**
   * Replaces scheme and host of every pinned URL (e.g. an internal mirror of
   * raw.githubusercontent.com); the URL path is kept.
   * @default - the pinned URLs as they are
   */
  readonly baseUrl?: string;
  /**
   * Download files that are already present too. Files are only ever renamed into place
   * complete and verified, so a present file is a good one.
   * @default false
   */
  readonly force?: boolean;
  /** @default 4 */
  readonly concurrency?: number;
  /** @default 60000 */
  readonly timeoutMs?: number;
  /** @default console.log */
  readonly log?: (line: string) => void;
}

export interface FetchPinnedResult {
  readonly downloaded: readonly string[];
  readonly present: readonly string[];
}

/** Pinned files absent from `dir`. */
export function missingPinnedFiles(dir: string, files: readonly UpstreamFile[]): string[] {
  return files.filter((f) => !existsSync(join(dir, f.file))).map((f) => f.file);
}

/** The URL a pinned file is downloaded from, honouring `baseUrl`. */
export function downloadUrl(file: UpstreamFile, baseUrl?: string): string {
  if (!baseUrl) return file.url;
  const pinned = new URL(file.url);
  return `${baseUrl.replace(/\/+$/, '')}${pinned.pathname}${pinned.search}`;
}

/**
 * Downloads every pinned file into `dest`. Each body is verified (HTTP 200, YAML that parses, CRD
 * files hold only CustomResourceDefinitions, values files are a map) and written to a temporary
 * name first, then renamed: an interrupted or failed run never leaves a partial file at a pinned
 * path. Every failure is collected and thrown together after the other files are done.
 */
export async function fetchPinnedFiles(options: FetchPinnedOptions): Promise<FetchPinnedResult> {
  const log = options.log ?? console.log;
  const todo = options.force ? [...options.files] : options.files.filter((f) => !existsSync(join(options.dest, f.file)));
  const present = options.files.filter((f) => !todo.includes(f)).map((f) => f.file);
  const downloaded: string[] = [];
  const failures: string[] = [];

  const worker = async () => {
    for (let file = todo.shift(); file; file = todo.shift()) {
      const url = downloadUrl(file, options.baseUrl);
      try {
        const body = await download(url, options.timeoutMs ?? 60_000);
        verify(file, body);
        const target = join(options.dest, file.file);
        const part = `${target}.part-${process.pid}`;
        mkdirSync(dirname(target), { recursive: true });
        try {
          writeFileSync(part, body);
          renameSync(part, target);
        } finally {
          rmSync(part, { force: true });
        }
        downloaded.push(file.file);
        log(`fetched ${file.file}`);
      } catch (error) {
        failures.push(`${file.file} from ${url}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  if (failures.length > 0) throw new Error(`could not fetch ${failures.length} pinned file(s):\n  ${failures.sort().join('\n  ')}`);
  return { downloaded: downloaded.sort(), present };
}

async function download(url: string, timeoutMs: number): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  if (response.status !== 200) throw new Error(`HTTP ${response.status} ${response.statusText}`);
  // fetch rejects a body shorter than its Content-Length, so a cut connection fails here.
  return response.text();
}

/** Throws unless `body` is what a pinned file of this kind must be. */
function verify(file: UpstreamFile, body: string): void {
  if (body.trim() === '') throw new Error('empty body');
  // Sanitized like `npm run import` reads it: some upstream CRDs are not strict YAML.
  const docs = parseAllDocuments(sanitizeQuotedContinuations(body));
  for (const doc of docs) {
    if (doc.errors.length > 0) throw new Error(`not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  }
  const values = docs.map((d) => d.toJS() as unknown).filter((v) => v !== null && v !== undefined);
  if (file.file.startsWith('crds/')) {
    const kinds = values.map((v) => (v as { kind?: unknown }).kind);
    if (kinds.length === 0 || kinds.some((k) => k !== 'CustomResourceDefinition')) throw new Error(`expected only CustomResourceDefinitions, got kinds ${JSON.stringify(kinds)}`);
  } else if (values.length !== 1 || typeof values[0] !== 'object' || Array.isArray(values[0])) {
    throw new Error('expected one YAML map of chart default values');
  }
}
