import { isPodTemplateKind, podTemplateOf } from '../render/pod-template';

/**
 * Finds the pod template of a rendered workload object, whatever its kind: built-in workloads,
 * Argo Rollouts, KEDA ScaledJobs, bare Pods, and any other object shaped like a workload.
 */

/** A rendered Kubernetes object (plain JSON). */
export interface RenderedObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly labels?: Readonly<Record<string, string>> };
  readonly spec?: any;
}

/** The pod a workload runs, with where it was found. */
export interface WorkloadPod {
  readonly labels: Readonly<Record<string, string>>;
  /** The pod spec (`containers`, `volumes`, `tolerations`, `nodeSelector`, `affinity`…). */
  readonly spec: any;
}

// Kinds outside the shared table that still look like workloads (an operator's custom resource).
const FALLBACK_PATHS = [['spec', 'template'], ['spec', 'jobTemplate', 'spec', 'template']];

/** The pod template of `object`, or undefined when it runs no pods. */
export function workloadPod(object: RenderedObject): WorkloadPod | undefined {
  const known = podTemplateOf(object);
  if (known) return Array.isArray(known.spec.containers) ? { labels: known.metadata.labels ?? {}, spec: known.spec } : undefined;
  if (isPodTemplateKind(object.apiVersion, object.kind)) return undefined;
  for (const candidate of FALLBACK_PATHS) {
    const template = candidate.reduce<any>((node, key) => (node && typeof node === 'object' ? node[key] : undefined), object);
    if (template?.spec && Array.isArray(template.spec.containers)) return { labels: template.metadata?.labels ?? {}, spec: template.spec };
  }
  return undefined;
}
