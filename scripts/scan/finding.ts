/** One scanner finding, normalised across scanners. */
export interface Finding {
  readonly scanner: 'kube-score' | 'kube-linter' | 'polaris' | 'checkov';
  /** The scanner's check id, e.g. `container-security-context-readonlyrootfilesystem`. */
  readonly check: string;
  /** Environment the finding belongs to. */
  readonly env: string;
  /**
   * What was scanned: `Kind/namespace/name` for Kubernetes objects (`Kind/name` when
   * cluster-scoped), the Terraform resource address for the bootstrap.
   */
  readonly target: string;
  readonly message: string;
  /** File the scanner read it from, relative to the scanned folder (Kubernetes scans only). */
  readonly file?: string;
}

export function describeFinding(f: Finding): string {
  return `${f.scanner} ${f.check} ${f.env}:${f.target}: ${f.message}`;
}
