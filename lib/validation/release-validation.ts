import type { DesiredState } from '../desired';
import { kubectlValidate } from './kubectl-validate';
import { writeReleaseManifests } from './release-manifests';

export interface ReleaseValidationOptions {
  /** Path of the `kubectl-validate` binary. */
  readonly binary: string;
  /** Kubernetes minor version of the environment, e.g. `1.33`. */
  readonly kubernetesVersion: string;
  /** Folders of CRD files: the pinned CRDs and those the charts ship (see `chartCrds`). */
  readonly crdDirs: readonly string[];
  /** Empty folder the release manifests are written to. */
  readonly workDir: string;
  /** kubectl-validate's results by content hash of its inputs (`KubectlValidateOptions.cacheDir`). @default - no cache */
  readonly cacheDir?: string;
}

/** One rendered release object the API server would reject, or a release Argo CD cannot render. */
export interface ReleaseError {
  /** `prod: Application prod-keda (Helm release keda, chart keda@2.20.2)`, or the render error itself. */
  readonly release: string;
  /** `Deployment keda/keda-operator (keda/templates/deployment.yaml)`; empty for a render error. */
  readonly object: string;
  readonly message: string;
}

export interface ReleaseValidationResult {
  readonly releases: number;
  readonly objects: number;
  readonly errors: readonly ReleaseError[];
}

/**
 * kubectl-validate over every object of every Helm release of `state` (what Argo CD applies
 * for those Applications), in one run; plus one error per release that did not render, with
 * Helm's message, since nothing of it could be validated.
 */
export function validateReleases(state: DesiredState, options: ReleaseValidationOptions): ReleaseValidationResult {
  const written = writeReleaseManifests(state, options.workDir);
  const result = kubectlValidate({
    binary: options.binary,
    cwd: options.workDir,
    files: written.map((w) => w.file),
    crdDirs: options.crdDirs,
    kubernetesVersion: options.kubernetesVersion,
    cacheDir: options.cacheDir,
  });
  const errors: ReleaseError[] = state.renderErrors.map((error) => {
    const match = /^(.*?\)): ([\s\S]*)$/.exec(error);
    return { release: match?.[1] ?? state.env, object: '', message: (match?.[2] ?? error).trim() };
  });
  for (const error of result.errors) {
    const release = written.find((w) => w.file === error.file)!;
    const origin = release.application.origins[error.document];
    errors.push({ release: release.label, object: `${error.object || `document ${error.document + 1}`}${origin ? ` (${origin})` : ''}`, message: error.message.trim() });
  }
  return { releases: written.length, objects: result.documents, errors };
}

/** One error as printed: release, object, then the message indented below. */
export function formatReleaseError(error: ReleaseError): string {
  if (!error.object) return `${error.release}: NOT RENDERED\n    ${error.message.replace(/\n+/g, '\n    ')}`;
  return `${error.release}: ${error.object}\n    ${error.message.replace(/\n/g, '\n    ')}`;
}
