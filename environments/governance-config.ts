/** Kyverno governance of one environment. */
import type { PolicyExceptionProps } from '../lib/governance/policy-exception';

export type ValidationAction = 'Audit' | 'Deny';

/** Kyverno controller sizing: the admission controller serves every app-namespace request. */
export interface KyvernoConfig {
  /** Admission controller replicas; at least 2 where policies deny (the webhook fails closed). */
  readonly admissionReplicas: number;
  /** Replicas of each of the background, cleanup and reports controllers. */
  readonly controllerReplicas: number;
}

/** Trivy operator: vulnerability and configuration reports for running workloads. */
export interface VulnerabilityScanningConfig {
  /**
   * Namespace the operator and its scan jobs run in: a configured namespace of tier `security`, whose
   * Pod Security level admits the node collector (read-only host paths).
   */
  readonly namespace: string;
  /** How long a vulnerability report lives before the image is scanned again, e.g. `24h`. */
  readonly rescanAfter: string;
  /** Scan jobs running at the same time (they count against the namespace quota). */
  readonly concurrentScans: number;
}

/**
 * A time-boxed exemption from one or more policies for named workloads (name, workloads, owner
 * and reason as the PolicyException construct takes them). Exemptions select the workload and
 * the pods it creates by namespace and `app.kubernetes.io/name` label.
 */
export interface PolicyExceptionConfig extends Pick<PolicyExceptionProps, 'name' | 'workloads' | 'owner' | 'reason'> {
  /** Names of the exempted policies; each must be a policy this environment renders. */
  readonly policies: readonly string[];
  /** Namespace of the exempted workloads; must be a governed namespace (`tenancy.namespaces`). */
  readonly namespace: string;
  /** Day the exception stops applying (`YYYY-MM-DD`, UTC); synth fails once it has passed. */
  readonly expires: string;
}

export interface GovernanceConfig {
  /** What a violation does: Audit records it, Deny rejects the request. */
  readonly validationAction: ValidationAction;
  /**
   * Per-policy override of `validationAction`, by policy name (e.g. audit a new policy first).
   * @default {}
   */
  readonly policyActions: Readonly<Record<string, ValidationAction>>;
  /** Highest CPU limit a single container may declare, in cores. */
  readonly maxContainerCpu: number;
  /** Highest memory limit a single container may declare, in GiB. */
  readonly maxContainerMemoryGiB: number;
  readonly kyverno: KyvernoConfig;
  readonly vulnerabilityScanning: VulnerabilityScanningConfig;
  /**
   * Time-boxed policy exceptions.
   * @default []
   */
  readonly exceptions: readonly PolicyExceptionConfig[];
}
