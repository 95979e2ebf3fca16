import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { SourcedObject } from './manifest-folder';
import { parseManifests } from './manifest-folder';

/** One `helm template` run, described the way Argo CD's repo-server builds it. */
export interface HelmTemplateRequest {
  readonly releaseName: string;
  /** Destination namespace of the Application (`--namespace`). */
  readonly namespace: string;
  /** The packaged chart (`.tgz`). */
  readonly chartArchive: string;
  /** Absolute paths of the value files, in the order the Application lists them. */
  readonly valueFiles: readonly string[];
  /** Inline values (`helm.values` / `helm.valuesObject`), applied after the files. */
  readonly inlineValues?: string;
  /** `helm.parameters`, applied last. */
  readonly parameters?: readonly { readonly name: string; readonly value: string; readonly forceString?: boolean }[];
  /** The cluster's Kubernetes version, e.g. `1.35` (`--kube-version`). */
  readonly kubernetesVersion: string;
  /** API group versions the cluster serves besides the built-in ones (`--api-versions`). */
  readonly apiVersions: readonly string[];
  /** Whether CRDs in the chart's `crds/` folder are rendered (Argo CD: unless `skipCrds`). */
  readonly includeCrds: boolean;
}

/**
 * The arguments of `helm template` for `request`, as Argo CD runs it: release name, destination
 * namespace, `--kube-version` and `--api-versions` of the target cluster, value files, then inline
 * values (written to `inlineValuesFile`), then parameters, and `--include-crds` unless the source
 * sets `skipCrds` (Argo CD v3.5 docs, "Helm": value precedence parameters > values > valueFiles).
 */
export function helmTemplateArgs(request: HelmTemplateRequest, inlineValuesFile?: string): string[] {
  const args = ['template', request.releaseName, request.chartArchive, '--namespace', request.namespace];
  args.push('--kube-version', kubeVersionFlag(request.kubernetesVersion));
  for (const version of [...request.apiVersions].sort()) args.push('--api-versions', version);
  for (const file of request.valueFiles) args.push('--values', file);
  if (request.inlineValues !== undefined) {
    if (!inlineValuesFile) throw new Error('helmTemplateArgs: inline values need a file to be written to');
    args.push('--values', inlineValuesFile);
  }
  for (const p of request.parameters ?? []) args.push(p.forceString ? '--set-string' : '--set', `${p.name}=${p.value}`);
  if (request.includeCrds) args.push('--include-crds');
  return args;
}

/** `1.35` → `v1.35.0`; a full version is kept. */
export function kubeVersionFlag(version: string): string {
  const v = version.replace(/^v/, '');
  return `v${/^\d+\.\d+$/.test(v) ? `${v}.0` : v}`;
}

export interface HelmTemplateOptions {
  /** The `helm` binary. */
  readonly binary: string;
  /**
   * Folder for rendered output keyed by the content hash of everything that decides it (helm
   * version, chart archive, values, arguments); helm template is deterministic, so a hit is exact.
   * @default - no cache
   */
  readonly cacheDir?: string;
  /** @default 120000 */
  readonly timeoutMs?: number;
}

/** Runs `helm template` (cached by content) and returns the rendered objects with their template path. */
export class HelmTemplate {
  private readonly binaryIdentity: string;

  constructor(private readonly options: HelmTemplateOptions) {
    if (!existsSync(options.binary)) throw new Error(`${options.binary} not found: install it with bash scripts/tools.sh helm`);
    const stamp = join(dirname(options.binary), '.helm.version');
    this.binaryIdentity = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : `${statSync(options.binary).size}:${statSync(options.binary).mtimeMs}`;
  }

  /** The rendered objects; with a cache, parsed once and kept as JSON beside the text. */
  public async render(request: HelmTemplateRequest): Promise<SourcedObject[]> {
    const parsed = this.options.cacheDir ? join(this.options.cacheDir, `${this.cacheKey(request)}.json`) : undefined;
    if (parsed && existsSync(parsed)) return JSON.parse(readFileSync(parsed, 'utf8')) as SourcedObject[];
    const objects = splitHelmOutput(await this.renderText(request));
    if (parsed) {
      writeFileSync(`${parsed}.part-${process.pid}`, JSON.stringify(objects));
      renameSync(`${parsed}.part-${process.pid}`, parsed);
    }
    return objects;
  }

  public async renderText(request: HelmTemplateRequest): Promise<string> {
    const key = this.cacheKey(request);
    const cached = this.options.cacheDir ? join(this.options.cacheDir, `${key}.yaml`) : undefined;
    if (cached && existsSync(cached)) return readFileSync(cached, 'utf8');
    let inlineFile: string | undefined;
    if (request.inlineValues !== undefined) {
      const dir = this.options.cacheDir ?? join(tmpdir(), 'helm-inline-values');
      mkdirSync(dir, { recursive: true });
      inlineFile = join(dir, `${key}.values.yaml`);
      writeFileSync(inlineFile, request.inlineValues);
    }
    const text = await run(this.options.binary, helmTemplateArgs(request, inlineFile), this.options.timeoutMs ?? 120_000);
    if (cached) {
      mkdirSync(this.options.cacheDir!, { recursive: true });
      writeFileSync(`${cached}.part-${process.pid}`, text);
      renameSync(`${cached}.part-${process.pid}`, cached);
    }
    return text;
  }

  private cacheKey(request: HelmTemplateRequest): string {
    const hash = createHash('sha256');
    hash.update(this.binaryIdentity).update('\0');
    hash.update(readFileSync(request.chartArchive)).update('\0');
    for (const file of request.valueFiles) hash.update(readFileSync(file)).update('\0');
    hash.update(JSON.stringify({ ...request, chartArchive: '', valueFiles: request.valueFiles.length }));
    return hash.digest('hex').slice(0, 32);
  }
}

/** Splits `helm template` output into objects, each with the template file it came from. */
function splitHelmOutput(text: string): SourcedObject[] {
  const found: SourcedObject[] = [];
  for (const chunk of text.split(/^---[ \t]*$/m)) {
    const source = /^# Source: (.+)$/m.exec(chunk)?.[1]?.trim() ?? '(unknown template)';
    for (const object of parseManifests(chunk, source)) found.push({ object, file: source });
  }
  return found;
}

function run(binary: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(binary, args, { maxBuffer: 256 * 1024 * 1024, timeout: timeoutMs, env: { ...process.env, HELM_CACHE_HOME: process.env.HELM_CACHE_HOME ?? join(tmpdir(), 'helm-cache') } }, (error, stdout, stderr) => {
      if (error) reject(new Error((stderr || error.message).trim()));
      else resolvePromise(stdout);
    });
  });
}
