import { awsNames, demoAppNames, type EnvironmentConfig } from '../../../environments';
import { PLACEHOLDER_PREFIX } from '../secrets/managed-secret';
import type { EnvironmentSecret } from '../secrets/environment-secrets';

/** Public images the mirror repositories (the demo app's `ecrRepositories.redis|postgres`, the platform's `kubectl`) copy. */
export const MIRROR_SOURCES = { redis: 'docker.io/library/redis', postgres: 'docker.io/library/postgres', kubectl: 'registry.k8s.io/kubectl' } as const;

/**
 * What a person still has to do after `terraform apply` before Argo CD can bring everything up:
 * push or mirror every image the manifests reference into the environment's own registry, and
 * fill in every placeholder secret. Printed as a Terraform output, one step per line.
 */
export function manualSteps(env: EnvironmentConfig, secrets: readonly EnvironmentSecret[]): string[] {
  const names = awsNames(env);
  const registry = names.imageRegistry;
  const steps: string[] = [];
  if (env.components.demoApp) {
    const repos = demoAppNames(env).ecrRepositories;
    for (const component of ['frontend', 'api', 'worker'] as const) {
      steps.push(`push image ${registry}/${repos[component]}:${env.demoApp.imageTag} (build of the demo ${component})`);
    }
    steps.push(`mirror ${MIRROR_SOURCES.redis}:${env.demoApp.storeImageTags.redis} to ${registry}/${repos.redis}:${env.demoApp.storeImageTags.redis}`);
    if (env.demoApp.externalDatabaseEndpoint === '') {
      steps.push(`mirror ${MIRROR_SOURCES.postgres}:${env.demoApp.storeImageTags.postgres} to ${registry}/${repos.postgres}:${env.demoApp.storeImageTags.postgres}`);
    }
  }
  if (env.components.chaos) {
    steps.push(`mirror ${MIRROR_SOURCES.kubectl}:${env.chaos.kubectlImageTag} to ${registry}/${names.ecrRepositories.kubectl}:${env.chaos.kubectlImageTag}`);
  }
  for (const secret of secrets) {
    for (const [property, source] of Object.entries(secret.properties).sort(([a], [b]) => a.localeCompare(b))) {
      if ('placeholder' in source) steps.push(`fill secret ${secret.secretName} property ${property}: ${source.placeholder} (now "${PLACEHOLDER_PREFIX}${source.placeholder}")`);
    }
  }
  return steps;
}
