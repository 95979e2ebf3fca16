import { systemNodeGroupOf, type EnvironmentConfig } from '../../environments';
import { MANAGED_NODE_GROUP_LABEL, SYSTEM_NODE_TOLERATION } from '../../lib/scheduling/capacity';

/** Node selector and tolerations of a pod that must run on the system node group. */
export interface SystemNodePlacement {
  readonly nodeSelector: Record<string, string>;
  readonly tolerations: Record<string, string>[];
}

/**
 * Where controllers that sync before Karpenter can add capacity run (External Secrets, KEDA,
 * Argo Rollouts, Kyverno): the system node group the bootstrap creates, by its managed node group
 * label, tolerating its taint. The sync-plan gate checks every early pod against the same group.
 */
export function systemNodePlacement(env: EnvironmentConfig): SystemNodePlacement {
  return {
    nodeSelector: { [MANAGED_NODE_GROUP_LABEL]: systemNodeGroupOf(env).name },
    tolerations: [{ ...SYSTEM_NODE_TOLERATION }],
  };
}
