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

/** Path from the object to its pod template (`metadata` + `spec`), by kind. */
const TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  Rollout: ['spec', 'template'],
  ScaledJob: ['spec', 'jobTargetRef', 'template'],
};

/** The pod template of `object`, or undefined when it runs no pods. */
export function workloadPod(object: RenderedObject): WorkloadPod | undefined {
  if (object.kind === 'Pod') return object.spec ? { labels: object.metadata?.labels ?? {}, spec: object.spec } : undefined;
  const path = TEMPLATE_PATHS[object.kind ?? ''];
  const candidates = path ? [path] : [['spec', 'template'], ['spec', 'jobTemplate', 'spec', 'template']];
  for (const candidate of candidates) {
    const template = candidate.reduce<any>((node, key) => (node && typeof node === 'object' ? node[key] : undefined), object);
    if (template?.spec && Array.isArray(template.spec.containers)) return { labels: template.metadata?.labels ?? {}, spec: template.spec };
  }
  return undefined;
}
