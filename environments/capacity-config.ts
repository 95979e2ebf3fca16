/** Karpenter capacity of one environment. */

/** AMI family of the EC2NodeClass, selected by alias. */
export type AmiFamily = 'al2023' | 'bottlerocket';

export interface NodePoolCapacity {
  /** Whether this pool exists in the environment. */
  readonly enabled: boolean;
  /** NodePool `limits.cpu`: total vCPU Karpenter may provision in this pool. */
  readonly maxCpu: number;
  /** NodePool `limits.memory`, in GiB. */
  readonly maxMemoryGiB: number;
}

export interface DisruptionConfig {
  /** Share of nodes (percent) that may be disrupted at once. */
  readonly maxUnavailablePercent: number;
  /**
   * Cron (UTC) during which drift/underutilized disruption is frozen, with its duration;
   * empty string disables the freeze.
   * @default '' (no freeze)
   */
  readonly freezeSchedule: string;
  /** Duration of the freeze window, e.g. `10h`. */
  readonly freezeDuration: string;
  /**
   * Remove every empty node at once (a 100 % budget for the `Empty` reason), so pools drain to
   * zero quickly when workloads sleep; drift and underutilization keep `maxUnavailablePercent`.
   * @default false
   */
  readonly scaleToZero: boolean;
}

export interface CapacityConfig {
  readonly amiFamily: AmiFamily;
  /** AMI alias version: `latest` (dev only) or a pinned version such as `v20251120`. */
  readonly amiAliasVersion: string;
  readonly spot: NodePoolCapacity;
  readonly onDemand: NodePoolCapacity;
  /** How long a node may be empty or underutilized before consolidation, e.g. `30s`. */
  readonly consolidateAfter: string;
  /** Maximum node lifetime, e.g. `720h`. */
  readonly expireAfter: string;
  readonly disruption: DisruptionConfig;
  /** Root volume size of Karpenter nodes, in GiB. */
  readonly rootVolumeGiB: number;
  /**
   * Allow workloads to prefer Graviton (arm64) nodes: both pools offer arm64 next to amd64.
   * `false` keeps every Karpenter node amd64.
   * @default true
   */
  readonly preferArm64: boolean;
  /**
   * Image repositories (registry host and path, no tag) built for amd64 only. A workload running
   * one must not require, prefer or be able to land on arm64 nodes; the render fails otherwise.
   * @default []
   */
  readonly amd64OnlyImages: readonly string[];
}
