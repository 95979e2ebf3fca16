/**
 * Every kind that carries a pod template, with where the template sits. Kyverno's autogen only
 * knows the built-in controllers and stops as soon as a policy matches anything besides pods, so
 * workload policies match these kinds explicitly (Argo Rollouts included) and read the template
 * through the path below.
 */
export interface WorkloadKind {
  readonly kind: string;
  /** API group (`''` for the core group). */
  readonly group: string;
  readonly version: string;
  /** Plural resource name, as admission matches it. */
  readonly resource: string;
  /** Field path from the object to its pod template; empty for a Pod itself. */
  readonly templatePath: readonly string[];
  /** Whether its pods run until stopped (probes apply); Pods decide by their restart policy. */
  readonly longRunning: boolean;
}

export const WORKLOAD_KINDS: readonly WorkloadKind[] = [
  { kind: 'Pod', group: '', version: 'v1', resource: 'pods', templatePath: [], longRunning: true },
  { kind: 'Deployment', group: 'apps', version: 'v1', resource: 'deployments', templatePath: ['spec', 'template'], longRunning: true },
  { kind: 'StatefulSet', group: 'apps', version: 'v1', resource: 'statefulsets', templatePath: ['spec', 'template'], longRunning: true },
  { kind: 'DaemonSet', group: 'apps', version: 'v1', resource: 'daemonsets', templatePath: ['spec', 'template'], longRunning: true },
  { kind: 'Job', group: 'batch', version: 'v1', resource: 'jobs', templatePath: ['spec', 'template'], longRunning: false },
  {
    kind: 'CronJob',
    group: 'batch',
    version: 'v1',
    resource: 'cronjobs',
    templatePath: ['spec', 'jobTemplate', 'spec', 'template'],
    longRunning: false,
  },
  { kind: 'Rollout', group: 'argoproj.io', version: 'v1alpha1', resource: 'rollouts', templatePath: ['spec', 'template'], longRunning: true },
];

/** `group/version`, as written in `apiVersion`. */
export function apiVersionOf(kind: WorkloadKind): string {
  return kind.group ? `${kind.group}/${kind.version}` : kind.version;
}

/** The workload kind of a rendered object, or undefined when it carries no pod template. */
export function workloadKindOf(obj: { readonly apiVersion?: unknown; readonly kind?: unknown }): WorkloadKind | undefined {
  return WORKLOAD_KINDS.find((k) => k.kind === obj.kind && apiVersionOf(k) === obj.apiVersion);
}
