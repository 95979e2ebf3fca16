/**
 * The typed shape of one environment. Everything the charts and the bootstrap render is derived
 * from a value of this type, so a name (cluster, queue, role) is written once, here.
 *
 * Section types of the larger components live beside this file (`*-config.ts`) and are
 * re-exported here.
 */
import type { CapacityConfig } from './capacity-config';
import type { ChaosConfig } from './chaos-config';
import type { GovernanceConfig } from './governance-config';
import type { ObservabilityConfig } from './observability-config';
import type { TenancyConfig } from './tenancy-config';
import type { DemoAppConfig } from './demo-app-config';

export type { CapacityConfig } from './capacity-config';
export type { ChaosConfig } from './chaos-config';
export type { GovernanceConfig } from './governance-config';
export type { ObservabilityConfig } from './observability-config';
export type { TenancyConfig } from './tenancy-config';
export type { DemoAppConfig } from './demo-app-config';

/** The class of an environment: decides the baseline behaviour (HA, spot share, policy mode). */
export type EnvironmentTier = 'dev' | 'staging' | 'prod';

export interface AwsConfig {
  /** 12-digit AWS account id. */
  readonly accountId: string;
  /** AWS region, e.g. `eu-west-1`. */
  readonly region: string;
  /** Availability zones used by subnets and topology spread; must belong to `region`. */
  readonly availabilityZones: readonly string[];
}

export interface ClusterConfig {
  /** EKS cluster name (1-100 characters, AWS rule); also the Karpenter discovery tag value. */
  readonly name: string;
  /** Kubernetes minor version, e.g. `1.33`. */
  readonly kubernetesVersion: string;
  /** VPC CIDR block; the bootstrap carves the subnets out of it. */
  readonly vpcCidr: string;
  /**
   * CIDRs allowed to reach the public API endpoint. Empty means the endpoint is private only.
   * @default []
   */
  readonly publicAccessCidrs: readonly string[];
}

export interface OwnershipConfig {
  /** Team label (`team`) stamped on every object. */
  readonly team: string;
  /** Cost-center label (`cost-center`) stamped on every object and every AWS resource. */
  readonly costCenter: string;
  /** Contact for alerts and policy exceptions. */
  readonly contact: string;
}

export interface GitOpsConfig {
  /** Git URL Argo CD pulls the rendered manifests from. */
  readonly repoUrl: string;
  /**
   * Branch holding only rendered output.
   * @default 'gitops'
   */
  readonly branch: string;
  /**
   * API server Argo CD deploys to.
   * @default 'https://kubernetes.default.svc' (the cluster Argo CD runs in)
   */
  readonly destinationServer: string;
  /**
   * Render an ApplicationSet (cluster generator by labels) so one Argo CD drives every cluster of
   * this environment class.
   * @default false
   */
  readonly fleetMode: boolean;
  /**
   * Let Argo CD prune and delete Namespaces, PersistentVolumeClaims and CustomResourceDefinitions
   * (and cascade-delete Helm releases). Off, they are annotated `Prune=false,Delete=false`, so
   * removing a component never deletes data or every custom resource of a CRD.
   * @default false
   */
  readonly allowDestructivePrune: boolean;
}

/** What a namespace is for; decides its Pod Security level and network defaults. */
export type NamespaceTier = 'platform' | 'apps' | 'data' | 'monitoring' | 'chaos' | 'security';

export interface NamespaceConfig {
  /** Namespace name (DNS-1123 label). */
  readonly name: string;
  readonly tier: NamespaceTier;
  /** ResourceQuota: total CPU requests, in cores. */
  readonly quotaCpu: number;
  /** ResourceQuota: total memory requests, in GiB. */
  readonly quotaMemoryGiB: number;
  /** ResourceQuota: maximum number of pods. */
  readonly quotaPods: number;
  /**
   * Quota added per node the cluster can have (system node group at its maximum plus every
   * NodePool at its CPU limit): for namespaces of per-node agents (DaemonSets).
   * @default - none: the quota is fixed
   */
  readonly quotaPerNode?: { readonly cpu: number; readonly memoryGiB: number; readonly pods: number };
}

/** Platform components an environment can switch on or off. */
export interface ComponentToggles {
  readonly karpenter: boolean;
  readonly argoRollouts: boolean;
  readonly keda: boolean;
  readonly kyverno: boolean;
  readonly externalSecrets: boolean;
  readonly monitoring: boolean;
  readonly chaos: boolean;
  readonly demoApp: boolean;
}

export interface EnvironmentConfig {
  /** Environment name; also the `dist/<name>/` folder. Lower-case DNS label. */
  readonly name: string;
  readonly tier: EnvironmentTier;
  readonly aws: AwsConfig;
  readonly cluster: ClusterConfig;
  readonly ownership: OwnershipConfig;
  readonly gitops: GitOpsConfig;
  readonly namespaces: readonly NamespaceConfig[];
  /** Where tenant workloads may deploy and pull from: platform-level, read by Argo CD and governance. */
  readonly tenancy: TenancyConfig;
  readonly components: ComponentToggles;
  readonly capacity: CapacityConfig;
  /** The demo application; read only while `components.demoApp` is on. */
  readonly demoApp: DemoAppConfig;
  readonly governance: GovernanceConfig;
  readonly chaos: ChaosConfig;
  readonly observability: ObservabilityConfig;
}

export type DeepPartial<T> = T extends readonly (infer U)[]
  ? readonly U[]
  : T extends object
    ? { readonly [K in keyof T]?: DeepPartial<T[K]> }
    : T;
