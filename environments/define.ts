import { deepMerge } from '../lib/config/deep-merge';
import { defaults } from './defaults';
import type { AwsConfig, ClusterConfig, DeepPartial, EnvironmentConfig, EnvironmentTier } from './types';

/** Everything of an environment that has a shared default. */
export type EnvironmentDefaults = Omit<EnvironmentConfig, 'name' | 'tier' | 'aws' | 'cluster'> & {
  readonly cluster: Pick<ClusterConfig, 'kubernetesVersion' | 'publicAccessCidrs'>;
};

/** What an environment file writes: its identity, plus only what differs from the defaults. */
export type EnvironmentDefinition = DeepPartial<Omit<EnvironmentConfig, 'name' | 'tier' | 'aws' | 'cluster'>> & {
  readonly name: string;
  readonly tier: EnvironmentTier;
  readonly aws: AwsConfig;
  readonly cluster: Pick<ClusterConfig, 'name' | 'vpcCidr'> & DeepPartial<ClusterConfig>;
};

/** Resolves an environment definition against the shared defaults. Validation happens later. */
export function defineEnvironment(definition: EnvironmentDefinition): EnvironmentConfig {
  return deepMerge(defaults as unknown as EnvironmentConfig, definition);
}
