import { App } from 'cdk8s';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../environments';
import { ApplicationSource, DEFAULT_PROJECT, PlatformApplication } from '../../lib/argocd';
import { PlatformChart } from '../platform-chart';

/** Namespace Argo CD is installed in; every Argo CD object of the platform lives there. */
export const ARGOCD_NAMESPACE = 'argocd';

/** The cluster Argo CD runs in: Applications are created there, whatever they deploy to. */
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';

/** Folder of the gitops branch the root Application syncs: the projects and child Applications. */
export function rootPath(env: EnvironmentConfig): string {
  return `dist/${env.name}/argocd`;
}

/** Adds the root Application of `env` (the app of apps) to `scope`. */
export function addRootApplication(scope: Construct, env: EnvironmentConfig): PlatformApplication {
  return new PlatformApplication(scope, 'root', {
    name: `${env.name}-root`,
    namespace: ARGOCD_NAMESPACE,
    // The projects do not exist until the root Application has synced them.
    project: DEFAULT_PROJECT,
    source: ApplicationSource.gitDirectory({ repoUrl: env.gitops.repoUrl, revision: env.gitops.branch, path: rootPath(env) }),
    destinationServer: IN_CLUSTER_SERVER,
    destinationNamespace: ARGOCD_NAMESPACE,
    // Deleting the root must not take the platform with it.
    cascadeDelete: false,
  });
}

/**
 * The root Application manifest of `env`, identical to the one rendered into
 * `dist/<env>/argocd/`: the bootstrap applies it once, then Argo CD keeps it in sync from git.
 */
export function rootApplication(env: EnvironmentConfig): Record<string, unknown> {
  const chart = new PlatformChart(new App(), 'argocd', env);
  return addRootApplication(chart, env).resource.toJson();
}
