import { readFileSync } from 'node:fs';
import { devNull } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { cachedToolRun, type ToolRun } from '../tool-cache';

export interface KubectlValidateOptions {
  /** Path of the `kubectl-validate` binary. */
  readonly binary: string;
  /** Folder the manifest paths are relative to; also the working directory of the run. */
  readonly cwd: string;
  /** Manifest files relative to `cwd`; multi-document YAML files are allowed. */
  readonly files: readonly string[];
  /** Folders of CustomResourceDefinition files (`--local-crds`); each read flat, not recursively. */
  readonly crdDirs: readonly string[];
  /** Kubernetes minor version whose built-in schemas native objects are checked against, e.g. `1.33`. */
  readonly kubernetesVersion: string;
  /**
   * Folder of verdicts keyed by the content hash of everything that decides them: the binary,
   * the Kubernetes version, every CRD file and every manifest (kubectl-validate is deterministic,
   * so an unchanged input gets the verdict it had, not a weaker one).
   * @default - no cache
   */
  readonly cacheDir?: string;
}

/** One document kubectl-validate rejected, as the API server would reject it on create. */
export interface ManifestError {
  /** The file, relative to `cwd`. */
  readonly file: string;
  /** Zero-based position of the document in its file. */
  readonly document: number;
  /** `Kind namespace/name` when the document could be read, else empty. */
  readonly object: string;
  readonly message: string;
}

export interface KubectlValidateResult {
  /** Documents checked (empty documents excluded). */
  readonly documents: number;
  readonly errors: readonly ManifestError[];
}

interface Status {
  readonly status: 'Success' | 'Failure';
  readonly message?: string;
}

/** Thrown when kubectl-validate could not run to a verdict (bad CRD, unknown version, crash). */
export class KubectlValidateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubectlValidateError';
  }
}

/**
 * Validates manifests with kubectl-validate in one process: the API server's own schema,
 * CEL (`x-kubernetes-validations`) and strict-decoding (unknown field) checks, offline.
 * Schemas come only from `crdDirs` and the binary's built-in schemas of `kubernetesVersion`:
 * the run gets no kubeconfig, no in-cluster credentials and an unusable proxy, so a live cluster
 * or GitHub (kubectl-validate's fallbacks) can never change the verdict.
 */
export function kubectlValidate(options: KubectlValidateOptions): KubectlValidateResult {
  if (options.files.length === 0) return { documents: 0, errors: [] };
  return interpret(options, run(options));
}

/**
 * The tool's own output for these inputs (`cachedToolRun`: from the cache when an identical run was
 * made — the binary, the arguments incl. the Kubernetes version, every CRD file and every
 * manifest — else by running it; only completed runs, exit 0 or 1, are kept). The verdict is always
 * read anew from the output.
 */
function run(options: KubectlValidateOptions): ToolRun {
  const request = {
    binary: options.binary,
    args: [...options.files, '--version', options.kubernetesVersion, ...options.crdDirs.map((dir) => `--local-crds=${dir}`), '--output', 'json'],
    cwd: options.cwd,
    env: hermeticEnv(),
    inputs: [...options.crdDirs, ...options.files.map((file) => join(options.cwd, file))],
    workDir: options.cwd,
    // Staged CRD folders are fresh temporary folders: their contents are the key, not their paths.
    scratchDirs: options.crdDirs,
    cacheDir: options.cacheDir,
  };
  try {
    return cachedToolRun(request);
  } catch (error) {
    throw new KubectlValidateError(error instanceof Error ? error.message : String(error));
  }
}

/** The verdict of a run: documents checked, and every rejection that is a real one. */
function interpret(options: KubectlValidateOptions, run: ToolRun): KubectlValidateResult {
  if (run.stderr.includes('couldn\'t find hardcoded schemas for version')) {
    throw new KubectlValidateError(
      `kubectl-validate has no built-in schemas for Kubernetes ${options.kubernetesVersion} and would download them; pin a kubectl-validate that knows this version in scripts/tools.sh`,
    );
  }
  // Exit 0: all valid, 1: some document invalid (the verdict is on stdout); anything else is a failed run.
  let report: Record<string, Status[]>;
  try {
    if (run.status !== 0 && run.status !== 1) throw new Error('failed run');
    report = JSON.parse(run.stdout) as Record<string, Status[]>;
  } catch {
    throw new KubectlValidateError(`kubectl-validate failed (exit ${run.status ?? run.signal}):\n${(run.stderr || run.stdout).trim()}`);
  }

  let documents = 0;
  let failures = 0;
  const errors: ManifestError[] = [];
  for (const file of options.files) {
    const statuses = report[file];
    if (!statuses) throw new KubectlValidateError(`kubectl-validate reported nothing for ${file}`);
    const objects = describeDocuments(join(options.cwd, file), statuses.length);
    statuses.forEach((status, document) => {
      if (objects[document] !== null) documents++;
      if (status.status !== 'Success') failures++;
      if (status.status !== 'Success' && !isRbacNameFalsePositive(status.message ?? '')) {
        errors.push({ file, document, object: objects[document] ?? '', message: status.message ?? JSON.stringify(status) });
      }
    });
  }
  if (run.status === 1 && failures === 0) {
    throw new KubectlValidateError(`kubectl-validate exited 1 without naming an invalid document:\n${run.stderr.trim()}`);
  }
  return { documents, errors };
}

/**
 * Whether `message` is kubectl-validate's only complaint about an RBAC object whose name the API
 * server accepts. kubectl-validate checks every name as an RFC 1123 subdomain, but the API server
 * validates Role, ClusterRole, RoleBinding and ClusterRoleBinding names as path segments
 * (`ValidateRBACName` = `path.IsValidPathSegmentName`: anything but `.`, `..`, `/` and `%`), so
 * `system:…` and `kyverno:admission-controller` are valid (kubernetes-sigs/kubectl-validate#115).
 * A name that is not a valid path segment, or any further error in the message, still fails.
 */
export function isRbacNameFalsePositive(message: string): boolean {
  const match = /^(?:Cluster)?Role(?:Binding)?\.rbac\.authorization\.k8s\.io "([^"\n]*)" is invalid: metadata\.name: Invalid value: "([^"\n]*)": a lowercase RFC 1123 subdomain must consist of [^\n]*$/.exec(message.trim());
  if (!match || match[1] !== match[2]) return false;
  const name = match[1];
  return name !== '' && name !== '.' && name !== '..' && !/[/%]/.test(name);
}

/** `ManifestError` as one line block: file, document, object, then the API server's message. */
export function formatManifestError(error: ManifestError, prefix = ''): string {
  const where = `${prefix}${error.file}${error.document > 0 ? ` (document ${error.document + 1})` : ''}`;
  return `${where}${error.object ? `: ${error.object}` : ''}\n    ${error.message.trim().replace(/\n/g, '\n    ')}`;
}

/**
 * `Kind namespace/name` of each document (null for an empty one), or blanks when the file does
 * not split into `count` documents the way kubectl-validate split it.
 */
function describeDocuments(path: string, count: number): (string | null)[] {
  let docs: unknown[];
  try {
    const text = readFileSync(path, 'utf8');
    // Files of JSON documents (the rendered releases) parse far faster as JSON; both are YAML.
    const chunks = text.startsWith('---\n{') ? text.split(/^---\n/m).slice(1) : undefined;
    docs = chunks?.every((c) => c.startsWith('{')) ? chunks.map((c) => JSON.parse(c) as unknown) : parseAllDocuments(text).map((d) => d.toJS());
  } catch {
    docs = [];
  }
  if (docs.length !== count) return Array.from({ length: count }, () => '');
  return docs.map((doc) => {
    if (doc === null || doc === undefined) return null;
    const o = doc as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
    const ns = o.metadata?.namespace ? `${String(o.metadata.namespace)}/` : '';
    return `${String(o.kind ?? '?')} ${ns}${String(o.metadata?.name ?? '?')}`;
  });
}

/** The caller's environment minus every way kubectl-validate could reach a cluster or the network. */
function hermeticEnv(): Record<string, string> {
  // Blank, not just absent: the run inherits this process's environment.
  const env: Record<string, string> = {};
  for (const key of Object.keys(process.env)) if (/^(KUBERNETES_SERVICE_|NO_PROXY$|no_proxy$)/.test(key)) env[key] = '';
  // An empty kubeconfig means "no cluster"; the proxy is a closed local port.
  env.KUBECONFIG = devNull;
  env.HTTPS_PROXY = env.HTTP_PROXY = env.https_proxy = env.http_proxy = 'http://127.0.0.1:9';
  return env;
}
