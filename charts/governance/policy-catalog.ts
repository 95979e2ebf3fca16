import { REQUIRED_POD_LABELS } from '../../lib/workloads/labels';
import { Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-29';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../environments';
import { trustedRegistries } from './trusted-registries';
import {
  DisallowHostAccess,
  DisallowLatestTag,
  DisallowPrivilegedContainers,
  RequireDropAllCapabilities,
  RequireProbes,
  RequireResourceRequestsLimits,
  RequireRunAsNonRoot,
  RequireRuntimeDefaultSeccomp,
  RequireWorkloadLabels,
  RestrictContainerResources,
  RestrictImageRegistries,
  RestrictSpotToStateless,
  type WorkloadPolicy,
  type WorkloadPolicyOptions,
} from '../../lib/governance';

/**
 * Labels every governed workload and pod template carries (cost allocation and ownership): the
 * ones the workload constructs require, so the constructs and the policy cannot disagree.
 */
const REQUIRED_WORKLOAD_LABELS = REQUIRED_POD_LABELS;

interface CatalogEntry {
  readonly name: string;
  readonly build: (scope: Construct, options: WorkloadPolicyOptions, env: EnvironmentConfig) => WorkloadPolicy;
}

/** Every policy an environment renders, in render order. Adding a policy is one entry here. */
export const POLICY_CATALOG: readonly CatalogEntry[] = [
  { name: DisallowPrivilegedContainers.NAME, build: (s, o) => new DisallowPrivilegedContainers(s, DisallowPrivilegedContainers.NAME, o) },
  { name: RequireRunAsNonRoot.NAME, build: (s, o) => new RequireRunAsNonRoot(s, RequireRunAsNonRoot.NAME, o) },
  { name: DisallowHostAccess.NAME, build: (s, o) => new DisallowHostAccess(s, DisallowHostAccess.NAME, o) },
  { name: RequireDropAllCapabilities.NAME, build: (s, o) => new RequireDropAllCapabilities(s, RequireDropAllCapabilities.NAME, o) },
  { name: RequireRuntimeDefaultSeccomp.NAME, build: (s, o) => new RequireRuntimeDefaultSeccomp(s, RequireRuntimeDefaultSeccomp.NAME, o) },
  {
    name: RequireWorkloadLabels.NAME,
    build: (s, o) => new RequireWorkloadLabels(s, RequireWorkloadLabels.NAME, { ...o, labels: REQUIRED_WORKLOAD_LABELS }),
  },
  { name: RequireResourceRequestsLimits.NAME, build: (s, o) => new RequireResourceRequestsLimits(s, RequireResourceRequestsLimits.NAME, o) },
  {
    name: RestrictContainerResources.NAME,
    build: (s, o, env) =>
      new RestrictContainerResources(s, RestrictContainerResources.NAME, {
        ...o,
        maxCpu: cpuOf(env.governance.maxContainerCpu),
        maxMemory: Size.mebibytes(Math.round(env.governance.maxContainerMemoryGiB * 1024)),
      }),
  },
  {
    name: RestrictImageRegistries.NAME,
    build: (s, o, env) => new RestrictImageRegistries(s, RestrictImageRegistries.NAME, { ...o, registries: trustedRegistries(env) }),
  },
  { name: DisallowLatestTag.NAME, build: (s, o) => new DisallowLatestTag(s, DisallowLatestTag.NAME, o) },
  { name: RequireProbes.NAME, build: (s, o) => new RequireProbes(s, RequireProbes.NAME, o) },
  { name: RestrictSpotToStateless.NAME, build: (s, o) => new RestrictSpotToStateless(s, RestrictSpotToStateless.NAME, o) },
];

export const POLICY_NAMES: readonly string[] = POLICY_CATALOG.map((p) => p.name);

/** Namespaces the policies govern: the tenant namespaces, whose every workload this repository renders. */
export function governedNamespaces(env: EnvironmentConfig): string[] {
  return [...new Set(env.tenancy.namespaces)];
}

function cpuOf(cores: number): Cpu {
  return Number.isInteger(cores) ? Cpu.units(cores) : Cpu.millis(Math.round(cores * 1000));
}
