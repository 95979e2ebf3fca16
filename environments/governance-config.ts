/** Kyverno governance of one environment. */

export type ValidationAction = 'Audit' | 'Deny';

export interface GovernanceConfig {
  /** What a violation does: Audit records it, Deny rejects the request. */
  readonly validationAction: ValidationAction;
  /** Registries images may come from (ECR hosts). Must not be empty. */
  readonly trustedRegistries: readonly string[];
  /** Highest CPU limit a single container may declare, in cores. */
  readonly maxContainerCpu: number;
  /** Highest memory limit a single container may declare, in GiB. */
  readonly maxContainerMemoryGiB: number;
}
