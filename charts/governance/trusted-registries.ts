import { awsNames, type EnvironmentConfig } from '../../environments';

/**
 * Registry hosts the image policy of an environment trusts: its own ECR registry, where the
 * bootstrap creates the repositories and the nodes may pull, then any additional registries.
 */
export function trustedRegistries(env: EnvironmentConfig): readonly string[] {
  const own = awsNames(env).imageRegistry;
  return [own, ...(env.tenancy.additionalTrustedRegistries ?? []).filter((registry) => registry !== own)];
}
