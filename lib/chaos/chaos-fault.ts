import type { k8s } from 'cdk8s-plus-29';

/** One RBAC rule a fault needs, on resources of the core group (`''`) or a named group. */
export interface ChaosRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
}

/** What a fault acts on: pods of a workload, or nodes picked by label. */
export type FaultTarget = 'pods' | 'nodes';

/**
 * A Litmus fault as typed data: what the `go-runner` image runs (`./experiments -name <name>`),
 * the tunables with their upstream defaults, and the RBAC it needs, split by where it applies so
 * every drill can grant exactly that. Facts from litmuschaos/chaos-charts `faults/kubernetes/<name>`.
 */
export interface ChaosFault {
  /** Fault (and ChaosExperiment) name, e.g. `pod-delete`. */
  readonly name: string;
  /** One sentence: what the fault does. */
  readonly description: string;
  readonly target: FaultTarget;
  /** Tunables (environment variables) with their defaults; a drill overrides some of them. */
  readonly env: Readonly<Record<string, string>>;
  /**
   * Starts privileged helper pods on the target's node (container runtime socket, host PID):
   * the chaos namespace must allow privileged pods, and the helper runs the `go-runner` image too.
   */
  readonly helperPods: boolean;
  /** Rules in the namespace of the target workload (namespaced faults). */
  readonly targetRules: readonly ChaosRule[];
  /** Cluster-wide rules (node faults); non-empty makes the ChaosExperiment `Cluster`-scoped. */
  readonly clusterRules: readonly ChaosRule[];
}

/**
 * What the chaos runner and the experiment job need in the chaos namespace, whatever the fault:
 * run and watch the experiment job and its (helper) pods, read their logs and mounted config maps,
 * record events, and read and update the engine, experiment and result.
 */
export const CHAOS_NAMESPACE_RULES: readonly ChaosRule[] = [
  { apiGroups: [''], resources: ['pods'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'deletecollection'] },
  { apiGroups: [''], resources: ['events'], verbs: ['create', 'get', 'list', 'patch', 'update'] },
  { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] },
  { apiGroups: [''], resources: ['pods/log'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['batch'], resources: ['jobs'], verbs: ['create', 'list', 'get', 'delete', 'deletecollection'] },
  { apiGroups: ['litmuschaos.io'], resources: ['chaosengines', 'chaosexperiments', 'chaosresults'], verbs: ['create', 'list', 'get', 'patch', 'update', 'delete'] },
];

/**
 * Read access a pod fault needs to find its targets and their owner (Deployment, StatefulSet,
 * DaemonSet or Argo Rollout, through the ReplicaSet) in the target namespace.
 */
export const TARGET_OWNER_RULES: readonly ChaosRule[] = [
  { apiGroups: ['apps'], resources: ['deployments', 'statefulsets', 'replicasets', 'daemonsets'], verbs: ['get', 'list'] },
  { apiGroups: ['argoproj.io'], resources: ['rollouts'], verbs: ['get', 'list'] },
];

/**
 * What a fault that runs in helper pods next to its target (stress, network) needs: the helper
 * pods themselves, and read access to the target pods and their owners; nothing cluster-wide.
 */
export const HELPER_POD_FAULT: Pick<ChaosFault, 'helperPods' | 'targetRules' | 'clusterRules'> = {
  helperPods: true,
  targetRules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }, ...TARGET_OWNER_RULES],
  clusterRules: [],
};

/** A ChaosRule as a Kubernetes RBAC PolicyRule. */
export function policyRule(rule: ChaosRule): k8s.PolicyRule {
  return { apiGroups: [...rule.apiGroups], resources: [...rule.resources], verbs: [...rule.verbs] };
}
